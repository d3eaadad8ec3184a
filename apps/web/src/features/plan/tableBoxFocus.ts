import { TABLE_BOX_CLASS } from '@plenary/editor/classNames';
import { Extension } from '@tiptap/core';
import { Plugin } from '@tiptap/pm/state';
import type { EditorView } from '@tiptap/pm/view';

/**
 * Makes the scrolling box of each table reachable from the keyboard, so a table wider
 * than a phone can be scrolled without a pointer (axe: scrollable-region-focusable),
 * without taking the tap meant for a cell:
 * - in a read-only section the box joins the Tab order (`tabindex="0"`);
 * - in an editable section a focusable box would take the tap and the caret would never
 *   reach the cell. There the box is marked `contenteditable="true"`, which is what it
 *   already is as part of the editor (it is not an editing host of its own, since its
 *   parent is editable): the caret enters its cells by Tab or the arrow keys and the
 *   browser scrolls the box to keep the caret in view. The attribute says so to tools
 *   that look only at the box itself, and ProseMirror ignores changes of it.
 * Checked on every view update: ProseMirror redraws a table's view when its decorations
 * change (carets, marks of unsaved text), and `setEditable` updates the view too.
 */
export const TableBoxFocus = Extension.create({
  name: 'tableBoxFocus',
  addProseMirrorPlugins() {
    const { editor } = this;
    return [
      new Plugin({
        view: (initial) => {
          const check = (view: EditorView) => {
            const editable = editor.options.editable;
            for (const box of view.dom.querySelectorAll<HTMLElement>(`.${TABLE_BOX_CLASS}`)) {
              markReachable(box, editable);
            }
          };
          check(initial);
          return { update: check };
        },
      }),
    ];
  },
});

/** Gives one table box the attribute that makes it reachable, and takes the other away. */
function markReachable(box: HTMLElement, editable: boolean): void {
  // Each attribute is written only when it changes: a write is a DOM mutation to observe.
  if (editable) {
    if (box.hasAttribute('tabindex')) box.removeAttribute('tabindex');
    if (box.getAttribute('contenteditable') !== 'true') box.setAttribute('contenteditable', 'true');
    return;
  }
  // Left as an editing host in a read-only section, the box would take typing.
  if (box.hasAttribute('contenteditable')) box.removeAttribute('contenteditable');
  if (box.getAttribute('tabindex') !== '0') box.tabIndex = 0;
}
