import { Extension } from '@tiptap/core';
import type { EditorState } from '@tiptap/pm/state';
import type * as Y from 'yjs';
import { anchoredLayer } from './anchoredDecorations.ts';

/** The class of commented words in a section's text. */
export const COMMENT_HIGHLIGHT_CLASS = 'comment-highlight';
/** The attribute naming the thread of a highlight or its marker. */
export const THREAD_ATTRIBUTE = 'data-thread-id';

/** An open thread's words in a section, as the editor highlights them. */
export interface CommentRange {
  threadId: string;
  start: Y.RelativePosition;
  end: Y.RelativePosition;
  /** What the thread's marker shows: how many messages it holds. */
  count: number;
  /** The marker's accessible name. */
  label: string;
}

/** Options of the comment highlights. */
export interface CommentHighlightsOptions {
  /** Opens a thread in the panel; `focus` moves the keyboard focus there too. */
  onOpen(threadId: string, focus: boolean): void;
  /**
   * False where nobody acts on the text (the projector): the marker is a number matching
   * the list beside the text, hidden from screen readers, and opens nothing.
   */
  interactive: boolean;
}

/** The layer of open threads' words; drawn and shown by showCommentRanges.ts. */
export const commentLayer = anchoredLayer<CommentRange, CommentHighlightsOptions>(
  'commentHighlights',
);

/** The key that opens the thread of the commented words the caret is in. */
export const OPEN_THREAD_KEY = 'Alt-Enter';

/** The thread of the words at `pos` (the innermost, where threads overlap), or null. */
function threadAt(state: EditorState, pos: number): string | null {
  const found = commentLayer.key
    .getState(state)
    ?.decorations.find(pos, pos, (spec) => typeof spec.threadId === 'string')
    .sort((a, b) => a.to - a.from - (b.to - b.from))[0];
  return (found?.spec as { threadId?: string } | undefined)?.threadId ?? null;
}

/**
 * The words of each open comment thread highlighted in the section's text, each followed
 * by a small marker button (in the Tab order, with the thread's words as its name).
 * Clicking the words or the marker opens the thread in the discussion panel; the marker,
 * and Alt+Enter with the caret in the words, also move the focus there (Tab indents in a
 * list, so the marker alone would not do for a keyboard). Threads whose words were
 * deleted resolve to nothing.
 */
export const CommentHighlights = Extension.create<CommentHighlightsOptions>({
  name: 'commentHighlights',
  addOptions: () => ({ onOpen: () => {}, interactive: true }),
  addKeyboardShortcuts() {
    return {
      [OPEN_THREAD_KEY]: ({ editor }) => {
        const threadId = threadAt(editor.state, editor.state.selection.from);
        if (threadId) this.options.onOpen(threadId, true);
        return threadId !== null;
      },
    };
  },
  addProseMirrorPlugins() {
    const { options } = this;
    return [
      commentLayer.plugin(options, {
        handleClick(_view, _pos, event) {
          const target = event.target instanceof Element ? event.target : null;
          const highlight = target?.closest(`.${COMMENT_HIGHLIGHT_CLASS}`);
          const threadId = highlight?.getAttribute(THREAD_ATTRIBUTE);
          if (threadId && options.interactive) options.onOpen(threadId, false);
          // The click still places the caret: the person may be about to edit.
          return false;
        },
      }),
    ];
  },
});
