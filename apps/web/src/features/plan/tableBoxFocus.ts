import { Extension } from '@tiptap/core';
import { Plugin } from '@tiptap/pm/state';
import type { EditorView } from '@tiptap/pm/view';

/** The class TipTap's table view gives the box a wide table scrolls in. */
const TABLE_BOX = '.tableWrapper';

/**
 * Puts the scrolling box of each table of a read-only section in the Tab order, so a
 * keyboard can scroll a table wider than a phone (axe: scrollable regions must be
 * reachable). Not in an editable section: there a focusable box takes the tap meant for a
 * cell, and the caret never gets there. Checked on every view update: ProseMirror redraws
 * a table's view when its decorations change (carets, marks of unsaved text), and
 * `setEditable` updates the view too.
 */
export const TableBoxFocus = Extension.create({
  name: 'tableBoxFocus',
  addProseMirrorPlugins() {
    const { editor } = this;
    return [
      new Plugin({
        view: (initial) => {
          const check = (view: EditorView) => {
            if (editor.options.editable) {
              for (const box of view.dom.querySelectorAll(`${TABLE_BOX}[tabindex]`)) {
                box.removeAttribute('tabindex');
              }
              return;
            }
            const unreachable = view.dom.querySelectorAll<HTMLElement>(
              `${TABLE_BOX}:not([tabindex])`,
            );
            for (const box of unreachable) box.tabIndex = 0;
          };
          check(initial);
          return { update: check };
        },
      }),
    ];
  },
});
