import { describe, expect, it } from 'vitest';
import { type FlowItem, paginate } from './pagination.ts';

const AREA = { top: 0, bottom: 100 };

/** A named item of some height; `name` is what the placements report. */
const item = (name: string, height: number, more: Partial<FlowItem<string>> = {}) =>
  Object.assign({ height, draw: () => {}, name }, more);
const spacer = (height: number) => item('spacer', height, { spacer: true });

/** "name@page" for each placed item, spacers left out. */
const where = (items: FlowItem<string>[]) =>
  paginate(items, AREA).map(
    ({ item: placed, page }) => `${(placed as { name?: string }).name}@${page}`,
  );

describe('paginate', () => {
  it('keeps a heading with the text after it, across the spacer between them', () => {
    const items = [
      item('text', 80),
      spacer(4),
      item('heading', 10, { keepWithNext: true }),
      spacer(3),
      item('first line', 10),
    ];
    expect(where(items)).toEqual(['text@0', 'heading@1', 'first line@1']);
  });

  it('keeps a part title, its group label and the first line together', () => {
    const items = [
      item('text', 75),
      item('title', 10, { keepWithNext: true }),
      item('group', 8, { keepWithNext: true }),
      spacer(2),
      item('first line', 10),
    ];
    expect(where(items)).toEqual(['text@0', 'title@1', 'group@1', 'first line@1']);
  });

  it('moves a table row that fits on a page to the next one whole', () => {
    const items = [item('text', 60), item('row', 50)];
    expect(where(items)).toEqual(['text@0', 'row@1']);
  });

  it('keeps a table’s header row with its first row', () => {
    const items = [item('text', 70), item('header', 12, { keepWithNext: true }), item('row', 25)];
    expect(where(items)).toEqual(['text@0', 'header@1', 'row@1']);
  });

  it('splits a row taller than a page, starting where the page has room', () => {
    /** A row of `height` that splits anywhere, as long cells split between lines. */
    const row = (height: number): FlowItem<string> =>
      item('row', height, {
        split: (room) => [item('row', room), row(height - room)],
      });
    const placements = paginate([item('text', 40), row(230)], AREA);
    expect(placements.map((p) => [p.page, p.top, p.item.height])).toEqual([
      [0, 0, 40],
      [0, 40, 60],
      [1, 0, 100],
      [2, 0, 70],
    ]);
  });

  it('starts a new page before a part that asks for one, unless already at the top', () => {
    const items = [
      item('title page', 30),
      item('part', 10, { pageBreakBefore: true }),
      item('annex', 10, { pageBreakBefore: true }),
    ];
    expect(where(items)).toEqual(['title page@0', 'part@1', 'annex@2']);
    expect(where([item('first', 10, { pageBreakBefore: true })])).toEqual(['first@0']);
  });
});
