/**
 * Where each laid-out item of the PDF goes: which page, and how far down. Pure, so that
 * the rules for keeping things together are tested without drawing anything.
 */

/** Something laid out that takes vertical space and draws itself once placed. */
export interface FlowItem<Surface = unknown> {
  height: number;
  draw(surface: Surface, top: number): void;
  /**
   * Keep on the same page as the next item that is not a spacer (a heading with its
   * first line, a table's header row with its first row).
   */
  keepWithNext?: boolean;
  /** Vertical space only: dropped at the top of a page. */
  spacer?: boolean;
  /** Start a new page before this item. */
  pageBreakBefore?: boolean;
  /**
   * Splits an item taller than a whole page (a table row with long cells): the part that
   * fits in `height`, and the rest; null when nothing fits. Items that fit on a page are
   * never split: they move to the next page whole.
   */
  split?(height: number): [FlowItem<Surface>, FlowItem<Surface>] | null;
}

/** An item (or part of one) on its page. */
export interface Placement<Surface = unknown> {
  item: FlowItem<Surface>;
  /** 0 for the first page. */
  page: number;
  top: number;
}

/** The band of the page that content may use. */
export interface PageArea {
  top: number;
  bottom: number;
}

/**
 * The height that must fit below the cursor for `items[index]` to stay on this page:
 * the item and, while it keeps with the next, the spacers after it and the next item.
 */
function keptHeight(items: readonly FlowItem<unknown>[], index: number): number {
  let current = items[index];
  let needed = current?.height ?? 0;
  let next = index + 1;
  while (current?.keepWithNext) {
    while (items[next]?.spacer) needed += items[next++]?.height ?? 0;
    const following = items[next++];
    if (!following) break;
    needed += following.height;
    current = following;
  }
  return needed;
}

/** Lays `items` onto pages of `area`, starting at the top of the first page. */
export function paginate<Surface>(
  items: readonly FlowItem<Surface>[],
  area: PageArea,
): Placement<Surface>[] {
  const placements: Placement<Surface>[] = [];
  let page = 0;
  let y = area.top;
  const newPage = () => {
    page++;
    y = area.top;
  };
  items.forEach((whole, index) => {
    if (whole.pageBreakBefore && y !== area.top) newPage();
    if (whole.spacer) {
      if (y !== area.top) y = Math.min(area.bottom, y + whole.height);
      return;
    }
    const needed = keptHeight(items, index);
    // What no page could hold starts here and is split, rather than leaving a gap.
    const splitsAnyway = whole.split !== undefined && whole.height > area.bottom - area.top;
    if (y + needed > area.bottom && y !== area.top && !splitsAnyway) newPage();
    let item = whole;
    // Taller than what an empty page holds: split where the item allows it.
    while (y + item.height > area.bottom && item.split) {
      const parts = item.split(area.bottom - y);
      if (!parts) break;
      placements.push({ item: parts[0], page, top: y });
      newPage();
      item = parts[1];
    }
    placements.push({ item, page, top: y });
    y += item.height;
  });
  return placements;
}
