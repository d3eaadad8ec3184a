/**
 * What a decision saw (see `decisionRecords` in the editor), as the decision log stores it
 * beside the entry: the document's state vector and, for an insertion, its text's items
 * and author. The repair of leftovers reads it back after a restart, so it behaves as it
 * did before one.
 */

import type { DecisionAction } from '@plenary/storage';
import type { DecidedSuggestion } from '@plenary/suggestions';

/** The stored form: JSON, with the state vector as [client, clock] pairs. */
interface StoredSaw {
  seen: [number, number][] | null;
  inserted: DecidedSuggestion['inserted'] | null;
}

/** Encodes what a decision saw for `DecisionLog.recordWhatDecisionsSaw`. */
export function encodeWhatDecisionSaw(record: DecidedSuggestion): string {
  const stored: StoredSaw = {
    seen: record.seen ? [...record.seen] : null,
    inserted: record.inserted ?? null,
  };
  return JSON.stringify(stored);
}

/**
 * A logged decision as the repair knows it: with what it saw when that was stored, else
 * (entries logged before it was, or unreadable) with all text counted as seen.
 */
export function decidedFromLog(action: DecisionAction, saw: string | undefined): DecidedSuggestion {
  if (saw === undefined) return { action };
  let stored: StoredSaw;
  try {
    stored = JSON.parse(saw) as StoredSaw;
  } catch {
    return { action };
  }
  const decided: DecidedSuggestion = { action };
  if (Array.isArray(stored.seen)) decided.seen = new Map(stored.seen);
  if (stored.inserted) decided.inserted = stored.inserted;
  return decided;
}
