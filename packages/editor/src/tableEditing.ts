/**
 * Editing the plan's tables: prosemirror-tables' plugin (cell selection, copying and
 * pasting cells, keeping tables rectangular), the table keys and the commands the toolbar
 * offers. Part of the editing after ready (editingAfterReady.ts, a chunk of its own): it is
 * not needed to show a table or type in it, and it would weigh on the code a person waits
 * for before typing.
 */
import type { Command, CommandProps, Editor } from '@tiptap/core';
import { keymap } from '@tiptap/pm/keymap';
import type { Schema } from '@tiptap/pm/model';
import { type Plugin, type Command as ProseMirrorCommand, TextSelection } from '@tiptap/pm/state';
import {
  addColumnAfter,
  addRowAfter,
  CellSelection,
  deleteColumn,
  deleteRow,
  deleteTable,
  findTable,
  goToNextCell,
  tableEditing,
  tableNodeTypes,
} from '@tiptap/pm/tables';
import type { EditingPlugins } from './editingPlaces.ts';

/** A prosemirror-tables command, run as a TipTap command (alone or in a chain). */
const run =
  (command: ProseMirrorCommand): Command =>
  ({ state, dispatch }: CommandProps) =>
    command(state, dispatch);

/** A table of `rows` by `cols` empty cells, the first row of headers if asked. */
function emptyTable(schema: Schema, rows: number, cols: number, withHeaderRow: boolean) {
  const types = tableNodeTypes(schema);
  const row = (cellType: typeof types.cell) => {
    const cells = Array.from({ length: cols }, () => cellType.createAndFill());
    return types.row.createChecked(
      null,
      cells.filter((cell) => cell !== null),
    );
  };
  return types.table.createChecked(
    null,
    Array.from({ length: rows }, (_, index) =>
      row(withHeaderRow && index === 0 ? types.header_cell : types.cell),
    ),
  );
}

/**
 * Deleting a row or column, then putting the caret back in the table if it was left
 * outside (the last row gone, say): the person goes on editing the table, not the text
 * after it.
 */
const deleteKeepingCaret =
  (remove: ProseMirrorCommand): Command =>
  ({ state, dispatch }) => {
    const table = findTable(state.selection.$from);
    return remove(
      state,
      dispatch &&
        ((tr) => {
          const at = table ? tr.mapping.map(table.pos) : -1;
          const still = table && tr.doc.nodeAt(at);
          if (still && findTable(tr.selection.$from)?.pos !== at) {
            const end = tr.doc.resolve(at + still.nodeSize - 1);
            tr.setSelection(TextSelection.near(end, -1));
          }
          dispatch(tr);
        }),
    );
  };

/** The size of a new table, and whether its first row is of headers. */
export interface NewTable {
  rows: number;
  cols: number;
  withHeaderRow: boolean;
}

/** The table commands the toolbar offers, as TipTap commands. */
export const tableCommands = {
  /** A table in place of the selection, the caret in its first cell. */
  insertTable:
    ({ rows, cols, withHeaderRow }: NewTable): Command =>
    ({ tr, dispatch, editor }) => {
      if (dispatch) {
        const firstCell = tr.selection.from + 1;
        tr.replaceSelectionWith(emptyTable(editor.schema, rows, cols, withHeaderRow));
        tr.scrollIntoView().setSelection(TextSelection.near(tr.doc.resolve(firstCell)));
      }
      return true;
    },
  addRowAfter: (): Command => run(addRowAfter),
  deleteRow: (): Command => deleteKeepingCaret(deleteRow),
  addColumnAfter: (): Command => run(addColumnAfter),
  deleteColumn: (): Command => deleteKeepingCaret(deleteColumn),
};

/** The table commands, by name. */
export type TableCommands = typeof tableCommands;

// Every cell selected: the whole table goes, rather than leaving it with empty cells.
const deleteWholeTable: ProseMirrorCommand = (state, dispatch) => {
  const { selection } = state;
  if (!(selection instanceof CellSelection)) return false;
  if (!(selection.isRowSelection() && selection.isColSelection())) return false;
  return deleteTable(state, dispatch);
};

/** The keys of a table: Tab to the next cell (a new row after the last), Shift-Tab back. */
function tableKeys(editor: Editor): Plugin {
  const chain = (...commands: Command[]) =>
    commands.reduce((chained, command) => chained.command(command), editor.chain()).run();
  return keymap({
    Tab: () =>
      chain(run(goToNextCell(1))) ||
      (editor.can().command(run(addRowAfter)) && chain(run(addRowAfter), run(goToNextCell(1)))),
    'Shift-Tab': () => chain(run(goToNextCell(-1))),
    Backspace: deleteWholeTable,
    'Mod-Backspace': deleteWholeTable,
    Delete: deleteWholeTable,
    'Mod-Delete': deleteWholeTable,
  });
}

/** Table editing, for the table node (see TableOptions.editing). */
export const tableEditingPlugins: EditingPlugins = {
  plugins: (editor) => [tableKeys(editor), tableEditing({ allowTableNodeSelection: false })],
};
