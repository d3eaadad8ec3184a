import * as Y from 'yjs';

/** How long others' updates wait before they are written to the device copy together. */
export const REMOTE_WRITE_DELAY_MS = 250;

/**
 * Writes one update to the device copy in a transaction of its own, and calls `done` once
 * that transaction has ended, committed or not.
 */
export type StoreUpdate = (update: Uint8Array, done: () => void) => void;

/**
 * Decides when the doc's updates reach the device copy. What is typed here is written in
 * the same task, as y-indexeddb does (it may exist nowhere else yet), but a microtask
 * later: y-indexeddb's listener came before the socket's, so each key waited for an
 * IndexedDB transaction before it went to the others. While a write is in flight, what
 * is typed meanwhile joins the next write, made as soon as that one ends (a group commit:
 * nothing waits longer than the write before it, and a burst of keys costs one
 * transaction instead of one each). What others typed (an update applied from the server,
 * `transaction.local` false) is on the server already; writing each of those in the task
 * that shows it (an IndexedDB transaction per key someone else types) delayed their text
 * on this screen, so they wait a moment and go in merged. Others' waiting updates always
 * go into the same write as a local one, so the copy never holds an own change without
 * the others' text it was typed against.
 */
export class DeferredRemoteWrites {
  #remote: Uint8Array[] = [];
  #local: Uint8Array[] = [];
  #timer: ReturnType<typeof setTimeout> | null = null;
  #flushQueued = false;
  /** Writes made and not yet ended. */
  #inFlight = 0;

  constructor(
    private readonly store: StoreUpdate,
    /** Updates never to write: those the copy itself applied as it loaded. */
    private readonly skip: (origin: unknown) => boolean,
    private readonly delayMs = REMOTE_WRITE_DELAY_MS,
  ) {}

  /** The doc's 'update' listener. */
  onUpdate = (update: Uint8Array, origin: unknown, _doc: Y.Doc, transaction: Y.Transaction) => {
    if (this.skip(origin)) return;
    if (transaction.local) {
      this.#local.push(update);
      // With a write in flight, this one goes when it ends (#ended).
      if (!this.#flushQueued && this.#inFlight === 0) {
        this.#flushQueued = true;
        queueMicrotask(() => {
          if (this.#flushQueued && this.#inFlight === 0) this.flush();
        });
      }
      return;
    }
    this.#remote.push(update);
    this.#timer ??= setTimeout(() => this.flush(), this.delayMs);
  };

  /**
   * Writes what waits now, in one write, whether or not another is in flight (at a local
   * update's microtask or once the write before it ended; before a write that must come
   * after every update so far; when the page is hidden or left, and when the copy closes).
   */
  flush(): void {
    this.#flushQueued = false;
    if (this.#timer !== null) clearTimeout(this.#timer);
    this.#timer = null;
    const waiting = this.#remote.concat(this.#local);
    this.#remote = [];
    this.#local = [];
    if (waiting.length === 0) return;
    this.#inFlight += 1;
    this.store(waiting.length === 1 ? (waiting[0] as Uint8Array) : Y.mergeUpdates(waiting), () =>
      this.#ended(),
    );
  }

  #ended(): void {
    this.#inFlight -= 1;
    if (this.#inFlight === 0 && this.#local.length > 0) this.flush();
  }
}
