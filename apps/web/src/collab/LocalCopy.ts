import { clearDocument, IndexeddbPersistence, PREFERRED_TRIM_SIZE, storeState } from 'y-indexeddb';
import type * as Y from 'yjs';
import type { KeptClock } from './ConfirmedClocks.ts';
import { DeferredRemoteWrites } from './DeferredRemoteWrites.ts';

/**
 * Whether the plan's text is kept on this device: `loading` until the stored copy is in
 * the doc, `kept` while every change is written to IndexedDB, `unavailable` when the
 * browser has no IndexedDB (private browsing, a policy) and `full` after the browser
 * refused a write for lack of space. In the last two the plan goes on online only.
 */
export type LocalCopyState = 'loading' | 'kept' | 'unavailable' | 'full';

/** y-indexeddb's store of the doc's updates, one row each. */
const UPDATES_STORE = 'updates';
/** The custom-store key of how many changes made here the server had not confirmed. */
const UNCONFIRMED_KEY = 'unconfirmed';
/** The custom-store key of the own clients with unconfirmed text, and from which clock. */
const CLOCKS_KEY = 'unconfirmedClocks';

const isKeptClock = (value: unknown): value is KeptClock =>
  Array.isArray(value) &&
  value.length === 2 &&
  value.every((n) => typeof n === 'number' && Number.isSafeInteger(n) && n >= 0);

/** The IndexedDB database of one plan as one participant keeps it on this device. */
export function localCopyName(planId: string, participantId: string): string {
  return `plenary:${planId}:${participantId}`;
}

/** Every open local copy, told when the browser refuses a write for lack of space. */
const openCopies = new Set<LocalCopy>();

const isQuotaError = (reason: unknown): boolean =>
  reason instanceof Error &&
  (reason.name === 'QuotaExceededError' || /quota/i.test(reason.message));

// y-indexeddb writes each update without handling a failed write: the browser's refusal
// arrives as an unhandled rejection, the only place it can be heard.
globalThis.addEventListener?.('unhandledrejection', (event: PromiseRejectionEvent) => {
  if (!isQuotaError(event.reason) || openCopies.size === 0) return;
  event.preventDefault();
  for (const copy of openCopies) copy.markFull();
});

/** Whether the browser holds an IndexedDB database of this name; true when it cannot tell. */
async function heldOnDevice(name: string): Promise<boolean> {
  if (typeof indexedDB === 'undefined' || typeof indexedDB.databases !== 'function') return true;
  try {
    return (await indexedDB.databases()).some((database) => database.name === name);
  } catch {
    return true;
  }
}

/**
 * One plan's Y.Doc kept in IndexedDB with y-indexeddb, so that what is typed survives a
 * reload, a closed tab or a browser restart, online or not. Opens only after `after`
 * settles, so that a copy being cleared (a refused doc's) is gone before a new one opens
 * under the same name.
 */
export class LocalCopy {
  readonly name: string;
  /** Settles once the stored copy is in the doc, or once it is known there is none to load. */
  readonly loaded: Promise<void>;
  #persistence: IndexeddbPersistence | null = null;
  /** Writes what waits (see DeferredRemoteWrites) and stops writing the doc's updates. */
  #stopWrites: (() => void) | null = null;
  /** When the doc's updates reach the device copy (see DeferredRemoteWrites). */
  #writes: DeferredRemoteWrites | null = null;
  #state: LocalCopyState = 'loading';
  #storedUnconfirmed = 0;
  #storedClocks: KeptClock[] = [];
  /** The count last written, so a later write can say whether it is the newest. */
  #wantedUnconfirmed = 0;
  #wantedClocks: readonly KeptClock[] = [];
  #keptUnconfirmed = 0;
  #closed = false;
  readonly #listeners = new Set<() => void>();

  /**
   * Whether this device held a copy of this name before this one opened. False only when
   * the browser says so; true when it cannot tell.
   */
  readonly heldBefore: Promise<boolean>;

