import { describe, expect, it } from 'vitest';
import {
  authorsOf,
  bulkDecision,
  countByGroup,
  groupSuggestions,
  listedOrder,
  matchesFilter,
  type PendingSuggestion,
} from './pendingSuggestions.ts';

const suggestion = (
  id: string,
  sectionId: string,
  groupId: string | null,
  authorId = `author-${groupId}`,
): PendingSuggestion => ({
  id,
  sectionId,
  groupId,
  authorId,
  authorName: authorId.toUpperCase(),
  at: 0,
  kind: 'insert',
  insertedText: id,
  deletedText: '',
  from: id.charCodeAt(0),
});

const all = [
  suggestion('a', 's2', 'g2'),
  suggestion('b', 's1', null, 'fp'),
  suggestion('c', 's1', 'g2'),
  suggestion('d', 's1', 'g1'),
  suggestion('e', 's2', 'g2', 'dara'),
];

describe('groupSuggestions', () => {
  it('groups by section in plan order, then by group in plan order with the plenary last', () => {
    const grouped = groupSuggestions(all, ['s1', 's2', 's3'], ['g1', 'g2']);
    expect(
      grouped.map((s) => [
        s.sectionId,
        s.count,
        s.groups.map((g) => [g.groupId, g.suggestions.length]),
      ]),
    ).toEqual([
      [
        's1',
        3,
        [
          ['g1', 1],
          ['g2', 1],
          [null, 1],
        ],
      ],
      ['s2', 2, [['g2', 2]]],
    ]);
    expect(listedOrder(grouped).map((s) => s.id)).toEqual(['d', 'c', 'b', 'a', 'e']);
  });

  it('lists a removed group after the plan groups and before the plenary', () => {
    const grouped = groupSuggestions(
      [suggestion('x', 's1', null), suggestion('y', 's1', 'gone'), suggestion('z', 's1', 'g1')],
      ['s1'],
      ['g1'],
    );
    expect(grouped[0]?.groups.map((g) => g.groupId)).toEqual(['g1', 'gone', null]);
  });
});

describe('filters and counts', () => {
  it('matches every field given, and null as the plenary', () => {
    expect(all.filter((s) => matchesFilter(s, {})).length).toBe(5);
    expect(all.filter((s) => matchesFilter(s, { groupId: 'g2' })).map((s) => s.id)).toEqual([
      'a',
      'c',
      'e',
    ]);
    expect(all.filter((s) => matchesFilter(s, { groupId: null })).map((s) => s.id)).toEqual(['b']);
    expect(
      all.filter((s) => matchesFilter(s, { groupId: 'g2', sectionId: 's2', authorId: 'dara' })),
    ).toHaveLength(1);
  });

  it('counts per group and per author', () => {
    expect([...countByGroup(all)]).toEqual([
      ['g2', 3],
      [null, 1],
      ['g1', 1],
    ]);
    expect(authorsOf(all).map((a) => [a.name, a.count])).toEqual([
      ['AUTHOR-G1', 1],
      ['AUTHOR-G2', 2],
      ['DARA', 1],
      ['FP', 1],
    ]);
  });
});

describe('bulkDecision', () => {
  it('names every suggestion under the filter, across sections', () => {
    const named = (request: ReturnType<typeof bulkDecision>) =>
      request.suggestions.map((s) => `${s.sectionId}/${s.suggestionId}`);
    const byGroup = bulkDecision(all, { groupId: 'g2' }, 'accept');
    expect(byGroup.action).toBe('accept');
    expect(named(byGroup)).toEqual(['s2/a', 's1/c', 's2/e']);
    expect(named(bulkDecision(all, { sectionId: 's1', groupId: null }, 'reject'))).toEqual([
      's1/b',
    ]);
    expect(named(bulkDecision(all, { authorId: 'dara' }, 'reject'))).toEqual(['s2/e']);
    expect(bulkDecision(all, { sectionId: 's3' }, 'accept').suggestions).toEqual([]);
  });
});
