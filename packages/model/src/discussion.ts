/**
 * A change signal for what lives beside the document rather than in it (comment threads
 * and consensus rounds, kept by the server's storage). The server bumps a nonce in the
 * `plan` map whenever one changes; the map travels to every client of every process like
 * any document change, so open pages learn to fetch again without a second channel, and
 * only the server (which alone writes the `plan` map) can raise it.
 */
import type * as Y from 'yjs';
import { randomId } from './ids.ts';
import { PLAN_ROOT } from './plan.ts';

/**
 * What changed: the comment threads; the rounds and their answers; or that a round closed,
 * marked apart because every page's text waits for it (its support labels), while only
 * pages showing the rounds need each answer.
 */
export type DiscussionTopic = 'comments' | 'rounds' | 'roundsClosed';

const KEYS: Record<DiscussionTopic, string> = {
  comments: 'commentsChanged',
  rounds: 'roundsChanged',
  roundsClosed: 'roundsClosed',
};

/** Marks the topic changed, for clients to fetch it again. */
export function markDiscussionChanged(doc: Y.Doc, topic: DiscussionTopic): void {
  doc.getMap<unknown>(PLAN_ROOT).set(KEYS[topic], randomId());
}

/** The topic's current change mark (null before its first change): a new value means refetch. */
export function discussionMark(doc: Y.Doc, topic: DiscussionTopic): string | null {
  const mark = doc.getMap<unknown>(PLAN_ROOT).get(KEYS[topic]);
  return typeof mark === 'string' ? mark : null;
}
