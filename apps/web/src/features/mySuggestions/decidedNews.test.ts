import { describe, expect, it } from 'vitest';
import type { DecisionLogEntry } from '../../api/planTypes.ts';
import { decidedNews } from './decidedNews.ts';

const entry = (id: string): DecisionLogEntry => ({
  id,
  sectionId: 's1',
  suggestionId: `sug-${id}`,
  action: 'accept',
  kind: 'insert',
  insertedText: id,
  deletedText: '',
  authorId: 'p1',
  authorName: 'Bora',
  groupId: 'g1',
  suggestedAt: null,
  decidedBy: 'p2',
  decidedByName: 'Chenda',
  decidedAt: '2026-12-06T10:00:00.000Z',
});

describe('decidedNews', () => {
  it('has no news on the first load', () => {
    expect(decidedNews(undefined, [entry('a')])).toEqual([]);
  });

  it('names the decisions that arrived since, newest first', () => {
    expect(
      decidedNews([entry('a')], [entry('c'), entry('b'), entry('a')]).map((e) => e.id),
    ).toEqual(['c', 'b']);
    expect(decidedNews([entry('a')], [entry('a')])).toEqual([]);
  });
});
