import * as Y from 'yjs';

/** How long others' updates wait before they are written to the device copy together. */
export const REMOTE_WRITE_DELAY_MS = 250;

/** Writes one update to the device copy (y-indexeddb's own writer). */
type StoreUpdate = (update: Uint8Array, origin: unknown) => void;

/**
 * Decides when the doc's updates reach the device copy. What is typed here is written in
 * the same task, as y-indexeddb does (it may exist nowhere else yet), but a microtask
 * later: y-indexeddb's listener came before the socket's, so each key waited for an
 * IndexedDB transaction before it went to the others. What others typed (an update
 * applied from the server, `transaction.local` false) is on the server already; writing
 * each of those in the task that shows it (an IndexedDB transaction per key someone else
 * types) delayed their text on this screen, so they wait a moment and go in as one merged
 * update. Others' waiting updates are written before a local one, so the copy never holds
 * an own change without the others' text it was typed against.
 */
export class DeferredRemoteWrites {
  #remote: Uint8Array[] = [];
  #local: { update: Uint8Array; origin: unknown }[] = [];
  #timer: ReturnType<typeof setTimeout> | null = null;
  #flushQueued = false;

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
      this.#local.push({ update, origin });
      if (!this.#flushQueued) {
        this.#flushQueued = true;
        queueMicrotask(() => this.flush());
      }
      return;
    }
    this.#remote.push(update);
    this.#timer ??= setTimeout(() => this.flush(), this.delayMs);
  };

  /**
   * Writes what waits now, others' updates first (at a local update's microtask, before
   * a write that must come after every update so far, and when the copy closes).
   */
  flush(): void {
    this.#flushQueued = false;
    if (this.#timer !== null) clearTimeout(this.#timer);
    this.#timer = null;
    const remote = this.#remote;
    const local = this.#local;
    this.#remote = [];
    this.#local = [];
    // Origin null: not the persistence itself, which y-indexeddb would skip.
    if (remote.length > 0)
      this.store(remote.length === 1 ? (remote[0] as Uint8Array) : Y.mergeUpdates(remote), null);
    for (const { update, origin } of local) this.store(update, origin);
  }
}
