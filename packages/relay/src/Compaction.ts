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
  /** The snapshot being stored, outside the room's queue (see `queue`). */
  private storing: Promise<void> | null = null;
  /** Until when another process holds the turn to compact this plan. */
  private leftUntil = 0;
  private warnedPending = false;

  constructor(private readonly host: CompactionHost) {}

  /**
   * Compacts once every update committed by then is stored. The snapshot is written in a
   * task of the room's queue (it must be the document as stored through one seq); storing
   * it (storage folds who deleted what out of hundreds of updates first) is not: updates
   * stored meanwhile come after that seq and stay in the log. The room's queue held them
   * all for it before, so under a flood a keystroke waited for the whole compaction.
   */
  queue(): void {
    if (this.queued || this.storing) return;
    this.queued = true;
    this.host
      .enqueue(async () => {
        this.queued = false;
        const snapshot = await this.snapshot();
        if (!snapshot) return;
        this.storing = this.store(snapshot).finally(() => {
          this.storing = null;
        });
      })
      .catch(() => undefined);
  }

  /** Writes the document as one snapshot in place of the stored updates it holds, and waits. */
  async compact(): Promise<void> {
    await this.storing;
    const snapshot = await this.snapshot();
    if (snapshot) await this.store(snapshot);
  }

  /**
   * The document as one snapshot, and the seq it holds the stored log through; null when
   * another process has the turn to compact. The document must not change meanwhile.
   */
  private async snapshot(): Promise<{ state: Uint8Array; throughSeq: number } | null> {
    try {
      // Processes sharing the plan take turns: one compacts, the others leave it be (and
      // do not ask again on every update until that one's turn is over).
      const { fanOut } = this.host.env;
      if (fanOut) {
        if (Date.now() < this.leftUntil) return null;
        if (!(await fanOut.claim(`compact:${this.host.planId}`, COMPACTION_CLAIM_MS))) {
          this.leftUntil = Date.now() + COMPACTION_CLAIM_MS;
          return null;
        }
      }
      // A snapshot holds only what the document integrated: what Yjs keeps pending (it
      // waits for an update it depends on) would be left out, and the rows that carry it
      // deleted. Heard out of order from another process, it is after `through` and stays
      // in the log anyway; read from storage, it means the stored plan lacks something,
      // and then the log is the only full record left.
      const { pendingStructs, pendingDs } = this.host.document.doc.store;
      if (pendingStructs || pendingDs) {
        this.leftPending(pendingStructs?.missing);
        return null;
      }
      const throughSeq = this.host.document.seqs.through;
      // Written in steps, as a sync answer is (the queue holds the document meanwhile):
      // the whole plan in one `encodeStateAsUpdate` held every other plan.
      const state = await encodeUpdateSince(this.host.document.doc, new Map(), nextTurn);
      return { state, throughSeq };
    } catch (error) {
      this.failed(error);
      return null;
    }
  }

  private async store({ state, throughSeq }: { state: Uint8Array; throughSeq: number }) {
    try {
      await this.host.env.persistence.compact(this.host.planId, state, throughSeq);
      // Updates stored meanwhile counted the folded ones; the next one counts afresh.
      this.host.document.logLength = 0;
    } catch (error) {
      this.failed(error);
    }
  }

  /** Says once per room that compaction waits for what the document keeps pending. */
  private leftPending(missing: Map<number, number> | undefined): void {
    if (this.warnedPending) return;
    this.warnedPending = true;
    this.host.env.logger.warn(
      { planId: this.host.planId, missing: missing ? Object.fromEntries(missing) : {} },
      'compaction waits: the plan holds changes that wait for others it lacks',
    );
  }

  // The log is still complete; compaction is retried after the next update.
  private failed(error: unknown): void {
    this.host.env.logger.warn({ planId: this.host.planId, err: error }, 'compaction failed');
  }
}

/** How long one process holds the right to compact a plan before another may. */
const COMPACTION_CLAIM_MS = 10_000;
