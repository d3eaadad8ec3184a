import { type CaretPresence, withTableEditing } from '@plenary/editor';
import type { Editor } from '@tiptap/core';
import { useEffect } from 'react';

/**
 * Table editing (prosemirror-tables) in `editor`: it is in a chunk of its own, asked for
 * once an editor is made, and added to the editors made before it arrived (keeping this
 * person's caret in `presence`). Editors made after it arrived have it from the start
 * (`contentExtensions`' `tableEditing`). Should it not come, the toolbar's table buttons
 * ask for it again when pressed.
 */
export function useTableEditing(editor: Editor | null, presence?: CaretPresence): void {
  useEffect(() => {
    if (editor) withTableEditing(editor, presence).catch(() => {});
  }, [editor, presence]);
}
