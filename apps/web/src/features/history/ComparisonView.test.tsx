import type { PlanState } from '@plenary/model';
import { describe, expect, it } from 'vitest';
import type { Comparison, SectionDiff, VersionSummary } from '../../api/versionTypes.ts';
import { planAccessFor, renderMarkup } from '../../test-support/renderMarkup.tsx';
import { ComparisonContent } from './ComparisonView.tsx';

const plan: PlanState = {
  title: 'Plan',
  phase: 'drafting',
  sections: [{ id: 's1', title: 'Public awareness', groupId: 'g1', status: 'drafting' }],
  removedSections: [],
  groups: [{ id: 'g1', name: 'Group 1', color: '#1565c0', archived: false }],
};

const endOfDay: VersionSummary = {
  id: 'v1',
  name: 'End of day 1',
  reason: 'named',
  createdAt: '2025-03-14T12:00:00.000Z',
  createdBy: { participantId: 'p-alice', name: 'Alice' },
};

const changed: SectionDiff = {
  sectionId: 's1',
  title: 'Public awareness',
  previousTitle: 'Awareness',
  status: 'changed',
  participantId: 'p-alice',
  blocks: [
    {
      type: 'paragraph',
      path: [],
      change: null,
      participantId: null,
      runs: [
        { text: 'Radio in ', change: null, participantId: null, marks: [] },
        { text: 'two', change: 'deleted', participantId: 'p-alice', marks: [] },
        { text: 'every', change: 'inserted', participantId: 'p-bora', marks: ['bold'] },
        { text: ' province.', change: null, participantId: null, marks: [] },
      ],
    },
    {
      type: 'paragraph',
      path: ['bulletList', 'listItem'],
      change: 'inserted',
      participantId: 'p-bora',
      runs: [{ text: 'School curricula', change: 'inserted', participantId: 'p-bora', marks: [] }],
    },
  ],
};

const section = (sectionId: string, status: SectionDiff['status']): SectionDiff => ({
  sectionId,
  title: `Section ${sectionId}`,
  previousTitle: null,
  status,
  blocks: [
    {
      type: 'paragraph',
      path: [],
      change: status === 'added' ? 'inserted' : status === 'removed' ? 'deleted' : null,
      participantId: null,
      runs: [{ text: `Text of ${sectionId}`, change: null, participantId: null, marks: [] }],
    },
  ],
});

const comparison = (to: VersionSummary | null): Comparison => ({
  from: endOfDay,
  to,
  sections: [changed, section('s2', 'unchanged'), section('s3', 'added'), section('s4', 'removed')],
  people: [
    { participantId: 'p-bora', name: 'Bora', groupId: 'g1' },
    { participantId: 'p-alice', name: 'Alice', groupId: null },
  ],
});

const render = (role: 'facilitator' | 'member', to: VersionSummary | null = null) =>
  renderMarkup(
    <ComparisonContent comparison={comparison(to)} plan={plan} />,
    planAccessFor({ role, groupId: role === 'member' ? 'g1' : null }),
  );

describe('ComparisonContent', () => {
  const html = render('facilitator');

  it('marks inserted and deleted text in the author’s group colour, with their name', () => {
    expect(html).toContain(
      '<ins class="diff-change" title="Added by Bora (Group 1)" data-participant-id="p-bora" data-author-name="Bora" style="--author-color:#1565c0"><strong>every</strong></ins>',
    );
    expect(html).toContain(
      '<del class="diff-change" title="Removed by Alice (Plenary)" data-participant-id="p-alice" data-author-name="Alice" style="--author-color:#1f3a5f">two</del>',
    );
  });

  it('labels a block added as a whole, and a renamed section', () => {
    expect(html).toMatch(
      /class="diff-block diff-block--list diff-block--inserted" data-change="inserted"[^>]*><span class="diff-block__label">Added by Bora \(Group 1\)<\/span>/,
    );
    expect(html).toContain('Renamed from “Awareness”');
    expect(html).toContain('>Changed · by Alice<');
  });

  it('edges each section in its group’s colour, as in the plan', () => {
    expect(html).toMatch(/data-section-id="s1"[^>]*style="border-inline-start-color:#1565c0"/);
    expect(html).toMatch(
      /data-section-id="s4"[^>]*style="border-inline-start-color:var\(--plenary-color\)"/,
    );
  });

  it('lists the authors with their group colours', () => {
    expect(html).toMatch(
      /background-color:#1565c0"[^>]*><\/span>Bora <span class="muted">· Group 1/,
    );
    expect(html).toContain('Alice <span class="muted">· Plenary');
  });

  it('says what became of each section, and hides the unchanged ones behind a toggle', () => {
    expect(html).toContain('>New section<');
    expect(html).toContain('>Section removed<');
    expect(html).toContain('Show unchanged sections (1)');
    expect(html).not.toContain('Text of s2');
  });

  it('offers restoring the plan, and each section that has something to restore', () => {
    expect(html).toContain('>Restore whole plan<');
    // The changed and the removed section; an added one was not in the version.
    expect(html.match(/>Restore this section</g)).toHaveLength(2);
  });

  it('offers no restoring to members', () => {
    expect(render('member')).not.toContain('Restore');
  });

  it('restores only against now, where the comparison shows what a restore undoes', () => {
    const between = render('facilitator', { ...endOfDay, id: 'v2', name: 'Day 2' });
    expect(between).not.toContain('>Restore');
    expect(between).toContain('To restore a version, compare it with Now.');
  });
});
