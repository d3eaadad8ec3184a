import { describe, expect, it } from 'vitest';
import type { Round, RoundItem } from '../../api/discussionTypes.ts';
import { supportMarks } from './roundSupport.ts';

const tally = (agree: number, disagree = 0, abstain = 0) => ({ agree, disagree, abstain });

function round(
  id: string,
  items: RoundItem[],
  { sectionId = 's1', status = 'closed', closedAt = '2026-12-06T10:00:00.000Z' } = {},
): Round {
  return {
    id,
    sectionId,
    status: status as Round['status'],
    answered: 3,
    eligible: 3,
    items,
    mine: {},
    openedAt: '2026-12-06T09:00:00.000Z',
    closedAt: status === 'closed' ? closedAt : null,
  };
}

const item = (id: string, text: string, counts = tally(3)): RoundItem => ({
  id,
  text,
  answered: 3,
  tally: counts,
});

describe('supportMarks', () => {
  it('puts each tally on the block the round froze, by its id, even once reworded', () => {
    const rounds = [
      round('r1', [item('1-0', 'Name the ministry.', tally(2, 1)), item('1-9', 'B')]),
    ];
    const current = [
      { id: '1-0', text: 'Name the Ministry of Interior.' },
      { id: '1-9', text: 'B' },
    ];
    expect(supportMarks(rounds, 's1', current)).toEqual([
      { blockId: '1-0', tally: tally(2, 1) },
      { blockId: '1-9', tally: tally(3) },
    ]);
  });

  it('finds a re-created block by the words the round froze, whitespace aside', () => {
    const rounds = [round('r1', [item('1-0', 'Train  the\nvolunteers.')])];
    const current = [
      { id: '2-5', text: 'Something else.' },
      { id: '2-7', text: 'Train the volunteers.' },
    ];
    expect(supportMarks(rounds, 's1', current)).toEqual([{ blockId: '2-7', tally: tally(3) }]);
  });

  it('does not give one block the words of another item of the same round', () => {
    // Two recommendations once read the same; the one still there keeps its own tally.
    const rounds = [round('r1', [item('1-0', 'Same.', tally(1)), item('1-4', 'Same.', tally(2))])];
    const current = [{ id: '1-4', text: 'Same.' }];
    const marks = supportMarks(rounds, 's1', current);
    expect(marks.find((mark) => mark.blockId === '1-4')?.tally).toEqual(tally(2));
  });

  it('shows the newest closed round on a block, and nothing from open rounds or other sections', () => {
    const rounds = [
      round('old', [item('1-0', 'A', tally(1, 5))], { closedAt: '2026-12-06T10:00:00.000Z' }),
      round('new', [item('1-0', 'A', tally(6))], { closedAt: '2026-12-06T11:00:00.000Z' }),
      round('open', [{ id: '1-0', text: 'A', answered: 2 }], { status: 'open' }),
      round('other', [item('1-0', 'A', tally(0, 9))], { sectionId: 's2' }),
    ];
    expect(supportMarks(rounds, 's1', [{ id: '1-0', text: 'A' }])).toEqual([
      { blockId: '1-0', tally: tally(6) },
    ]);
  });

  it('keeps an id it cannot see yet, for a block that has not arrived', () => {
    const rounds = [round('r1', [item('3-2', 'Not here yet.')])];
    expect(supportMarks(rounds, 's1', [])).toEqual([{ blockId: '3-2', tally: tally(3) }]);
  });
});
