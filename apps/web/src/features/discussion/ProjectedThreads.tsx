import { createContext, useEffect } from 'react';
import type * as Y from 'yjs';
import type { CommentThread } from '../../api/discussionTypes.ts';
import { useComments } from './useDiscussion.ts';

/**
 * The threads the projector shows, or null while the facilitator does not show comments
 * (then the projector neither fetches nor draws any).
 */
export const ProjectedThreadsContext = createContext<readonly CommentThread[] | null>(null);

/**
 * Fetches the plan's threads, kept current, for the projector while it shows them; mounted
 * beside the projector's text rather than around it, so turning comments on and off does
 * not rebuild the text's editors.
 */
export function FetchProjectedThreads({
  doc,
  onThreads,
}: {
  doc: Y.Doc;
  onThreads: (threads: readonly CommentThread[] | null) => void;
}) {
  const threads = useComments(doc).data;
  useEffect(() => onThreads(threads ?? null), [threads, onThreads]);
  useEffect(() => () => onThreads(null), [onThreads]);
  return null;
}
