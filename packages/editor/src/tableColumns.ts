import type { Node as ProseMirrorNode } from '@tiptap/pm/model';

/** The narrowest a column is drawn, in pixels, when no width was set for it. */
export const CELL_MIN_WIDTH = 25;

/** One CSS declaration, as a property and its value. */
export type StyleDeclaration = readonly [property: 'width' | 'min-width', value: string];

/** How a table's columns and the table itself are sized, from its first row's cells. */
export interface TableColumns {
  /** One declaration per column (a cell spanning two columns gives two). */
  cols: StyleDeclaration[];
  /** The table's width when every column has one, else its minimum width. */
  table: StyleDeclaration;
}

// A column with a width set (cells keep one per column they span in `colwidth`) is drawn
// that wide, never narrower than the minimum; one without is only kept from going narrower.
const columnStyle = (width: number | undefined): StyleDeclaration =>
  width ? ['width', `${Math.max(width, CELL_MIN_WIDTH)}px`] : ['min-width', `${CELL_MIN_WIDTH}px`];

/**
 * The sizes of `table`'s columns, as TipTap's table extension draws them (in its saved
 * HTML and in the editor alike), so the plan's tables look as they always did.
 */
export function tableColumns(table: ProseMirrorNode): TableColumns {
  const cols: StyleDeclaration[] = [];
  let total = 0;
  let everyWidthSet = true;
  table.firstChild?.forEach((cell) => {
    const { colspan, colwidth } = cell.attrs as { colspan: number; colwidth: number[] | null };
    for (let spanned = 0; spanned < colspan; spanned += 1) {
      const width = colwidth?.[spanned] || undefined;
      if (!width) everyWidthSet = false;
      total += width ?? CELL_MIN_WIDTH;
      cols.push(columnStyle(width));
    }
  });
  return { cols, table: [everyWidthSet ? 'width' : 'min-width', `${total}px`] };
}
