import { fromBase64 } from 'lib0/buffer';
import * as Y from 'yjs';
import type { CommentThread } from '../../api/discussionTypes.ts';
import type { CommentRange } from './commentHighlights.ts';

/** A section's open threads, in the order the server lists them. */
export const openThreadsOf = (
  threads: readonly CommentThread[],
  sectionId: string,
): CommentThread[] =>
  threads.filter((thread) => thread.sectionId === sectionId && !thread.resolved);

/** A position the server sent, or null for bytes that do not decode (nothing is drawn). */
function relative(encoded: string): Y.RelativePosition | null {
  try {
    return Y.decodeRelativePosition(fromBase64(encoded));
  } catch {
    return null;
  }
}

/**
 * The words of `thread` to highlight, with what its marker shows and is called; null for a
 * thread with no words (one on the whole section, or detached).
 */
export function commentRange(
  thread: CommentThread,
  marker: Pick<CommentRange, 'count' | 'label'>,
): CommentRange | null {
  const start = thread.anchor && relative(thread.anchor.start);
  const end = thread.anchor && relative(thread.anchor.end);
  return start && end ? { threadId: thread.id, start, end, ...marker } : null;
}

/**
 * The words of a section's open threads as the projector shows them: each numbered as
 * the thread in the list beside the text (threads on the whole section, or detached,
 * keep their number in the list and have no words).
 */
export const projectedRanges = (
  threads: readonly CommentThread[],
  sectionId: string,
): CommentRange[] =>
  openThreadsOf(threads, sectionId).flatMap((thread, index) => {
    const range = commentRange(thread, { count: index + 1, label: '' });
    return range ? [range] : [];
  });
