import { addClockRange, type UpdateClocks } from '@plenary/model';
import * as Y from 'yjs';
import { nextTurn } from './eventLoopTurn.ts';
import { SeqTracker } from './SeqTracker.ts';
import { applyInSteps } from './updatePieces.ts';

/** A plan as storage holds it: its updates, the last seq among them, how many are logged. */
export interface StoredUpdates {
  updates: Uint8Array[];
  lastSeq: number;
  logLength: number;
}

/**
 * A room's live document and where it stands against storage: what its transactions
 * wrote since last asked (to store and send it), which stored updates it holds, and how
 * long the stored log has grown since the last snapshot.
 */
export class RoomDocument {
  // Replaced by the stored plan as it is loaded, and again to take back an update refused
  // after it was applied (see `restore`, `Room#reload`).
  private current = new Y.Doc();
  private captured: Uint8Array | null = null;
  /** The one transaction that wrote `captured`, or null when several did. */
  private capturedBy: Y.Transaction | null = null;
  /** Which stored updates the document holds; compaction folds no further. */
  readonly seqs = new SeqTracker(0);
  /** How many updates the stored log holds beyond its snapshot. */
  logLength = 0;

  constructor() {
    this.current.on('update', this.capture);
  }

  /** The plan's live document. */
  get doc(): Y.Doc {
    return this.current;
  }

  private readonly capture = (
    update: Uint8Array,
    _origin: unknown,
    _doc: Y.Doc,
    transaction: Y.Transaction,
  ): void => {
    this.capturedBy = this.captured ? null : transaction;
    this.captured = this.captured ? Y.mergeUpdates([this.captured, update]) : update;
  };

  /**
   * Whether the document's updates are captured (to store and send them). Off, Yjs
   * encodes no update for a transaction at all, which is most of applying a large one.
   */
  capturing(on: boolean): void {
    if (on) this.current.on('update', this.capture);
    else this.current.off('update', this.capture);
  }

  /** What the document's transactions wrote since the last call, merged; clears it. */
  takeCaptured(): Uint8Array | null {
    const update = this.captured;
    this.captured = null;
    this.capturedBy = null;
    return update;
  }

  /**
   * `takeCaptured`, with the transaction that wrote the update (null when several did),
   * which says what it wrote and deleted without decoding it again (see `clocksOf`).
   */
  takeCapturedWithTransaction(): {
    update: Uint8Array;
    transaction: Y.Transaction | null;
  } | null {
    const transaction = this.capturedBy;
    const update = this.takeCaptured();
    return update ? { update, transaction } : null;
  }

  /**
   * Makes the stored plan the document. It is built apart, in steps a pass of the
   * event loop apart (a large plan is otherwise one long piece of work), and only then
   * put in place: meanwhile the old document still answers whatever does not wait for
   * the queue (a presence claim must not find a client id the plan has missing). Nothing
   * listens to it while it is built, so Yjs encodes no update of the whole plan.
   */
  async restore(stored: StoredUpdates): Promise<void> {
    const doc = new Y.Doc();
    for (const update of stored.updates) await applyInSteps(doc, update, nextTurn);
    this.capturing(false);
    this.current = doc;
    this.capturing(true);
    this.captured = null;
    this.loaded(stored);
  }

  /** The document now holds the stored plan up to `lastSeq`, with a log this long. */
  loaded(stored: { lastSeq: number; logLength: number }): void {
    this.seqs.holdThrough(stored.lastSeq);
    this.logLength = stored.logLength;
  }
}

/**
 * What a transaction wrote and deleted, as the update Yjs wrote for it carries them:
 * under each of `clientIds` (the clients it brought new structs of; Yjs writes each from
 * its clock before the transaction to the clock after), and its delete set.
 */
export function clocksOf(transaction: Y.Transaction, clientIds: readonly number[]): UpdateClocks {
  const clocks: UpdateClocks = new Map();
  for (const client of clientIds) {
    const before = transaction.beforeState.get(client) ?? 0;
    const after = transaction.afterState.get(client) ?? before;
    if (after > before) addClockRange(clocks, client, before, after);
  }
  for (const [client, deletions] of transaction.deleteSet.clients) {
    for (const { clock, len } of deletions) addClockRange(clocks, client, clock, clock + len);
  }
  return clocks;
}
