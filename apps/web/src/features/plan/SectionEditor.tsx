import { type CaretUser, collaborationExtensions, contentExtensions } from '@plenary/editor';
import { type Editor, EditorContent, useEditor } from '@tiptap/react';
import { useEffect, useRef } from 'react';
import type { Awareness } from 'y-protocols/awareness';
import type * as Y from 'yjs';
import { pastedBytes, pasteLimit } from './pasteSize.ts';

/** What a section editor needs: its text, the plan's presence, and what to report. */
export interface SectionEditorProps {
  fragment: Y.XmlFragment;
  awareness: Awareness;
  user: CaretUser;
  /** The id of the element that names this text (the section title). */
  labelledBy: string;
  /** The server's frame limit, or null while it is not known (pastes then go through). */
  maxUpdateBytes: number | null;
  onFocus(editor: Editor): void;
  onGone(editor: Editor): void;
  onPasteRefused(bytes: number, limit: number): void;
}

/** The rich-text editor of one section, bound live to the section's fragment. */
export function SectionEditor(props: SectionEditorProps) {
  const { fragment, awareness } = props;
  // The editor is created once per fragment; its callbacks read the latest props here.
  const latest = useRef(props);
  useEffect(() => {
    latest.current = props;
  });

  const editor = useEditor(
    {
      extensions: [
        ...contentExtensions(),
        ...collaborationExtensions({ fragment, awareness, user: latest.current.user }),
      ],
      // Toolbars subscribe through useEditorState; re-rendering every section on every
      // keystroke would make typing lag on phones.
      shouldRerenderOnTransaction: false,
      editorProps: {
        attributes: {
          'aria-labelledby': latest.current.labelledBy,
          'aria-multiline': 'true',
          role: 'textbox',
        },
        handlePaste: (_view, _event, slice) => {
          const { maxUpdateBytes, onPasteRefused } = latest.current;
          if (maxUpdateBytes === null) return false;
          const bytes = pastedBytes(slice);
          const limit = pasteLimit(maxUpdateBytes);
          if (bytes <= limit) return false;
          onPasteRefused(bytes, limit);
          return true;
        },
      },
      onFocus: ({ editor: focused }) => latest.current.onFocus(focused),
    },
    [fragment, awareness],
  );

  useEffect(() => () => latest.current.onGone(editor), [editor]);

  return <EditorContent editor={editor} className="section__editor" data-testid="section-editor" />;
}
