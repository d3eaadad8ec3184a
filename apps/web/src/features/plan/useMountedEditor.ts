import { Editor, type EditorOptions } from '@tiptap/core';
import { type DependencyList, type RefObject, useEffect, useState } from 'react';
import { makeInTurn } from './editorTurns.ts';

/**
 * A TipTap editor mounted in `container`'s element: made after the element is in the page
 * (editors mounted together are made one per task, see editorTurns.ts), made anew when
 * `deps` change, destroyed when they do or the component goes. Null until the first one
 * is made.
 *
 * Instead of @tiptap/react's useEditor and EditorContent: those are for React node views
 * (portals) and for components that re-render with the editor's state, and they weigh
 * 5.7 KB gzip (fast-equals, use-sync-external-store) in the code loaded before a person can
 * type; the section editor uses neither. `options` is read when an editor is made, so the
 * editor's callbacks should read props through a ref.
 */
export function useMountedEditor(
  container: RefObject<HTMLElement | null>,
  options: () => Partial<EditorOptions>,
  deps: DependencyList,
): Editor | null {
  const [editor, setEditor] = useState<Editor | null>(null);
  useEffect(() => {
    let made: Editor | null = null;
    const cancel = makeInTurn(() => {
      const element = container.current;
      if (!element) return;
      const editor = new Editor({ ...options(), element });
      made = editor;
      setEditor(editor);
    });
    return () => {
      cancel();
      const editor: Editor | null = made;
      if (!editor) return;
      editor.destroy();
      setEditor((current) => (current === editor ? null : current));
    };
    // biome-ignore lint/correctness/useExhaustiveDependencies: an editor per `deps`, as documented.
  }, deps);
  return editor;
}
