/**
 * What the in-memory stores of one InMemoryStorage share, as the SQLite stores share one
 * database: the plans table (the access store checks that plans exist) and whether it is
 * still open.
 */
import type { ClientAttribution, StoredPlan } from './DocumentStore.ts';
import type { AttributedUpdate } from './deletions.ts';
import { storageClosed } from './storeErrors.ts';

/** A plan's row and Yjs log, as the in-memory document store keeps them. */
export interface InMemoryPlan {
  plan: StoredPlan;
  snapshot: Uint8Array;
  throughSeq: number;
  /** Updates after the snapshot in seq order; their seqs run throughSeq + 1, +2, ... */
  updates: AttributedUpdate[];
  /** Insertion order is first-seen order. */
  clients: Map<number, ClientAttribution & { owner: string | null }>;
  /** What compacted updates deleted, by participant; insertion order is first-seen order. */
  deletions: Map<string | null, Uint8Array>;
}

/** The in-memory counterpart of the SQLite handle that a storage's stores share. */
export class InMemoryDatabase {
  /** Every plan, by id. */
  readonly plans = new Map<string, InMemoryPlan>();
  private closed = false;

  /** Throws the `unavailable` StoreError once closed; every store operation starts here. */
  assertOpen(): void {
    if (this.closed) throw storageClosed();
  }

  /** Closes it for every store that shares it; closing again does nothing. */
  close(): void {
    this.closed = true;
  }
}
