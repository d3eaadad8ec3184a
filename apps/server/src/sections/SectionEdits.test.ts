import { sectionFragmentName } from '@plenary/model';
import { describe, expect, it } from 'vitest';
import { SectionEdits } from './SectionEdits.ts';

const update = (participantId: string | null, ...roots: string[]) => ({
  planId: 'p1',
  touchedRoots: new Set(roots),
  update: new Uint8Array(),
  clocks: () => new Map(),
  participantId,
});

describe('SectionEdits', () => {
  it('names whoever last changed each section, by whichever update', () => {
    let clock = Date.parse('2026-12-06T10:00:00Z');
    const edits = new SectionEdits(() => new Date(clock));
    edits.onClientUpdate(update('bora', sectionFragmentName('s1'), sectionFragmentName('s2')));
    clock += 60_000;
    edits.onClientUpdate(update('dara', sectionFragmentName('s2'), 'plan'));
    expect(edits.of('p1')).toEqual([
      { sectionId: 's1', participantId: 'bora', at: new Date('2026-12-06T10:00:00Z') },
      { sectionId: 's2', participantId: 'dara', at: new Date('2026-12-06T10:01:00Z') },
    ]);
    expect(edits.of('p2')).toEqual([]);
  });

  it('ignores updates that touch no section, or come from no participant', () => {
    const edits = new SectionEdits();
    edits.onClientUpdate(update('bora', 'plan'));
    edits.onClientUpdate(update(null, sectionFragmentName('s1')));
    expect(edits.of('p1')).toEqual([]);
  });

  it("takes in the other processes' edits as its own sockets' (scaled out)", () => {
    let clock = Date.parse('2026-12-08T03:00:00Z');
    const edits = new SectionEdits(() => new Date(clock));
    edits.onClientUpdate(update('bora', sectionFragmentName('s1')));
    clock += 1_000;
    edits.onOtherProcessUpdate({
      planId: 'p1',
      touchedRoots: new Set([sectionFragmentName('s1'), 'plan']),
      participantId: 'dara',
    });
    expect(edits.of('p1')).toEqual([
      { sectionId: 's1', participantId: 'dara', at: new Date('2026-12-08T03:00:01Z') },
    ]);
  });
});
