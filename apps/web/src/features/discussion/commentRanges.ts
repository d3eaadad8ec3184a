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
