import { Extension } from '@tiptap/core';
import type { EditorState } from '@tiptap/pm/state';
import { Decoration } from '@tiptap/pm/view';
import type * as Y from 'yjs';
import { editorYjs } from '../../collab/editorYjsPositions.ts';
import { anchoredLayer } from './anchoredDecorations.ts';

/** The class of commented words in a section's text. */
export const COMMENT_HIGHLIGHT_CLASS = 'comment-highlight';
/** The attribute naming the thread of a highlight or its marker. */
const THREAD_ATTRIBUTE = 'data-thread-id';

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

const layer = anchoredLayer<CommentRange>('commentHighlights');

/** Shows these open threads' words in the editor of `view` (its section's threads only). */
export const showCommentRanges = layer.show;

/** The key that opens the thread of the commented words the caret is in. */
export const OPEN_THREAD_KEY = 'Alt-Enter';

/** The thread of the words at `pos` (the innermost, where threads overlap), or null. */
function threadAt(state: EditorState, pos: number): string | null {
  const found = layer.key
    .getState(state)
    ?.decorations.find(pos, pos, (spec) => typeof spec.threadId === 'string')
    .sort((a, b) => a.to - a.from - (b.to - b.from))[0];
  return (found?.spec as { threadId?: string } | undefined)?.threadId ?? null;
}

function marker(range: CommentRange, options: CommentHighlightsOptions): HTMLElement {
  if (!options.interactive) {
    const number = document.createElement('span');
    number.className = 'comment-marker';
    number.setAttribute('aria-hidden', 'true');
    number.textContent = String(range.count);
    return number;
  }
  const button = document.createElement('button');
  button.type = 'button';
  button.className = 'comment-marker';
  button.contentEditable = 'false';
  button.setAttribute(THREAD_ATTRIBUTE, range.threadId);
  button.setAttribute('aria-label', range.label);
  button.textContent = String(range.count);
  // The text keeps its selection and caret when the marker is pressed.
  button.addEventListener('mousedown', (event) => event.preventDefault());
  button.addEventListener('click', (event) => {
    event.preventDefault();
    options.onOpen(range.threadId, true);
  });
  return button;
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
      layer.plugin(
        (state, ranges, previous) => {
          const yjs = editorYjs(state, previous);
          if (!yjs) return [];
          return ranges.flatMap((range) => {
            const from = yjs.position(range.start);
            const to = yjs.position(range.end);
            if (from === null || to === null || to <= from) return [];
            return [
              Decoration.inline(
                from,
                to,
                { class: COMMENT_HIGHLIGHT_CLASS, [THREAD_ATTRIBUTE]: range.threadId },
                { threadId: range.threadId },
              ),
              // Before text typed right after the words, as the thread's range ends there.
              Decoration.widget(to, () => marker(range, options), {
                side: -1,
                key: `comment-marker:${range.threadId}:${range.count}:${range.label}`,
                ignoreSelection: true,
                stopEvent: () => true,
              }),
            ];
          });
        },
        {
          handleClick(_view, _pos, event) {
            const target = event.target instanceof Element ? event.target : null;
            const highlight = target?.closest(`.${COMMENT_HIGHLIGHT_CLASS}`);
            const threadId = highlight?.getAttribute(THREAD_ATTRIBUTE);
            if (threadId && options.interactive) options.onOpen(threadId, false);
            // The click still places the caret: the person may be about to edit.
            return false;
          },
        },
      ),
    ];
  },
});
