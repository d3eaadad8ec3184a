/**
 * Saved versions of a plan: the whole Y.Doc state at a moment, named by the facilitator
 * or focal point ("End of day 1") or taken automatically. Versions are only ever added,
 * so a restore (a new change on top) never loses one. Every adapter passes
 * `versionStoreContract.ts`.
 */
import type { VersionReason } from '@plenary/model';

export type { VersionReason };

/** A saved version, without its (possibly large) state. */
export interface StoredVersion {
  /** Unique across every plan: the caller mints it. */
  id: string;
  planId: string;
  /** The name a person gave it, or null for an automatic version. */
  name: string | null;
  reason: VersionReason;
  createdAt: Date;
  /** The participant who saved it, or null for the server (automatic versions, invite tokens). */
  createdBy: string | null;
  /** Their display name at the time, so the history reads on its own. */
  createdByName: string | null;
}

/** What `createVersion` takes: the version, its state, and when (now unless given). */
export type NewVersion = Omit<StoredVersion, 'createdAt'> & {
  /** `Y.encodeStateAsUpdate` of the plan's doc at that moment. */
  state: Uint8Array;
  createdAt?: Date;
};

/** The storage port for saved versions. */
export interface VersionStore {
  /**
   * Saves a version. Fails with `plan-not-found` for a plan the store does not hold and
   * `version-exists` when the id is taken.
   */
  createVersion(version: NewVersion): Promise<StoredVersion>;
  /** The plan's versions, newest first (the last saved first within one moment). */
  listVersions(planId: string): Promise<StoredVersion[]>;
  /** The state saved with the version, byte for byte, or null when the plan has no such version. */
  versionState(planId: string, versionId: string): Promise<Uint8Array | null>;
}
