import { contentExtensions, loadedEditingAfterReady } from '@plenary/editor';
import { TableView } from '@plenary/editor/tableView';
import { EditorContent, useEditor } from '@tiptap/react';
import { useEffect } from 'react';
import type * as Y from 'yjs';
import { useEditingAfterReady } from '../plan/useEditingAfterReady.ts';
import { acceptedContent, onSettledChange } from './acceptedContent.ts';

/**
 * A section as it would read with every suggestion accepted, read-only: the focal point's
 * preview and the projector's "as if accepted" view. It follows the live text, so
 * decisions and new suggestions show in it as they happen.
 */
export function AcceptedText({
  fragment,
  labelledBy,
  className,
}: {
  fragment: Y.XmlFragment;
  /** The id of the element that names this text (the section title). */
  labelledBy: string;
  /** Classes of the editor's wrapper, for the screen it is drawn on. */
  className: string;
}) {
  const editor = useEditor(
    {
      extensions: contentExtensions({
        editing: loadedEditingAfterReady(),
        tableView: TableView.make,
      }),
      content: acceptedContent(fragment),
      editable: false,
      editorProps: {
        attributes: { 'aria-labelledby': labelledBy, 'aria-readonly': 'true', role: 'textbox' },
      },
    },
    [fragment],
  );

  // Read-only, tables still take a selection of cells to copy.
  useEditingAfterReady(editor);

  useEffect(() => {
    if (!editor) return;
    return onSettledChange(fragment, () => {
      if (!editor.isDestroyed)
        editor.commands.setContent(acceptedContent(fragment), { emitUpdate: false });
    });
  }, [editor, fragment]);

  return <EditorContent editor={editor} className={className} data-testid="accepted-text" />;
}