  constructor(name: string, doc: Y.Doc, after: Promise<unknown> = Promise.resolve()) {
    this.name = name;
    const opening = after.then(() => {
      // Asked before this copy's own open creates the database.
      const held = heldOnDevice(name);
      return { held, loaded: this.#open(doc) };
    });
    this.heldBefore = opening.then(
      ({ held }) => held,
      () => true,
    );
    this.loaded = opening.then(({ loaded }) => loaded).catch(() => this.#unavailable());
  }

  /** Where the copy stands (see LocalCopyState). */
  getState = (): LocalCopyState => this.#state;

  /** How many unconfirmed changes the stored copy holds, as written last time the plan was open. */
  get storedUnconfirmed(): number {
    return this.#storedUnconfirmed;
  }

  /** The own clients whose text the server had not confirmed when the plan was last open here. */
  get storedClocks(): readonly KeptClock[] {
    return this.#storedClocks;
  }

  /** How many unconfirmed changes are known to be on the device (for the indicator). */
  get keptUnconfirmed(): number {
    return this.#keptUnconfirmed;
  }

  /** True for updates this copy applied to the doc as it loaded. */
  isOwnOrigin(origin: unknown): boolean {
    return origin !== null && origin === this.#persistence;
  }

  /** Calls `listener` whenever the state or the kept count changes. */
  subscribe = (listener: () => void): (() => void) => {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  };

  /**
   * Writes how many changes the server has not confirmed, and from which clock of which
   * own client its text is unconfirmed. The write's transaction also covers the updates
   * store, so IndexedDB runs it after every update written before it: once it succeeds,
   * those changes are on the disk.
   */
  keepUnconfirmed(count: number, clocks: readonly KeptClock[]): void {
    this.#wantedUnconfirmed = count;
    this.#wantedClocks = clocks;
    const db = this.#persistence?.db;
    if (!db || this.#state !== 'kept') return;
    // The updates it counts are written first: IndexedDB runs transactions in the order made.
    this.#writes?.flush();
    const transaction = db.transaction(['updates', 'custom'], 'readwrite');
    const custom = transaction.objectStore('custom');
    custom.put(count, UNCONFIRMED_KEY);
    custom.put(clocks, CLOCKS_KEY);
    // Chromium checks the quota as a transaction commits, after each request succeeded:
    // only the transaction's end says whether the write is on the disk.
    transaction.oncomplete = () => {
      if (count !== this.#wantedUnconfirmed || this.#closed) return;
      this.#keptUnconfirmed = count;
      this.#emit();
    };
    transaction.onabort = () => {
      if (isQuotaError(transaction.error)) this.markFull();
    };
  }

  /** The browser refused a write for lack of space: the copy no longer follows the doc. */
  markFull(): void {
    if (this.#state === 'full' || this.#closed) return;
    this.#state = 'full';
    this.#emit();
  }

  /** Stops writing; the stored copy stays for the next time the plan opens. */
  async close(): Promise<void> {
    this.#closed = true;
    openCopies.delete(this);
    this.#listeners.clear();
    await this.loaded;
    // Others' text waiting for its write goes in before the copy closes.
    this.#stopWrites?.();
    await this.#persistence?.destroy();
  }

  /** Stops writing and deletes the stored copy (after a refusal, or once it was downloaded). */
  async clear(): Promise<void> {
    await this.close();
    if (this.#state !== 'unavailable') await clearDocument(this.name).catch(() => undefined);
  }

  async #open(doc: Y.Doc): Promise<void> {
    if (this.#closed) return;
    if (typeof indexedDB === 'undefined') throw new Error('This browser has no IndexedDB.');
    const persistence = new IndexeddbPersistence(this.name, doc);
    this.#persistence = persistence;
    // y-indexeddb writes every update as it is made; DeferredRemoteWrites decides when
    // instead (a microtask later for what is typed here, after the socket sent it), and
    // #store writes, telling it when each write has ended.
    const writes = new DeferredRemoteWrites(
      (update, done) => this.#store(persistence, update, done),
      (origin) => origin === persistence,
    );
    doc.off('update', persistence._storeUpdate);
    doc.on('update', writes.onUpdate);
    // What typing left waiting for a write in flight goes in before the browser may end
    // the page without another task.
    const onHide = () => {
      if (document.visibilityState === 'hidden') writes.flush();
    };
    const onPageHide = () => writes.flush();
    globalThis.document?.addEventListener('visibilitychange', onHide);
    globalThis.addEventListener?.('pagehide', onPageHide);
    // Before the database closes (y-indexeddb closes it a promise later, on the doc's destroy too).
    const stop = () => {
      writes.flush();
      doc.off('update', writes.onUpdate);
      doc.off('destroy', stop);
      globalThis.document?.removeEventListener('visibilitychange', onHide);
      globalThis.removeEventListener?.('pagehide', onPageHide);
    };
    doc.on('destroy', stop);
    this.#stopWrites = stop;
    this.#writes = writes;
    // y-indexeddb leaves a failed open unhandled and never reports it synced: race the two.
    await Promise.race([persistence.whenSynced, persistence._db.then(() => new Promise(() => {}))]);
    // Both asked at once: the socket waits for them (one IndexedDB round trip, not two).
    const [stored, clocks]: unknown[] = await Promise.all([
      persistence.get(UNCONFIRMED_KEY),
      persistence.get(CLOCKS_KEY),
    ]);
    this.#storedUnconfirmed = typeof stored === 'number' ? stored : 0;
    this.#storedClocks = Array.isArray(clocks) ? clocks.filter(isKeptClock) : [];
    this.#keptUnconfirmed = this.#storedUnconfirmed;
    if (this.#closed) return;
    this.#state = 'kept';
    openCopies.add(this);
    this.#emit();
    // What changed while the copy loaded (the clocks change with the count).
    if (this.#wantedUnconfirmed !== this.#storedUnconfirmed) {
      this.keepUnconfirmed(this.#wantedUnconfirmed, this.#wantedClocks);
    }
  }

  /**
   * Writes one update as y-indexeddb would (a row of its updates store, counted so that
   * it folds the rows into one once there are many, a second after the last write), in a
   * transaction whose end is reported to `done`. A refused write marks the copy full.
   */
  #store(persistence: IndexeddbPersistence, update: Uint8Array, done: () => void): void {
    const db = persistence.db;
    if (!db || persistence._destroyed) {
      done();
      return;
    }
    let transaction: IDBTransaction;
    try {
      transaction = db.transaction([UPDATES_STORE], 'readwrite');
      transaction.objectStore(UPDATES_STORE).add(update);
      // Committed now rather than once the add's answer is back here: a tab closed in
      // between would lose it (Chromium aborts what was not committed when the page goes).
      // A browser without `commit` (before Safari 15) still commits it at the task's end.
      transaction.commit?.();
    } catch {
      // A closed database (deleted from another tab) takes no more writes.
      done();
      return;
    }
    transaction.oncomplete = done;
    transaction.onabort = () => {
      done();
      if (isQuotaError(transaction.error)) this.markFull();
    };
    persistence._dbsize += 1;
    if (persistence._dbsize < PREFERRED_TRIM_SIZE) return;
    clearTimeout(persistence._storeTimeoutId);
    persistence._storeTimeoutId = setTimeout(() => {
      persistence._storeTimeoutId = null;
      void storeState(persistence, false);
    }, persistence._storeTimeout);
  }

  #unavailable(): void {
    this.#persistence = null;
    this.#state = 'unavailable';
    this.#emit();
  }

  #emit(): void {
    for (const listener of this.#listeners) listener();
  }
}
