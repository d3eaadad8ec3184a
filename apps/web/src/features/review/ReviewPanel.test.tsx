import type { PlanState } from '@plenary/model';
import { describe, expect, it } from 'vitest';
import { planAccessFor, renderMarkup } from '../../test-support/renderMarkup.tsx';
import type { PendingSuggestion } from './pendingSuggestions.ts';
import { ReviewPanel } from './ReviewPanel.tsx';

const plan: PlanState = {
  title: 'Plan',
  phase: 'review',
  sections: [
    { id: 's1', title: 'Purpose', groupId: null, status: 'in-review' },
    { id: 's2', title: 'Roadmap', groupId: 'g2', status: 'in-review' },
  ],
  removedSections: [],
  groups: [
    { id: 'g1', name: 'Group 1', color: '#1565c0', archived: false },
    { id: 'g2', name: 'Group 2', color: '#c62828', archived: false },
  ],
};

const pending = (id: string, sectionId: string, groupId: string): PendingSuggestion => ({
  id,
  sectionId,
  groupId,
  authorId: `a-${groupId}`,
  authorName: groupId === 'g1' ? 'Dara' : 'Sokha',
  at: 0,
  kind: 'insert',
  insertedText: `text ${id}`,
  deletedText: '',
  from: 1,
});

describe('ReviewPanel', () => {
  const html = renderMarkup(
    <ReviewPanel
      plan={plan}
      pending={[pending('x', 's1', 'g1'), pending('y', 's2', 'g2'), pending('z', 's2', 'g2')]}
      preview={false}
      onPreview={() => {}}
    />,
    planAccessFor({ role: 'focal-point' }),
  );

  it('lists the suggestions by section and group, with counts', () => {
    expect(html).toContain('3 pending');
    expect(html).toContain('Purpose (1)');
    expect(html).toContain('Roadmap (2)');
    expect(html).toContain('Group 2 (2)');
    expect(html).toContain('<ins>text y</ins>');
  });

  it('gives every suggestion its Accept and Reject buttons, and says what bulk buttons do', () => {
    expect(html.match(/>Accept<\/button>/g)).toHaveLength(3);
    expect(html.match(/>Reject<\/button>/g)).toHaveLength(3);
    expect(html).toContain('>Accept all 3<');
    expect(html).toContain('aria-pressed="false">Preview as accepted<');
  });

  it('documents its keyboard shortcuts', () => {
    expect(html).toContain('a: accept');
    expect(html).toContain('r: reject');
  });
});
