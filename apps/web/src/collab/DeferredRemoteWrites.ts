import * as Y from 'yjs';

/** How long others' updates wait before they are written to the device copy together. */
export const REMOTE_WRITE_DELAY_MS = 250;

/** Writes one update to the device copy (y-indexeddb's own writer). */
type StoreUpdate = (update: Uint8Array, origin: unknown) => void;

/**
 * Decides when the doc's updates reach the device copy. What is typed here is written at
 * once, as y-indexeddb does: it may exist nowhere else yet. What others typed (an update
 * applied from the server, `transaction.local` false) is on the server already; writing
 * each of those in the task that shows it (an IndexedDB transaction per key someone else
 * types) delayed their text on this screen, so they wait a moment and go in as one
 * merged update. Anything waiting is written before a local update, so the copy never
 * holds an own change without the others' text it was typed against.
 */
export class DeferredRemoteWrites {
  #waiting: Uint8Array[] = [];
  #timer: ReturnType<typeof setTimeout> | null = null;

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
      this.flush();
      this.store(update, origin);
      return;
    }
    this.#waiting.push(update);
    this.#timer ??= setTimeout(() => this.flush(), this.delayMs);
  };

  /** Writes what waits now (before a local update, and when the copy closes). */
  flush(): void {
    if (this.#timer !== null) clearTimeout(this.#timer);
    this.#timer = null;
    const waiting = this.#waiting;
    if (waiting.length === 0) return;
    this.#waiting = [];
    // Origin null: not the persistence itself, which y-indexeddb would skip.
    this.store(waiting.length === 1 ? (waiting[0] as Uint8Array) : Y.mergeUpdates(waiting), null);
  }
}
