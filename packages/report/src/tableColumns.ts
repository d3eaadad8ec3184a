/** Table geometry that DOCX and PDF both need from a ProseMirror table. */
import type { Node as ProseMirrorNode } from '@tiptap/pm/model';

/** How many columns a cell spans (1 unless merged). */
export const columnSpan = (cell: ProseMirrorNode): number => Number(cell.attrs.colspan ?? 1);

/** The number of grid columns of a table: its widest row, counting merged cells. */
export function tableColumnCount(table: ProseMirrorNode): number {
  let columns = 1;
  table.forEach((row) => {
    let width = 0;
    row.forEach((cell) => {
      width += columnSpan(cell);
    });
    columns = Math.max(columns, width);
  });
  return columns;
}
