import { contentExtensions, decidedDoc, readRichText } from '@plenary/editor';
import { EditorContent, useEditor } from '@tiptap/react';
import { useEffect } from 'react';
import type * as Y from 'yjs';

// The pause after a change before the preview is drawn again: typing elsewhere in the
// section must not redraw it on every keystroke.
const SETTLE_MS = 250;

const accepted = (fragment: Y.XmlFragment) =>
  decidedDoc(readRichText(fragment), { action: 'accept' }).toJSON();

/**
 * A section as it would read with every suggestion accepted, read-only. It follows the
 * live text, so decisions and new suggestions show in it as they happen.
 */
export function AcceptedPreview({
  fragment,
  labelledBy,
}: {
  fragment: Y.XmlFragment;
  /** The id of the element that names this text (the section title). */
  labelledBy: string;
}) {
  const editor = useEditor(
    {
      extensions: contentExtensions(),
      content: accepted(fragment),
      editable: false,
      editorProps: {
        attributes: { 'aria-labelledby': labelledBy, 'aria-readonly': 'true', role: 'textbox' },
      },
    },
    [fragment],
  );

  useEffect(() => {
    if (!editor) return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const redraw = () => {
      timer = undefined;
      if (!editor.isDestroyed)
        editor.commands.setContent(accepted(fragment), { emitUpdate: false });
    };
    const onChange = () => {
      timer ??= setTimeout(redraw, SETTLE_MS);
    };
    fragment.observeDeep(onChange);
    return () => {
      fragment.unobserveDeep(onChange);
      if (timer) clearTimeout(timer);
    };
  }, [editor, fragment]);

  return (
    <EditorContent
      editor={editor}
      className="section__editor section__editor--preview"
      data-testid="accepted-preview"
    />
  );
}
