/**
 * The SQLite schema as an ordered list of migrations. `PRAGMA user_version` records how
 * many have run; to change the schema, append one entry (never edit a released one).
 */
import type Database from 'better-sqlite3';
import { StoreError } from './StoreError.ts';

/**
 * The update log as migration 1 made it (released: this text must not change), named apart
 * so that migration 11 rebuilds the very same table without a rowid.
 */
const UPDATE_LOG = `CREATE TABLE plan_updates (
    plan_id TEXT NOT NULL REFERENCES plans (id) ON DELETE CASCADE,
    seq INTEGER NOT NULL,
    "update" BLOB NOT NULL,
    participant_id TEXT,
    client_ids TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    PRIMARY KEY (plan_id, seq)
  ) STRICT;`;

/**
 * Rebuilds `table`, made by `definition` (its CREATE TABLE ... STRICT), as a WITHOUT ROWID
 * table of the same columns and key, keeping its rows: SQLite cannot drop a rowid in place.
 */
function withoutRowid(definition: string, table: string): string {
  const rebuilt = `${table}_rebuilt`;
  return `${definition
    .replace(`CREATE TABLE ${table} (`, `CREATE TABLE ${rebuilt} (`)
    .replace(/\) STRICT;$/, ') STRICT, WITHOUT ROWID;')}
  INSERT INTO ${rebuilt} SELECT * FROM ${table};
  DROP TABLE ${table};
  ALTER TABLE ${rebuilt} RENAME TO ${table};`;
}

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

  ${UPDATE_LOG}

  CREATE TABLE plan_clients (
    plan_id TEXT NOT NULL REFERENCES plans (id) ON DELETE CASCADE,
    client_id INTEGER NOT NULL,
    participant_id TEXT,
    first_seen_at INTEGER NOT NULL,
    PRIMARY KEY (plan_id, client_id)
  ) STRICT;
  `,
  // 2: invite links, the participants who came in through them, and their sessions.
  // Tokens arrive hashed (and invite tokens also sealed) by the server. The roles are
  // spelled out rather than taken from the model, since a released migration must not
  // change when the model does. The UNIQUE (plan_id, id) keys let children reference
  // (plan, row) pairs, so a participant cannot join through another plan's invite and a
  // session cannot name another plan's participant, whatever the code above does.
  `
  CREATE TABLE invites (
    id TEXT PRIMARY KEY,
    plan_id TEXT NOT NULL REFERENCES plans (id) ON DELETE CASCADE,
    role TEXT NOT NULL CHECK (role IN ('facilitator', 'focal-point', 'member', 'observer')),
    group_id TEXT,
    token_hash TEXT NOT NULL UNIQUE,
    sealed_token BLOB NOT NULL,
    created_at INTEGER NOT NULL,
    expires_at INTEGER,
    revoked_at INTEGER,
    created_by TEXT,
    UNIQUE (plan_id, id)
  ) STRICT;

  CREATE TABLE participants (
    id TEXT PRIMARY KEY,
    plan_id TEXT NOT NULL REFERENCES plans (id) ON DELETE CASCADE,
    invite_id TEXT NOT NULL,
    name TEXT NOT NULL,
    role TEXT NOT NULL CHECK (role IN ('facilitator', 'focal-point', 'member', 'observer')),
    group_id TEXT,
    created_at INTEGER NOT NULL,
    last_seen_at INTEGER NOT NULL,
    UNIQUE (plan_id, id),
    FOREIGN KEY (plan_id, invite_id) REFERENCES invites (plan_id, id) ON DELETE CASCADE
  ) STRICT;
  CREATE INDEX participants_by_invite ON participants (plan_id, invite_id);

  CREATE TABLE sessions (
    token_hash TEXT PRIMARY KEY,
    plan_id TEXT NOT NULL REFERENCES plans (id) ON DELETE CASCADE,
    participant_id TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    FOREIGN KEY (plan_id, participant_id) REFERENCES participants (plan_id, id) ON DELETE CASCADE
  ) STRICT;
  -- Child keys get an index so that deleting a participant need not scan every session.
  CREATE INDEX sessions_by_participant ON sessions (plan_id, participant_id);
  `,
  // 3: the decision log. Sections live in the Y.Doc, not in tables, so section_id has no
  // foreign key; nor has decided_by, whose name is copied so the entry reads on its own.
  // kind is the editor's word and may grow, so it is not checked here; action is.
  `
  CREATE TABLE decisions (
    id TEXT PRIMARY KEY,
    plan_id TEXT NOT NULL REFERENCES plans (id) ON DELETE CASCADE,
    section_id TEXT NOT NULL,
    suggestion_id TEXT NOT NULL,
    action TEXT NOT NULL CHECK (action IN ('accept', 'reject')),
    kind TEXT NOT NULL,
    inserted_text TEXT NOT NULL,
    deleted_text TEXT NOT NULL,
    author_id TEXT NOT NULL,
    author_name TEXT NOT NULL,
    group_id TEXT,
    suggested_at INTEGER,
    decided_by TEXT,
    decided_by_name TEXT NOT NULL,
    decided_at INTEGER NOT NULL
  ) STRICT;
  CREATE INDEX decisions_by_plan ON decisions (plan_id, decided_at);
  `,
  // 4: saved versions, each the whole document state. created_by has no foreign key and
  // its name is copied, as in the decision log, so a version outlives its author's row.
  `
  CREATE TABLE plan_versions (
    id TEXT PRIMARY KEY,
    plan_id TEXT NOT NULL REFERENCES plans (id) ON DELETE CASCADE,
    name TEXT,
    reason TEXT NOT NULL CHECK (reason IN ('named', 'phase', 'activity', 'restore')),
    state BLOB NOT NULL,
    created_at INTEGER NOT NULL,
    created_by TEXT,
    created_by_name TEXT
  ) STRICT;
  CREATE INDEX plan_versions_by_plan ON plan_versions (plan_id, created_at);
  `,
  // 5: what each participant deleted in updates that compaction removed (a Yjs update
  // holding only a delete set), so deletions stay attributed as plan_clients keeps
  // insertions attributed. One row per (plan, participant); NULL is the server, so the
  // code finds a row with IS rather than relying on a UNIQUE key that NULLs slip through.
  `
  CREATE TABLE plan_deletions (
    plan_id TEXT NOT NULL REFERENCES plans (id) ON DELETE CASCADE,
    participant_id TEXT,
    deletions BLOB NOT NULL
  ) STRICT;
  CREATE INDEX plan_deletions_by_plan ON plan_deletions (plan_id, participant_id);
  `,
  // 6: who may write new structs under each client id (the relay's key for a socket;
  // NULL is the server), fixed at first use like participant_id. Rows from before
  // belonged to their participant; the server's own ids among them cannot be told apart
  // and stay with the participant they were written for, which is who they credit.
  `
  ALTER TABLE plan_clients ADD COLUMN owner TEXT;
  UPDATE plan_clients SET owner = participant_id;
  `,
  // 7: what the document held when each decision was made (the server's encoding, written
  // just after the decision), so the repair of its leftovers is the same after a restart.
  // Entries logged before have none and count all text as seen, as they did.
  `
  ALTER TABLE decisions ADD COLUMN saw TEXT;
  `,
  // 8: per-person links (whom the link is for) and participants the facilitator removed.
  `
  ALTER TABLE invites ADD COLUMN person_name TEXT;
  ALTER TABLE participants ADD COLUMN removed_at INTEGER;
  `,
  // 9: comment threads and consensus rounds. Authors and voters are copied (ids, names,
  // groups) without foreign keys, as in the decision log, so a thread outlives its
  // author's row. A round's items are frozen text, kept as JSON in the round's row; one
  // vote per (round, item, participant) is the table's key, so a changed answer replaces.
  `
  CREATE TABLE comment_threads (
    id TEXT PRIMARY KEY,
    plan_id TEXT NOT NULL REFERENCES plans (id) ON DELETE CASCADE,
    section_id TEXT NOT NULL,
    quote TEXT NOT NULL,
    anchor_start BLOB,
    anchor_end BLOB,
    resolved INTEGER NOT NULL CHECK (resolved IN (0, 1)),
    created_at INTEGER NOT NULL,
    UNIQUE (plan_id, id)
  ) STRICT;
  CREATE INDEX comment_threads_by_plan ON comment_threads (plan_id, created_at);

  CREATE TABLE comment_messages (
    id TEXT PRIMARY KEY,
    plan_id TEXT NOT NULL,
    thread_id TEXT NOT NULL,
    author_id TEXT NOT NULL,
    author_name TEXT NOT NULL,
    author_group_id TEXT,
    text TEXT NOT NULL,
    at INTEGER NOT NULL,
    FOREIGN KEY (plan_id, thread_id) REFERENCES comment_threads (plan_id, id) ON DELETE CASCADE
  ) STRICT;
  CREATE INDEX comment_messages_by_thread ON comment_messages (plan_id, thread_id);

  CREATE TABLE rounds (
    id TEXT PRIMARY KEY,
    plan_id TEXT NOT NULL REFERENCES plans (id) ON DELETE CASCADE,
    section_id TEXT NOT NULL,
    items TEXT NOT NULL,
    opened_by TEXT,
    opened_by_name TEXT NOT NULL,
    opened_at INTEGER NOT NULL,
    closed_at INTEGER,
    eligible INTEGER,
    UNIQUE (plan_id, id)
  ) STRICT;
  CREATE INDEX rounds_by_plan ON rounds (plan_id, opened_at);

  CREATE TABLE round_votes (
    plan_id TEXT NOT NULL,
    round_id TEXT NOT NULL,
    item_id TEXT NOT NULL,
    participant_id TEXT NOT NULL,
    choice TEXT NOT NULL CHECK (choice IN ('agree', 'disagree', 'abstain')),
    reason TEXT NOT NULL,
    at INTEGER NOT NULL,
    PRIMARY KEY (round_id, item_id, participant_id),
    FOREIGN KEY (plan_id, round_id) REFERENCES rounds (plan_id, id) ON DELETE CASCADE
  ) STRICT;
  `,
  // 10: the links a short join code may stand for, across every plan, so that a typed code
  // is checked with one indexed query rather than one query per plan.
  `
  CREATE INDEX invites_open_shared ON invites (role, expires_at)
    WHERE revoked_at IS NULL AND person_name IS NULL;
  `,
  // 11: the update log keyed by (plan, seq) alone, without a rowid: its primary key was a
  // second b-tree beside the table, so each stored keystroke wrote two pages to the WAL
  // (and to each fsync and checkpoint) where one holds it.
  `
  ${withoutRowid(UPDATE_LOG, 'plan_updates')}
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
