import type { EditorState } from '@tiptap/pm/state';
import { relativePositionToAbsolutePosition, ySyncPluginKey } from '@tiptap/y-tiptap';
import type * as Y from 'yjs';

/** The Yjs side of an editor: its doc, and where a Yjs relative position is in its text. */
export interface EditorYjs {
  doc: Y.Doc;
  /** The position in the editor's document, or null for a place no longer in its text. */
  position(relative: Y.RelativePosition): number | null;
}

/**
 * The Yjs binding of `state`'s editor, or null before the editor is bound. `fallback` is
 * read when `state` is still being built and lacks the sync plugin's field (a plugin's
 * `apply` sees the new state half made); the binding is the same object in both.
 */
export function editorYjs(state: EditorState, fallback?: EditorState): EditorYjs | null {
  const sync = ySyncPluginKey.getState(state) ?? (fallback && ySyncPluginKey.getState(fallback));
  if (!sync?.binding) return null;
  const { doc, type, binding } = sync;
  return {
    doc,
    position: (relative) =>
      relativePositionToAbsolutePosition(doc, type, relative, binding.mapping),
  };
}
