/**
 * Where plans live when no one has them open: each plan's Yjs update log (a snapshot
 * plus the updates appended since), the plan's row for listing, and who wrote what.
 *
 * Every adapter (SQLite now, PostgreSQL for the scaled-out mode) passes the one contract
 * suite in `documentStoreContract.ts`. A DocumentStore is one face of a `Storage`, which
 * opens and closes the database it shares with the AccessStore.
 */

/** A plan's row, for listing plans without loading their documents. */
export interface StoredPlan {
  id: string;
  /** Denormalised copy of the plan's title from its Y.Doc, kept for listings. */
  title: string;
  createdAt: Date;
  updatedAt: Date;
}

/** Who sent an update: the Yjs client ids it carries and the person behind them. */
export interface UpdateOrigin {
  clientIds: readonly number[];
  /** The participant behind the connection, or null for the server's own changes. */
  participantId: string | null;
  /**
   * Who may write under those client ids from now on, for ids not owned yet (the
   * relay's key for a socket; null for the server). Defaults to `participantId`.
   */
  owner?: string | null;
  /**
   * The connection the update came from, compared by identity. Once one of its appends
   * is refused for a client id someone else owns, its later ones are refused too.
   */
  sender?: object;
}

/** One Yjs client id and who may write new structs under it (null: the server). */
export interface ClientOwner {
  clientId: number;
  owner: string | null;
}

/** A plan's document as stored: apply `updates` in order to an empty Y.Doc. */
export interface LoadedDocument {
  /** The snapshot (if any) followed by every update appended after it. */
  updates: Uint8Array[];
  /** Sequence number of the last update in the log (0 when there is none yet). */
  lastSeq: number;
  /** How many updates were appended since the last snapshot. */
  logLength: number;
  /** The owner of every client id recorded for the plan, in the order first seen. */
  clientOwners: ClientOwner[];
}

/** One Yjs client id and the participant it belongs to; kept across compaction. */
export interface ClientAttribution {
  clientId: number;
  participantId: string | null;
  firstSeenAt: Date;
}

/** Everything one participant deleted in a plan, as a Yjs update holding only a delete set. */
export interface ParticipantDeletions {
  /** The participant, or null for the server's own changes. */
  participantId: string | null;
  /** Decode with `Y.decodeUpdate(deletions).ds` and ask `Y.isDeleted(ds, id)`. */
  deletions: Uint8Array;
}

/** Result of appending an update to a plan's log. */
export interface AppendResult {
  seq: number;
  /** Updates in the log since the last snapshot, including this one. */
  logLength: number;
}

/** The storage port that the relay and the REST API use. */
export interface DocumentStore {
  /** Creates a plan whose document starts as `initialState`. Fails if the id exists. */
  createPlan(plan: { id: string; title: string; initialState: Uint8Array }): Promise<StoredPlan>;
  /** The plan's row, or null when there is no such plan. */
  getPlan(planId: string): Promise<StoredPlan | null>;
  /** All plans, most recently updated first. */
  listPlans(): Promise<StoredPlan[]>;
  /** Updates the listing title (the Y.Doc stays the source of truth). */
  setPlanTitle(planId: string, title: string): Promise<void>;
  /**
   * Durably appends one update to the plan's log. Resolves only once the update
   * would survive a crash; the relay broadcasts and acknowledges after that. Fails with
   * `client-owned-elsewhere`, storing nothing of it, when one of the origin's client ids
   * already belongs to an owner other than the origin's: scaled out, a socket on another
   * process claimed it first, and storing the update would put two texts under one id.
   */
  appendUpdate(planId: string, update: Uint8Array, origin: UpdateOrigin): Promise<AppendResult>;
  /**
   * Records the owner of client ids not recorded yet, without an update: the id a socket
   * shows presence under before it writes anything, so that no one else can take it.
   * Resolves with the owner recorded for each id, in the order given: the claimant's, or
   * that of whoever came first (another process, scaled out).
   */
  claimClients(planId: string, origin: UpdateOrigin): Promise<ClientOwner[]>;
  /** The plan's stored document, or null when there is no such plan. */
  loadDocument(planId: string): Promise<LoadedDocument | null>;
  /**
   * Replaces the snapshot and every update up to and including `throughSeq` with
   * `snapshot`, atomically. Updates appended after `throughSeq` are kept.
   * A `throughSeq` below the stored snapshot's is stale and ignored (that snapshot lacks
   * updates whose rows are gone); one beyond `lastSeq` fails with `seq-out-of-range`.
   * What the removed updates deleted is folded into their participants' deletions first,
   * so `deletionAttribution` answers the same before and after.
   */
  compact(planId: string, snapshot: Uint8Array, throughSeq: number): Promise<void>;
  /** Which participant each Yjs client id of the plan belongs to, in the order first seen. */
  clientAttribution(planId: string): Promise<ClientAttribution[]>;
  /**
   * Who deleted what in the plan: one entry per participant who deleted anything, in the
   * order first seen, across compaction. Fails with `plan-not-found` for an unknown plan.
   */
  deletionAttribution(planId: string): Promise<ParticipantDeletions[]>;
  /**
   * Resolves when the storage this store lives in can serve, as `Storage.ping` does; kept
   * here so that code holding only the DocumentStore (the health check) can ask.
   */
  ping(): Promise<void>;
}
