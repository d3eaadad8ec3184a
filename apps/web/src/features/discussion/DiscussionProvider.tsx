import { type ReactNode, useMemo } from 'react';
import type * as Y from 'yjs';
import { PlanDiscussionContext } from './PlanDiscussionContext.ts';
import { useClosedRounds, useComments } from './useDiscussion.ts';

const NONE: readonly never[] = [];

/**
 * Gives the plan's text its threads and closed rounds (kept current as the server marks
 * them changed), and a way to open a thread in the panel.
 */
export function DiscussionProvider({
  doc,
  openThread,
  children,
}: {
  doc: Y.Doc;
  openThread: (threadId: string, focus: boolean) => void;
  children: ReactNode;
}) {
  const threads = useComments(doc).data ?? NONE;
  const rounds = useClosedRounds(doc).data ?? NONE;
  const value = useMemo(() => ({ threads, rounds, openThread }), [threads, rounds, openThread]);
  return <PlanDiscussionContext.Provider value={value}>{children}</PlanDiscussionContext.Provider>;
}
