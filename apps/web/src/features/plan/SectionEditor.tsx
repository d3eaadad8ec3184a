import {
  type CaretUser,
  collaborationExtensions,
  contentExtensions,
  type GroupColor,
  loadedEditingAfterReady,
  type ServerConfirmations,
  type SuggestionAuthor,
  UnconfirmedText,
} from '@plenary/editor';
import { TableView } from '@plenary/editor/tableView';
import { type EditingMode, editingModeOf, SuggestingMode } from '@plenary/suggestions';
import { type Editor, Extension } from '@tiptap/core';
import { Plugin } from '@tiptap/pm/state';
import { useContext, useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { Awareness } from 'y-protocols/awareness';
import type * as Y from 'yjs';
import { LoadingBoundary } from '../../ui/LoadingBoundary.tsx';
import { loadingComponent } from '../../ui/loadingComponent.ts';
import { CommentHighlights } from '../discussion/commentHighlights.ts';
import { PlanDiscussionContext } from '../discussion/PlanDiscussionContext.ts';
import { SupportLabels } from '../discussion/supportLabels.ts';
import { caretInView } from './caretInView.ts';
import { LoadingSectionText } from './LoadingSectionText.tsx';
import { type PasteVerdict, pastedBytes, pasteVerdict } from './pasteSize.ts';
import { TableBoxFocus } from './tableBoxFocus.ts';
import { useEditingAfterReady } from './useEditingAfterReady.ts';
import { useMountedEditor } from './useMountedEditor.ts';

/** What a section editor needs: its text, the plan's presence, and what to report. */
export interface SectionEditorProps {
  /** The section the text is of: its open threads' words and support labels show over it. */
  sectionId: string;
  fragment: Y.XmlFragment;
  awareness: Awareness;
  user: CaretUser;
  /** The id of the element that names this text (the section title). */
  labelledBy: string;
  /** False where this person may not write: the text is shown but cannot be changed. */
  editable: boolean;
  /** Whether this person's changes apply directly or are recorded as suggestions. */
  mode: EditingMode;
  /** Who the suggestions made here are attributed to. */
  author: SuggestionAuthor;
  /** The colour a group's suggestions are marked in. */
  groupColor: GroupColor;
  /** The time stamped on suggestions: the server's clock, as far as it is known. */
  now: () => number;
  /** The server's frame limit, or null while it is not known (pastes then go through). */
  maxUpdateBytes: number | null;
  /** How far the server confirmed this device's text, to mark what it has not. */
  confirmations: ServerConfirmations;
  onFocus(editor: Editor): void;
  onGone(editor: Editor): void;
  /**
   * A paste that was held back: refused, or waiting for the person's answer, with
   * `insert` putting it in where the selection is then.
   */
  onLargePaste(paste: HeldPaste): void;
}

/**
 * Tells assistive technology that a read-only editor is read-only. ProseMirror only sets
 * contenteditable=false, which screen readers do not announce on a `textbox`; plugin
 * attributes are recomputed on every view update, including `setEditable`.
 */
const AriaReadOnly = Extension.create({
  name: 'ariaReadOnly',
  addProseMirrorPlugins() {
    const { editor } = this;
    return [
      new Plugin({
        props: { attributes: () => ({ 'aria-readonly': String(!editor.options.editable) }) },
      }),
    ];
  },
});

// The discussion's readers (comment anchors, round tallies) come just after the editor.
const SectionDiscussionLayer = loadingComponent(
  async () => (await import('../discussion/SectionDiscussionLayer.tsx')).SectionDiscussionLayer,
);

/** A paste held back by its size, and how to put it in after all (when asked). */
export type HeldPaste = Exclude<PasteVerdict, { action: 'paste' }> & { insert: () => void };

/** The rich-text editor of one section, bound live to the section's fragment. */
export function SectionEditor(props: SectionEditorProps) {
  const { fragment, awareness } = props;
  const { t } = useTranslation();
  const openThread = useContext(PlanDiscussionContext)?.openThread;
  // The editor is created once per fragment; its callbacks read the latest props here.
  const latest = useRef({ ...props, t, openThread });
  useEffect(() => {
    latest.current = { ...props, t, openThread };
  });

  const container = useRef<HTMLDivElement>(null);
  const editor = useMountedEditor(
    container,
    () => ({
      extensions: [
        ...contentExtensions({
          // Group colours and the clock can change after the editor is made: read the latest.
          groupColor: (groupId) => latest.current.groupColor(groupId),
          // Table and link editing come just after the first editor (useEditingAfterReady);
          // later ones have them.
          editing: loadedEditingAfterReady(),
          tableView: TableView.make,
        }),
        ...collaborationExtensions({ fragment, awareness, user: latest.current.user }),
        SuggestingMode.configure({
          author: latest.current.author,
          mode: latest.current.mode,
          now: () => latest.current.now(),
        }),
        AriaReadOnly,
        TableBoxFocus,
        CommentHighlights.configure({
          onOpen: (threadId, focus) => latest.current.openThread?.(threadId, focus),
        }),
        SupportLabels,
        UnconfirmedText.configure({
          confirmations: latest.current.confirmations,
          label: () => latest.current.t('save.notOnServer'),
        }),
      ],
      // Read-only from the start: a keystroke before an effect runs would be refused.
      editable: latest.current.editable,
      // ProseMirror's rules come with the page's styles (main.tsx).
      injectCSS: false,
      // Nothing here listens for TipTap's "delete" events; left on, the core extension
      // diffs every change in a timer of its own after each keystroke.
      enableCoreExtensions: { delete: false },
      editorProps: {
        attributes: {
          'aria-labelledby': latest.current.labelledBy,
          'aria-multiline': 'true',
          role: 'textbox',
        },
        // A keystroke whose caret is on screen scrolls nothing: said without measuring the page.
        handleScrollToSelection: caretInView,
        handlePaste: (view, _event, slice) => {
          const { maxUpdateBytes, onLargePaste } = latest.current;
          const verdict = pasteVerdict(pastedBytes(slice), maxUpdateBytes);
          if (verdict.action === 'paste') return false;
          const insert = () => {
            if (view.isDestroyed || !view.editable) return;
            // As ProseMirror pastes: over the selection, marked as a paste for the plugins.
            view.dispatch(
              view.state.tr
                .replaceSelection(slice)
                .scrollIntoView()
                .setMeta('paste', true)
                .setMeta('uiEvent', 'paste'),
            );
            view.focus();
          };
          onLargePaste({ ...verdict, insert });
          return true;
        },
      },
      onFocus: ({ editor: focused }) => {
        if (focused.isEditable) latest.current.onFocus(focused);
      },
    }),
    [fragment, awareness],
  );

  useEditingAfterReady(editor, awareness);

  const { editable } = props;
  useEffect(() => {
    if (!editor || editor.isDestroyed || editor.options.editable === editable) return;
    editor.setEditable(editable);
    // The toolbar must not format a section that just became read-only.
    if (!editable) latest.current.onGone(editor);
  }, [editor, editable]);

  const { mode, author } = props;
  useEffect(() => {
    if (!editor || editor.isDestroyed || editingModeOf(editor.state) === mode) return;
    editor.commands.setEditingMode(mode);
  }, [editor, mode]);

  useEffect(() => {
    if (editor && !editor.isDestroyed) editor.commands.setSuggestionAuthor(author);
  }, [editor, author]);

  useEffect(
    () => () => {
      if (editor) latest.current.onGone(editor);
    },
    [editor],
  );

  return (
    <>
      {/* Until this editor's turn comes (editorTurns.ts), the text shows as before its code came. */}
      {editor === null && <LoadingSectionText fragment={fragment} groupColor={props.groupColor} />}
      <div
        ref={container}
        className="section__editor"
        data-testid="section-editor"
        data-mode={mode}
      />
      {editor && (
        // Without it a section has no comment marks, and says nothing of it in every
        // section: the editor's own chunk arrived, so this one is tried again shortly.
        <LoadingBoundary fallback={null} unavailable={() => null}>
          <SectionDiscussionLayer sectionId={props.sectionId} fragment={fragment} editor={editor} />
        </LoadingBoundary>
      )}
    </>
  );
}
