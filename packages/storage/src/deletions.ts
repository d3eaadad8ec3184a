/**
 * Who deleted what, kept as Yjs updates that hold only a delete set: once compaction folds
 * a plan's updates into a snapshot, the snapshot still knows *that* text was deleted but
 * no longer *who* deleted it, so every adapter keeps each participant's deletions apart.
 */
import * as Y from 'yjs';
import type { ParticipantDeletions } from './DocumentStore.ts';

/** The delete set of `update` as an update of its own, or null when it deletes nothing. */
export function deletionsOf(update: Uint8Array): Uint8Array | null {
  // Diffing against the update's own end clocks drops every struct and keeps the delete set.
  const { to } = Y.parseUpdateMeta(update);
  const deletions = Y.diffUpdate(update, Y.encodeStateVector(to));
  return Y.decodeUpdate(deletions).ds.clients.size === 0 ? null : deletions;
}

/** One update from a plan's log and the participant who sent it. */
export interface AttributedUpdate {
  participantId: string | null;
  update: Uint8Array;
}

/**
 * Adds what each of `updates` deleted to its participant's deletions in `into` (keyed by
 * participant, in the order first seen), merging so that each participant keeps one update.
 */
export function foldDeletions(
  into: Map<string | null, Uint8Array>,
  updates: Iterable<AttributedUpdate>,
): Map<string | null, Uint8Array> {
  const pending = new Map<string | null, Uint8Array[]>();
  for (const [participantId, deletions] of into) pending.set(participantId, [deletions]);
  for (const { participantId, update } of updates) {
    const deletions = deletionsOf(update);
    if (!deletions) continue;
    const list = pending.get(participantId);
    if (list) list.push(deletions);
    else pending.set(participantId, [deletions]);
  }
  return new Map(
    [...pending].map(([participantId, list]) => [participantId, Y.mergeUpdates(list)]),
  );
}

/** How many updates `foldDeletionsInSteps` reads in one pass of the event loop (about a millisecond's work). */
const UPDATES_PER_STEP = 25;

/**
 * `foldDeletions`, a few dozen updates at a time with a pass of the event loop between,
 * for a server that must not hold every other plan while it folds hundreds of them.
 */
export async function foldDeletionsInSteps(
  into: Map<string | null, Uint8Array>,
  updates: readonly AttributedUpdate[],
): Promise<Map<string | null, Uint8Array>> {
  let folded = into;
  for (let from = 0; from < updates.length; from += UPDATES_PER_STEP) {
    folded = foldDeletions(folded, updates.slice(from, from + UPDATES_PER_STEP));
    await new Promise((resolve) => setImmediate(resolve));
  }
  return folded;
}

/** The folded map as the DocumentStore hands it out. */
export const deletionList = (folded: Map<string | null, Uint8Array>): ParticipantDeletions[] =>
  [...folded].map(([participantId, deletions]) => ({ participantId, deletions }));
