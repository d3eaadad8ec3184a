import { describe, expect, it } from 'vitest';
import type { VersionSummary } from '../../api/versionTypes.ts';
import { planAccessFor, renderMarkup } from '../../test-support/renderMarkup.tsx';
import { CompareForm } from './CompareForm.tsx';
import { HistoryPanel } from './HistoryPanel.tsx';

const versions: VersionSummary[] = [
  {
    id: 'v3',
    name: 'Before restoring “End of day 1”',
    reason: 'restore',
    createdAt: '2025-03-15T12:00:00.000Z',
    createdBy: { participantId: 'p-alice', name: 'Alice' },
  },
  {
    id: 'v2',
    name: null,
    reason: 'activity',
    createdAt: '2025-03-14T14:00:00.000Z',
    createdBy: null,
  },
  {
    id: 'v1',
    name: 'End of day 1',
    reason: 'named',
    createdAt: '2025-03-14T12:00:00.000Z',
    createdBy: { participantId: 'p-alice', name: 'Alice' },
  },
];

describe('HistoryPanel', () => {
  it('lets the facilitator and focal points save a version', () => {
    for (const role of ['facilitator', 'focal-point'] as const) {
      const html = renderMarkup(
        <HistoryPanel phase="review" onCompare={() => {}} />,
        planAccessFor({ role }),
      );
      expect(html).toContain('>Save version</button>');
    }
  });

  it('shows members the history without the save form', () => {
    const html = renderMarkup(
      <HistoryPanel phase="drafting" onCompare={() => {}} />,
      planAccessFor({ role: 'member', groupId: 'g1' }),
    );
    expect(html).toContain('>History</h2>');
    expect(html).not.toContain('Save version');
  });
});

describe('CompareForm', () => {
  const html = renderMarkup(
    <CompareForm versions={versions} onCompare={() => {}} />,
    planAccessFor(),
  );

  it('lists versions newest first with their labels and who saved them', () => {
    const labels = [...html.matchAll(/history-version__label">([^<]*)</g)].map((match) => match[1]);
    expect(labels).toEqual([
      'Before restoring “End of day 1”',
      'Automatic, while editing',
      'End of day 1',
    ]);
    expect(html).toContain('by Alice · <time dateTime="2025-03-14T12:00:00.000Z">');
  });

  it('compares the newest version with now unless told otherwise', () => {
    expect(html).toContain('checked="" value="v3"');
    expect(html).toContain('<option value="now" selected="">Now</option>');
    // The version being compared is not offered as the other side.
    expect(html).not.toContain('<option value="v3"');
    expect(html).toContain('>Compare</button>');
  });

  it('says how versions come about when there are none yet', () => {
    const empty = renderMarkup(<CompareForm versions={[]} onCompare={() => {}} />, planAccessFor());
    expect(empty).toContain('One is saved at every phase change');
    expect(empty).not.toContain('>Compare</button>');
  });
});
