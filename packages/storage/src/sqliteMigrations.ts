/**
 * The SQLite schema as an ordered list of migrations. `PRAGMA user_version` records how
 * many have run; to change the schema, append one entry (never edit a released one).
 */
import type Database from 'better-sqlite3';
import { StoreError } from './DocumentStore.ts';

/** Schema changes in the order they were introduced; entry i brings version i to i + 1. */
export const SQLITE_MIGRATIONS: readonly string[] = [
  // 1: plans, their Yjs logs, and which participant each Yjs client id belongs to.
  // plan_clients outlives compaction (which deletes plan_updates rows) so authorship
  // stays known after the updates that carried it are folded into the snapshot.
  `
  CREATE TABLE plans (
    id TEXT PRIMARY KEY,
    title TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL
  ) STRICT;
  CREATE INDEX plans_by_updated_at ON plans (updated_at DESC);

  CREATE TABLE plan_snapshots (
    plan_id TEXT PRIMARY KEY REFERENCES plans (id) ON DELETE CASCADE,
    state BLOB NOT NULL,
    through_seq INTEGER NOT NULL
  ) STRICT;

  CREATE TABLE plan_updates (
    plan_id TEXT NOT NULL REFERENCES plans (id) ON DELETE CASCADE,
    seq INTEGER NOT NULL,
    "update" BLOB NOT NULL,
    participant_id TEXT,
    client_ids TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    PRIMARY KEY (plan_id, seq)
  ) STRICT;

  CREATE TABLE plan_clients (
    plan_id TEXT NOT NULL REFERENCES plans (id) ON DELETE CASCADE,
    client_id INTEGER NOT NULL,
    participant_id TEXT,
    first_seen_at INTEGER NOT NULL,
    PRIMARY KEY (plan_id, client_id)
  ) STRICT;
  `,
];

const schemaVersion = (db: Database.Database): number =>
  db.pragma('user_version', { simple: true }) as number;

/** Runs the migrations the database has not seen yet, all in one transaction. */
export function migrate(
  db: Database.Database,
  migrations: readonly string[] = SQLITE_MIGRATIONS,
): void {
  const applyPending = db.transaction(() => {
    // Read the version under the write lock: another process may have just migrated.
    const version = schemaVersion(db);
    if (version > migrations.length) {
      throw new StoreError(
        'unavailable',
        `${db.name} has schema version ${version}, but this Plenary knows only up to ` +
          `${migrations.length}; it was written by a newer Plenary, so upgrade this one.`,
      );
    }
    if (version === migrations.length) return;
    for (const sql of migrations.slice(version)) db.exec(sql);
    db.pragma(`user_version = ${migrations.length}`);
  });
  applyPending.immediate();
}
