/**
 * Stands in for prosemirror-tables inside TipTap's table extension in the web build (see
 * afterReadyParts.ts). Commands are handed to prosemirror-tables once it is here, and do
 * nothing before. The table editing plugin (cell selection, Tab and arrows between cells,
 * repairing tables that concurrent edits left uneven) keeps state, so it cannot be handed
 * on call by call: a stand-in takes its place, and is replaced by the real plugin once the
 * module is here and the section holds a table (a section without one is never
 * reconfigured; replacing plugins makes the Yjs binding draw the section again).
 */
import type { Node as ProseMirrorNode } from '@tiptap/pm/model';
import { type Command, Plugin } from '@tiptap/pm/state';
import type * as Tables from '@tiptap/pm/tables';
import type { EditorView } from '@tiptap/pm/view';
import { afterReadyModules, whenAfterReadyModules } from './afterReadyParts.ts';

type TablesModule = typeof Tables;

const tables = (): TablesModule | null => afterReadyModules()?.tables ?? null;

/** A command of prosemirror-tables, run once the module is here; refused before. */
const command =
  (
    name: keyof TablesModule &
      (
        | 'addColumnAfter'
        | 'addColumnBefore'
        | 'addRowAfter'
        | 'addRowBefore'
        | 'deleteColumn'
        | 'deleteRow'
        | 'deleteTable'
        | 'mergeCells'
        | 'splitCell'
        | 'toggleHeaderCell'
      ),
  ): Command =>
  (state, dispatch, view) =>
    tables()?.[name](state, dispatch, view) ?? false;

export const addColumnAfter = command('addColumnAfter');
export const addColumnBefore = command('addColumnBefore');
export const addRowAfter = command('addRowAfter');
export const addRowBefore = command('addRowBefore');
export const deleteColumn = command('deleteColumn');
export const deleteRow = command('deleteRow');
export const deleteTable = command('deleteTable');
export const mergeCells = command('mergeCells');
export const splitCell = command('splitCell');
export const toggleHeaderCell = command('toggleHeaderCell');

/** prosemirror-tables' `goToNextCell`, once the module is here. */
export const goToNextCell =
  (...args: Parameters<TablesModule['goToNextCell']>): Command =>
  (state, dispatch) =>
    tables()?.goToNextCell(...args)(state, dispatch) ?? false;

/** prosemirror-tables' `toggleHeader`, once the module is here. */
export const toggleHeader =
  (...args: Parameters<TablesModule['toggleHeader']>): Command =>
  (state, dispatch, view) =>
    tables()?.toggleHeader(...args)(state, dispatch, view) ?? false;

/** prosemirror-tables' `setCellAttr`, once the module is here. */
export const setCellAttr =
  (...args: Parameters<TablesModule['setCellAttr']>): Command =>
  (state, dispatch) =>
    tables()?.setCellAttr(...args)(state, dispatch) ?? false;

/** prosemirror-tables' `fixTables`: nothing to fix before the module is here. */
export function fixTables(
  ...args: Parameters<TablesModule['fixTables']>
): ReturnType<TablesModule['fixTables']> {
  return tables()?.fixTables(...args);
}

/**
 * prosemirror-tables' `CellSelection` for `instanceof` and `create`: no selection is a cell
 * selection before the module is here, since only its plugin makes them.
 */
export const CellSelection = {
  [Symbol.hasInstance](value: unknown): boolean {
    const module = tables();
    return module !== null && value instanceof module.CellSelection;
  },
  create(...args: Parameters<TablesModule['CellSelection']['create']>): Tables.CellSelection {
    const module = tables();
    if (!module) throw new Error('A cell selection was asked for before table editing loaded.');
    return module.CellSelection.create(...args);
  },
};

/** Makes a stand-in's real plugin, from prosemirror-tables. */
type MakePlugin = (module: TablesModule) => Plugin;

const standIns = new WeakMap<Plugin, MakePlugin>();

/** prosemirror-tables' `tableEditing`: the real plugin, or a stand-in replaced by it. */
export function tableEditing(...args: Parameters<TablesModule['tableEditing']>): Plugin {
  return pluginOrStandIn((module) => module.tableEditing(...args));
}

/** prosemirror-tables' `columnResizing` (unused: Plenary's tables are not resizable). */
export function columnResizing(...args: Parameters<TablesModule['columnResizing']>): Plugin {
  return pluginOrStandIn((module) => module.columnResizing(...args));
}

function pluginOrStandIn(make: MakePlugin): Plugin {
  const module = tables();
  if (module) return make(module);
  const standIn: Plugin = new Plugin({
    view(view) {
      let asked = false;
      const swapWhenNeeded = () => {
        if (asked || !holdsTable(view.state.doc)) return;
        asked = true;
        // After the update that found the table, never inside it.
        whenAfterReadyModules(() => queueMicrotask(() => swapIn(view)));
      };
      swapWhenNeeded();
      return {
        update: (_view, previous) => {
          if (previous.doc !== view.state.doc) swapWhenNeeded();
        },
      };
    },
  });
  standIns.set(standIn, make);
  return standIn;
}

/** Replaces every stand-in of `view`'s state by its real plugin, in one reconfiguration. */
function swapIn(view: EditorView): void {
  const module = tables();
  if (!module || view.isDestroyed) return;
  const { plugins } = view.state;
  if (!plugins.some((plugin) => standIns.has(plugin))) return;
  view.updateState(
    view.state.reconfigure({
      plugins: plugins.map((plugin) => standIns.get(plugin)?.(module) ?? plugin),
    }),
  );
}

/** Whether a table is anywhere in `doc` (blocks only: text cannot hold one). */
export function holdsTable(doc: ProseMirrorNode): boolean {
  let found = false;
  doc.descendants((node) => {
    if (node.type.spec.tableRole === 'table') found = true;
    return !found && !node.isTextblock;
  });
  return found;
}
