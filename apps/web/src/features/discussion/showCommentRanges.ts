import type { EditorView } from '@tiptap/pm/view';
import { Decoration } from '@tiptap/pm/view';
import { editorYjs } from '../../collab/editorYjsPositions.ts';
import type { BuildDecorations } from './anchoredDecorations.ts';
import {
  COMMENT_HIGHLIGHT_CLASS,
  type CommentHighlightsOptions,
  type CommentRange,
  commentLayer,
  THREAD_ATTRIBUTE,
} from './commentHighlights.ts';

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

// Each thread's words highlighted, followed by its marker.
const drawCommentRanges: BuildDecorations<CommentRange, CommentHighlightsOptions> = (
  state,
  ranges,
  previous,
  options,
) => {
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
};

/**
 * Shows these open threads' words in the editor of `view` (its section's threads only):
 * each highlighted and followed by its marker (see CommentHighlights). The drawing is here
 * rather than in the extension so that it loads with the discussion, after the editor.
 */
export function showCommentRanges(view: EditorView, ranges: readonly CommentRange[]): void {
  commentLayer.drawWith(drawCommentRanges);
  commentLayer.show(view, ranges);
}
