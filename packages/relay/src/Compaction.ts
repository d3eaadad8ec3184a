import { nextTurn } from './eventLoopTurn.ts';
import type { RoomDocument } from './RoomDocument.ts';
import type { RoomEnvironment } from './RoomEnvironment.ts';
import { encodeUpdateSince } from './updateSince.ts';

/** What compacting needs from the room. */
export interface CompactionHost {
  readonly planId: string;
  readonly env: Pick<RoomEnvironment, 'persistence' | 'logger' | 'fanOut'>;
  /** The plan's live document and which stored updates it holds (folded no further). */
  readonly document: RoomDocument;
  /** Runs a task in the room's queue (see `Room#enqueue`). */
  enqueue<T>(task: () => T | Promise<T>): Promise<T>;
}

/**
 * Folds a plan's stored log into one snapshot once it holds `compactAfterUpdates`
 * updates, and when the room closes; with other processes, one of them at a time.
 */
export class Compaction {
  private queued = false;
  /** Until when another process holds the turn to compact this plan. */
  private leftUntil = 0;

  constructor(private readonly host: CompactionHost) {}

  /** Compacts once every update committed by then is stored, as a task of its own. */
  queue(): void {
    if (this.queued) return;
    this.queued = true;
    this.host
      .enqueue(() => {
        this.queued = false;
        return this.compact();
      })
      .catch(() => undefined);
  }

  /** Writes the document as one snapshot in place of the stored updates it holds. */
  async compact(): Promise<void> {
    try {
      // Processes sharing the plan take turns: one compacts, the others leave it be (and
      // do not ask again on every update until that one's turn is over).
      const { fanOut } = this.host.env;
      if (fanOut) {
        if (Date.now() < this.leftUntil) return;
        if (!(await fanOut.claim(`compact:${this.host.planId}`, COMPACTION_CLAIM_MS))) {
          this.leftUntil = Date.now() + COMPACTION_CLAIM_MS;
          return;
        }
      }
      // Written in steps, as a sync answer is (the queue holds the document meanwhile):
      // the whole plan in one `encodeStateAsUpdate` held every other plan.
      const snapshot = await encodeUpdateSince(this.host.document.doc, new Map(), nextTurn);
      await this.host.env.persistence.compact(
        this.host.planId,
        snapshot,
        this.host.document.seqs.through,
      );
      this.host.document.logLength = 0;
    } catch (error) {
      // The log is still complete; compaction is retried after the next update.
      this.host.env.logger.warn({ planId: this.host.planId, err: error }, 'compaction failed');
    }
  }
}

/** How long one process holds the right to compact a plan before another may. */
const COMPACTION_CLAIM_MS = 10_000;
