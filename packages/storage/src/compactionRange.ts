/**
 * The one rule every adapter applies before compacting, so that a late or confused
 * `compact` call can never drop updates.
 */
import { StoreError } from './StoreError.ts';

/** Where a plan's log stands: the seq its snapshot covers and the last seq appended. */
export interface LogPosition {
  throughSeq: number;
  lastSeq: number;
}

/**
 * Whether `compact(planId, snapshot, throughSeq)` should replace the stored snapshot.
 * False for a stale call: its snapshot predates the stored one, whose absorbed updates
 * are deleted, so writing it would lose them. Throws when the log never reached
 * `throughSeq`, since the snapshot would then claim updates the store never saw.
 */
export function shouldCompact(planId: string, throughSeq: number, log: LogPosition): boolean {
  if (!Number.isSafeInteger(throughSeq) || throughSeq < 0 || throughSeq > log.lastSeq) {
    throw new StoreError(
      'seq-out-of-range',
      `Cannot compact plan "${planId}" through seq ${throughSeq}: its log ends at seq ` +
        `${log.lastSeq}. Pass the lastSeq of the document the snapshot was built from.`,
    );
  }
  return throughSeq >= log.throughSeq;
}
