import { Extension } from '@tiptap/core';
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
}

const layer = anchoredLayer<CommentRange>('commentHighlights');

/** Shows these open threads' words in the editor of `view` (its section's threads only). */
export const showCommentRanges = layer.show;

function marker(range: CommentRange, onOpen: CommentHighlightsOptions['onOpen']): HTMLElement {
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
    onOpen(range.threadId, true);
  });
  return button;
}

/**
 * The words of each open comment thread highlighted in the section's text, each followed
 * by a small marker button (in the Tab order, with the thread's words as its name).
 * Clicking the words or the marker opens the thread in the discussion panel; the marker
 * also moves the focus there. Threads whose words were deleted resolve to nothing.
 */
export const CommentHighlights = Extension.create<CommentHighlightsOptions>({
  name: 'commentHighlights',
  addOptions: () => ({ onOpen: () => {} }),
  addProseMirrorPlugins() {
    const { onOpen } = this.options;
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
              Decoration.widget(to, () => marker(range, onOpen), {
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
            if (threadId) onOpen(threadId, false);
            // The click still places the caret: the person may be about to edit.
            return false;
          },
        },
      ),
    ];
  },
});
