import { type DiscussionTopic, discussionMark } from '@plenary/model';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useRef } from 'react';
import type * as Y from 'yjs';
import type { NewThread, VoteChoice } from '../../api/discussionTypes.ts';
import { queryKeys } from '../../api/queryKeys.ts';
import { usePlanRootValue } from '../../collab/usePlanRootValue.ts';
import { usePlanAccess } from '../plan/PlanAccessContext.ts';

const keyOf = (topic: DiscussionTopic, planId: string) =>
  topic === 'comments' ? queryKeys.comments(planId) : queryKeys.rounds(planId);

/**
 * Fetches the topic again whenever the server marks it changed in the plan map: the
 * mark reaches every page through the document, from whichever process took the change.
 */
function useRefetchOnMark(doc: Y.Doc, topic: DiscussionTopic) {
  const { planId } = usePlanAccess();
  const client = useQueryClient();
  const read = useCallback((d: Y.Doc) => discussionMark(d, topic), [topic]);
  const mark = usePlanRootValue(doc, read);
  const seen = useRef(mark);
  useEffect(() => {
    if (seen.current === mark) return;
    seen.current = mark;
    void client.invalidateQueries({ queryKey: keyOf(topic, planId) });
  }, [client, mark, planId, topic]);
}

/** The plan's comment threads, kept current. */
export function useComments(doc: Y.Doc) {
  const { api, planId } = usePlanAccess();
  useRefetchOnMark(doc, 'comments');
  return useQuery({
    queryKey: queryKeys.comments(planId),
    queryFn: ({ signal }) => api.comments(signal),
  });
}

/** The plan's consensus rounds, from whichever page fetched them last. */
function useRoundsQuery() {
  const { api, planId } = usePlanAccess();
  return useQuery({
    queryKey: queryKeys.rounds(planId),
    queryFn: ({ signal }) => api.rounds(signal),
  });
}

/**
 * The plan's consensus rounds, fetched again only when one closes: what the text's support
 * labels need, without every page fetching on every answer.
 */
export function useClosedRounds(doc: Y.Doc) {
  useRefetchOnMark(doc, 'roundsClosed');
  return useRoundsQuery();
}

/** The plan's consensus rounds, kept current. */
export function useRounds(doc: Y.Doc) {
  useRefetchOnMark(doc, 'rounds');
  return useRoundsQuery();
}

/** Runs a discussion change, then fetches the topic (the mark may come a moment later). */
function useDiscussionChange<T>(topic: DiscussionTopic, change: (input: T) => Promise<unknown>) {
  const { planId } = usePlanAccess();
  const client = useQueryClient();
  return useMutation({
    mutationFn: change,
    onSettled: () => client.invalidateQueries({ queryKey: keyOf(topic, planId) }),
  });
}

/** Starts a thread, replies, resolves or reopens. */
export function useCommentActions() {
  const { api } = usePlanAccess();
  return {
    start: useDiscussionChange('comments', (thread: NewThread) => api.startThread(thread)),
    reply: useDiscussionChange('comments', ({ id, text }: { id: string; text: string }) =>
      api.reply(id, text),
    ),
    resolve: useDiscussionChange(
      'comments',
      ({ id, resolved }: { id: string; resolved: boolean }) => api.resolveThread(id, resolved),
    ),
  };
}

/** Opens, answers and closes rounds. */
export function useRoundActions() {
  const { api } = usePlanAccess();
  return {
    open: useDiscussionChange('rounds', (sectionId: string) => api.openRound(sectionId)),
    vote: useDiscussionChange(
      'rounds',
      ({ roundId, itemId, choice }: { roundId: string; itemId: string; choice: VoteChoice }) =>
        api.vote(roundId, itemId, choice),
    ),
    close: useDiscussionChange('rounds', (roundId: string) => api.closeRound(roundId)),
  };
}
