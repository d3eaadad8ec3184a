/**
 * What comment and round routes share: who is writing (the server's word, from the
 * token), and the signal that tells every open page to fetch again.
 */
import { type DiscussionTopic, markDiscussionChanged } from '@plenary/model';
import type { Relay } from '@plenary/relay';
import type { AccessStore } from '@plenary/storage';
import type { Principal } from '../access/Principal.ts';
import { ApiError } from '../errors.ts';

/** The participant behind a write: invite links have no name to sign with, so they are refused. */
export function requireParticipant(principal: Principal): { id: string; name: string } {
  if (principal.participantId === null) {
    throw new ApiError(
      403,
      'join-first',
      'Join the plan with your name first: comments and answers are signed by who gave them.',
    );
  }
  return { id: principal.participantId, name: principal.name ?? principal.actor.role };
}

/**
 * Tells every client of the plan, in this process and the others (through the document's
 * own fan-out), that these topics changed. A failure is logged, not thrown: the change is
 * stored, and pages also fetch when they open.
 */
export async function announce(
  relay: Relay,
  planId: string,
  topics: DiscussionTopic | readonly DiscussionTopic[],
  principal: Principal,
  log: { warn: (object: object, message: string) => void },
): Promise<void> {
  await relay
    .transact(
      planId,
      (doc) => {
        for (const topic of [topics].flat()) markDiscussionChanged(doc, topic);
      },
      principal.participantId,
    )
    .catch((error: unknown) =>
      log.warn({ err: error, planId, topics }, 'could not announce change'),
    );
}

/**
 * How many may answer an open round: the members and focal points in the room now (their
 * presence, from any process), and anyone who has answered already and since left. A
 * closed round keeps the number it had at the close.
 */
export async function eligibleCount(
  access: AccessStore,
  relay: Relay,
  planId: string,
  answeredBy: Iterable<string>,
): Promise<number> {
  const present = relay.presentParticipants(planId);
  const participants = await access.listParticipants(planId);
  const counted = new Set(answeredBy);
  for (const participant of participants) {
    const answers = participant.role === 'member' || participant.role === 'focal-point';
    if (answers && present.has(participant.id)) counted.add(participant.id);
  }
  return counted.size;
}
