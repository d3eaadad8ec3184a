import type { Node as ProseMirrorNode } from '@tiptap/pm/model';
import type { NodeView, ViewMutationRecord } from '@tiptap/pm/view';
import { TABLE_BOX_CLASS } from './classNames.ts';
import { tableColumns } from './tableColumns.ts';
import type { TableViewMaker } from './tableNode.ts';

/**
 * How the editor draws a table: inside a box it can scroll in, with a `<colgroup>` that
 * follows its columns as they are added and removed (the saved HTML's `<colgroup>` is only
 * drawn once). The same elements, classes and sizes as TipTap's table view, which the
 * stylesheets and TableBoxFocus rely on.
 */
export class TableView implements NodeView {
  /** A view for `table`, as the table node's `view` option takes it. */
  static readonly make: TableViewMaker = (table) => new TableView(table);

  readonly dom: HTMLDivElement;
  readonly contentDOM: HTMLTableSectionElement;
  readonly #table: HTMLTableElement;
  readonly #colgroup: HTMLTableColElement;
  #node: ProseMirrorNode;

  constructor(node: ProseMirrorNode) {
    this.#node = node;
    this.dom = document.createElement('div');
    this.dom.className = TABLE_BOX_CLASS;
    this.#table = this.dom.appendChild(document.createElement('table'));
    this.#colgroup = this.#table.appendChild(document.createElement('colgroup'));
    this.contentDOM = this.#table.appendChild(document.createElement('tbody'));
    this.#drawColumns();
  }

  update(node: ProseMirrorNode): boolean {
    if (node.type !== this.#node.type) return false;
    this.#node = node;
    this.#drawColumns();
    return true;
  }

  // The box and the column elements are ours: what changes in them (the box's focus
  // attributes, the columns redrawn) is no edit of the text.
  ignoreMutation(mutation: ViewMutationRecord): boolean {
    if (mutation.type === 'selection') return false;
    return this.dom.contains(mutation.target) && !this.contentDOM.contains(mutation.target);
  }

  #drawColumns(): void {
    const { cols, table } = tableColumns(this.#node);
    // Writing a style only when it differs keeps redraws from being DOM mutations.
    cols.forEach(([property, value], index) => {
      const col =
        (this.#colgroup.children[index] as HTMLTableColElement | undefined) ??
        this.#colgroup.appendChild(document.createElement('col'));
      const cssText = `${property}: ${value};`;
      if (col.style.cssText !== cssText) col.style.cssText = cssText;
    });
    while (this.#colgroup.children.length > cols.length) this.#colgroup.lastElementChild?.remove();
    const [property, value] = table;
    const other = property === 'width' ? 'min-width' : 'width';
    if (this.#table.style.getPropertyValue(property) !== value)
      this.#table.style.setProperty(property, value);
    if (this.#table.style.getPropertyValue(other)) this.#table.style.removeProperty(other);
  }
}
