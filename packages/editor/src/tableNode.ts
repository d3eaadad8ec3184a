import {
  callOrReturn,
  type Editor,
  getExtensionField,
  mergeAttributes,
  Node,
  type NodeConfig,
} from '@tiptap/core';
import type { Node as ProseMirrorNode } from '@tiptap/pm/model';
import { Plugin, PluginKey } from '@tiptap/pm/state';
import type { NodeView } from '@tiptap/pm/view';
import { tableColumns } from './tableColumns.ts';

/** What a table's editing brings to an editor (see tableEditing.ts, loaded on its own). */
export interface TableEditingPlugins {
  /** The plugins that let a person edit the tables of `editor`, in their order. */
  plugins(editor: Editor): Plugin[];
}

/** Draws a table in an editor (see `@plenary/editor/tableView`). */
export type TableViewMaker = (table: ProseMirrorNode) => NodeView;

/** Options of the plan's table node. */
export interface TableOptions {
  /** Table editing, when it is here as the editor is made; else it comes later, see below. */
  editing: TableEditingPlugins | null;
  /**
   * How an editor draws a table; without, as its HTML. A browser module of its own, kept
   * out of the schema that the server builds as well.
   */
  view: TableViewMaker | null;
}

/**
 * Where an editor made without table editing takes its plugins when they arrive: the
 * place they would have had, so Tab, and Backspace over selected cells, still go to the
 * table before the list and core keymaps. A plugin that does nothing, replaced by them.
 */
export const TABLE_EDITING_PLACE = new PluginKey('tableEditingPlace');

/**
 * The plan's table: the schema of TipTap's table extension (its name, content, attributes,
 * HTML and the `tableRole` it gives every node spec, which prosemirror-tables reads), drawn
 * as TipTap draws it, without its editing. Editing (prosemirror-tables: cell selection,
 * Tab between cells, the row and column commands; 11.5 KB gzip) is not needed to show a
 * table or to type in one, so it comes in a chunk of its own, asked for once an editor is
 * made (see tableEditingLoader.ts); until it is here, Tab in a cell is the browser's.
 */
export const Table = Node.create<TableOptions>({
  name: 'table',
  addOptions: () => ({ editing: null, view: null }),
  content: 'tableRow+',
  tableRole: 'table',
  isolating: true,
  group: 'block',
  parseHTML: () => [{ tag: 'table' }],
  renderHTML({ node, HTMLAttributes }) {
    const { cols, table } = tableColumns(node);
    const style = ([property, value]: readonly [string, string]) => `${property}: ${value}`;
    return [
      'table',
      mergeAttributes(HTMLAttributes, { style: style(table) }),
      ['colgroup', {}, ...cols.map((col) => ['col', { style: style(col) }])],
      ['tbody', 0],
    ];
  },
  addNodeView() {
    const { view } = this.options;
    return view && (({ node }) => view(node));
  },
  addProseMirrorPlugins() {
    return this.options.editing?.plugins(this.editor) ?? [new Plugin({ key: TABLE_EDITING_PLACE })];
  },
  // prosemirror-tables finds the table, row and cell types by the `tableRole` of their spec.
  extendNodeSchema(extension) {
    const context = {
      name: extension.name,
      options: extension.options,
      storage: extension.storage,
    };
    return {
      tableRole: callOrReturn(
        getExtensionField<NodeConfig['tableRole']>(extension, 'tableRole', context),
      ),
    };
  },
});
