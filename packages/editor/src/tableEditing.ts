/**
 * Editing the plan's tables: prosemirror-tables' plugin (cell selection, copying and
 * pasting cells, keeping tables rectangular), the table keys and the commands the toolbar
 * offers. Loaded with import() once an editor is ready (see tableEditingLoader.ts): it is
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
  tableEditingKey,
  tableNodeTypes,
} from '@tiptap/pm/tables';
import type { Awareness } from 'y-protocols/awareness';
import { TABLE_EDITING_PLACE, type TableEditingPlugins } from './tableNode.ts';

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

/** Table editing for an editor made with it (see TableOptions.editing). */
export const tableEditingPlugins: TableEditingPlugins = {
  plugins: (editor) => [tableKeys(editor), tableEditing({ allowTableNodeSelection: false })],
};

/** The plan's presence, as far as keeping this person's caret in it goes. */
export type CaretPresence = Pick<Awareness, 'getLocalState' | 'setLocalStateField'>;

/** The presence field the caret plugin keeps a person's caret in (y-tiptap's default). */
const CARET_FIELD = 'cursor';

/**
 * Adds table editing to an editor made without it, where the table node left its place
 * (TABLE_EDITING_PLACE). The document and the person's selection are kept (a state
 * reconfiguration); an editor that has it already is left alone. Reconfiguring remakes
 * every plugin's view, and the caret plugin's, going, takes this person's caret out of
 * `presence` whichever section it is in: it is put back.
 */
export function addTableEditing(editor: Editor, presence?: CaretPresence): void {
  if (editor.isDestroyed || tableEditingKey.getState(editor.state) !== undefined) return;
  const plugins = tableEditingPlugins.plugins(editor);
  const caret = presence?.getLocalState()?.[CARET_FIELD];
  editor.registerPlugin(plugins[0] as Plugin, (_plugin, current) =>
    current.flatMap((plugin) => (plugin.spec.key === TABLE_EDITING_PLACE ? plugins : [plugin])),
  );
  if (presence && caret !== undefined && presence.getLocalState()?.[CARET_FIELD] !== caret)
    presence.setLocalStateField(CARET_FIELD, caret);
}
