import {
  callOrReturn,
  getExtensionField,
  mergeAttributes,
  Node,
  type NodeConfig,
} from '@tiptap/core';
import type { Node as ProseMirrorNode } from '@tiptap/pm/model';
import type { NodeView } from '@tiptap/pm/view';
import { type EditingPlugins, pluginsOrPlace, TABLE_EDITING_PLACE } from './editingPlaces.ts';
import { tableColumns } from './tableColumns.ts';

/** Draws a table in an editor (see `@plenary/editor/tableView`). */
export type TableViewMaker = (table: ProseMirrorNode) => NodeView;

/** Options of the plan's table node. */
export interface TableOptions {
  /** Table editing, when it is here as the editor is made; else it comes later, see below. */
  editing: EditingPlugins | null;
  /**
   * How an editor draws a table; without, as its HTML. A browser module of its own, kept
   * out of the schema that the server builds as well.
   */
  view: TableViewMaker | null;
}

/**
 * The plan's table: the schema of TipTap's table extension (its name, content, attributes,
 * HTML and the `tableRole` it gives every node spec, which prosemirror-tables reads), drawn
 * as TipTap draws it, without its editing. Editing (prosemirror-tables: cell selection,
 * Tab between cells, the row and column commands; 11.5 KB gzip) is not needed to show a
 * table or to type in one, so it comes in a chunk of its own, asked for once an editor is
 * made (see editingLoader.ts); until it is here, Tab in a cell is the browser's.
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
    return pluginsOrPlace(this.options.editing, TABLE_EDITING_PLACE, this.editor);
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
