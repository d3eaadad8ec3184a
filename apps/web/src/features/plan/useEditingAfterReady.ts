import { type CaretPresence, withEditingAfterReady } from '@plenary/editor';
import type { Editor } from '@tiptap/core';
import { useEffect } from 'react';

/**
 * The editing after ready in `editor` (table editing, linking addresses as they are typed
 * or pasted): it is in a chunk of its own, asked for once an editor is made, and added to
 * the editors made before it arrived (keeping this person's caret in `presence`). Editors
 * made after it arrived have it from the start (`contentExtensions`' `editing`). Should it
 * not come, the toolbar's table buttons ask for it again when pressed.
 */
export function useEditingAfterReady(editor: Editor | null, presence?: CaretPresence): void {
  useEffect(() => {
    if (editor) withEditingAfterReady(editor, presence).catch(() => {});
  }, [editor, presence]);
}
