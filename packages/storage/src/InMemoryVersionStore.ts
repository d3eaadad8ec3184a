/**
 * The VersionStore kept in an array, beside an InMemoryDocumentStore: for server tests,
 * and as the reference for what the version store contract asks.
 */
import type { InMemoryDatabase } from './InMemoryDatabase.ts';
import { planNotFound, versionExists } from './storeErrors.ts';
import type { NewVersion, StoredVersion, VersionStore } from './VersionStore.ts';

interface VersionRecord {
  version: StoredVersion;
  state: Uint8Array;
}

// Copies in and out, as a database would.
const copyVersion = (version: StoredVersion): StoredVersion => ({
  ...version,
  createdAt: new Date(version.createdAt),
});

/** The VersionStore of an InMemoryStorage; its contents go when the process does. */
export class InMemoryVersionStore implements VersionStore {
  /** Oldest first, in the order saved. */
  private readonly records: VersionRecord[] = [];

  constructor(private readonly db: InMemoryDatabase) {}

  async createVersion({ state, createdAt, ...version }: NewVersion): Promise<StoredVersion> {
    this.db.assertOpen();
    if (!this.db.plans.has(version.planId)) throw planNotFound(version.planId);
    if (this.records.some((record) => record.version.id === version.id)) {
      throw versionExists(version.id);
    }
    const stored = { ...version, createdAt: new Date(createdAt ?? Date.now()) };
    this.records.push({ version: copyVersion(stored), state: state.slice() });
    return stored;
  }

  async listVersions(planId: string): Promise<StoredVersion[]> {
    this.db.assertOpen();
    // Reversed, then a stable sort: ties in time keep the last saved first, as SQLite's rowid.
    return this.records
      .filter((record) => record.version.planId === planId)
      .map((record) => copyVersion(record.version))
      .reverse()
      .sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime());
  }

  async versionState(planId: string, versionId: string): Promise<Uint8Array | null> {
    this.db.assertOpen();
    const record = this.records.find(
      (candidate) => candidate.version.planId === planId && candidate.version.id === versionId,
    );
    return record ? record.state.slice() : null;
  }
}
