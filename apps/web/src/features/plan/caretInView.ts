import { TextSelection } from '@tiptap/pm/state';
import type { EditorView } from '@tiptap/pm/view';

/**
 * For ProseMirror's `handleScrollToSelection`: true (nothing to scroll) when a typed
 * caret is already inside the window, which is the only box that scrolls around a
 * section's text outside tables. ProseMirror's own check measures every ancestor of the
 * editor, seven boxes up to the page's body, on every keystroke, before deciding the
 * same; anything else (a caret off screen, in a table's box that scrolls sideways, a
 * selected node) is left to it.
 */
export function caretInView(view: EditorView): boolean {
  const { selection } = view.state;
  if (!(selection instanceof TextSelection)) return false;
  const { $head } = selection;
  for (let depth = $head.depth; depth > 0; depth--) {
    if ($head.node(depth).type.spec.tableRole) return false;
  }
  // The rect and the window's bounds ProseMirror compares (with no scroll threshold set).
  const caret = view.coordsAtPos(selection.head, 1);
  const viewport = window.visualViewport;
  const width = viewport?.width ?? window.innerWidth;
  const height = viewport?.height ?? window.innerHeight;
  return caret.top >= 0 && caret.left >= 0 && caret.bottom <= height && caret.right <= width;
}
