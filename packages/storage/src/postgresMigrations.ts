/**
 * The PostgreSQL schema as an ordered list of migrations, recorded one row per version in
 * `plenary_migrations`. To change the schema, append one entry (never edit a released one).
 *
 * The tables mirror the SQLite schema (see `sqliteMigrations.ts` for why each exists), in
 * PostgreSQL's own types: timestamptz, bytea, bigint client ids (Yjs ids are unsigned 32-bit).
 * SQLite's rowid breaks ties between rows written in the same millisecond; here an identity
 * column `position` does.
 */
import type { PoolClient } from 'pg';
import { StoreError } from './StoreError.ts';

/** Schema changes in the order they were introduced; entry i brings version i to i + 1. */
export const POSTGRES_MIGRATIONS: readonly string[] = [
  // 1: everything the SQLite schema has reached by its version 6. plan_snapshots also
  // holds the log's last seq: appends bump it under the row's lock, so two processes
  // appending to one plan take consecutive seqs, never the same one.
  `
  CREATE TABLE plans (
    id text PRIMARY KEY,
    title text NOT NULL,
    created_at timestamptz NOT NULL,
    updated_at timestamptz NOT NULL
  );
  CREATE INDEX plans_by_updated_at ON plans (updated_at DESC, id);

  CREATE TABLE plan_snapshots (
    plan_id text PRIMARY KEY REFERENCES plans (id) ON DELETE CASCADE,
    state bytea NOT NULL,
    through_seq bigint NOT NULL,
    last_seq bigint NOT NULL,
    CHECK (through_seq <= last_seq)
  );

  CREATE TABLE plan_updates (
    plan_id text NOT NULL REFERENCES plans (id) ON DELETE CASCADE,
    seq bigint NOT NULL,
    "update" bytea NOT NULL,
    participant_id text,
    client_ids bigint[] NOT NULL,
    created_at timestamptz NOT NULL,
    PRIMARY KEY (plan_id, seq)
  );

  CREATE TABLE plan_clients (
    position bigint GENERATED ALWAYS AS IDENTITY,
    plan_id text NOT NULL REFERENCES plans (id) ON DELETE CASCADE,
    client_id bigint NOT NULL,
    participant_id text,
    owner text,
    first_seen_at timestamptz NOT NULL,
    PRIMARY KEY (plan_id, client_id)
  );

  CREATE TABLE plan_deletions (
    position bigint GENERATED ALWAYS AS IDENTITY,
    plan_id text NOT NULL REFERENCES plans (id) ON DELETE CASCADE,
    participant_id text,
    deletions bytea NOT NULL
  );
  CREATE INDEX plan_deletions_by_plan ON plan_deletions (plan_id, participant_id);

  CREATE TABLE invites (
    position bigint GENERATED ALWAYS AS IDENTITY,
    id text PRIMARY KEY,
    plan_id text NOT NULL REFERENCES plans (id) ON DELETE CASCADE,
    role text NOT NULL CHECK (role IN ('facilitator', 'focal-point', 'member', 'observer')),
    group_id text,
    token_hash text NOT NULL UNIQUE,
    sealed_token bytea NOT NULL,
    created_at timestamptz NOT NULL,
    expires_at timestamptz,
    revoked_at timestamptz,
    created_by text,
    UNIQUE (plan_id, id)
  );
  CREATE INDEX invites_by_plan ON invites (plan_id, created_at);

  CREATE TABLE participants (
    position bigint GENERATED ALWAYS AS IDENTITY,
    id text PRIMARY KEY,
    plan_id text NOT NULL REFERENCES plans (id) ON DELETE CASCADE,
    invite_id text NOT NULL,
    name text NOT NULL,
    role text NOT NULL CHECK (role IN ('facilitator', 'focal-point', 'member', 'observer')),
    group_id text,
    created_at timestamptz NOT NULL,
    last_seen_at timestamptz NOT NULL,
    UNIQUE (plan_id, id),
    FOREIGN KEY (plan_id, invite_id) REFERENCES invites (plan_id, id) ON DELETE CASCADE
  );
  CREATE INDEX participants_by_invite ON participants (plan_id, invite_id);

  CREATE TABLE sessions (
    token_hash text PRIMARY KEY,
    plan_id text NOT NULL REFERENCES plans (id) ON DELETE CASCADE,
    participant_id text NOT NULL,
    created_at timestamptz NOT NULL,
    FOREIGN KEY (plan_id, participant_id) REFERENCES participants (plan_id, id) ON DELETE CASCADE
  );
  CREATE INDEX sessions_by_participant ON sessions (plan_id, participant_id);

  CREATE TABLE decisions (
    position bigint GENERATED ALWAYS AS IDENTITY,
    id text PRIMARY KEY,
    plan_id text NOT NULL REFERENCES plans (id) ON DELETE CASCADE,
    section_id text NOT NULL,
    suggestion_id text NOT NULL,
    action text NOT NULL CHECK (action IN ('accept', 'reject')),
    kind text NOT NULL,
    inserted_text text NOT NULL,
    deleted_text text NOT NULL,
    author_id text NOT NULL,
    author_name text NOT NULL,
    group_id text,
    suggested_at timestamptz,
    decided_by text,
    decided_by_name text NOT NULL,
    decided_at timestamptz NOT NULL
  );
  CREATE INDEX decisions_by_plan ON decisions (plan_id, decided_at);

  CREATE TABLE plan_versions (
    position bigint GENERATED ALWAYS AS IDENTITY,
    id text PRIMARY KEY,
    plan_id text NOT NULL REFERENCES plans (id) ON DELETE CASCADE,
    name text,
    reason text NOT NULL CHECK (reason IN ('named', 'phase', 'activity', 'restore')),
    state bytea NOT NULL,
    created_at timestamptz NOT NULL,
    created_by text,
    created_by_name text
  );
  CREATE INDEX plan_versions_by_plan ON plan_versions (plan_id, created_at);
  `,
  // 2: as SQLite's 7, what the document held when each decision was made.
  `
  ALTER TABLE decisions ADD COLUMN saw text;
  `,
  // 3: per-person links (whom the link is for) and participants the facilitator removed.
  `
  ALTER TABLE invites ADD COLUMN person_name text;
  ALTER TABLE participants ADD COLUMN removed_at timestamptz;
  `,
  // 4: comment threads and consensus rounds, as SQLite's version 9.
  `
  CREATE TABLE comment_threads (
    position bigint GENERATED ALWAYS AS IDENTITY,
    id text PRIMARY KEY,
    plan_id text NOT NULL REFERENCES plans (id) ON DELETE CASCADE,
    section_id text NOT NULL,
    quote text NOT NULL,
    anchor_start bytea,
    anchor_end bytea,
    resolved boolean NOT NULL,
    created_at timestamptz NOT NULL,
    UNIQUE (plan_id, id)
  );
  CREATE INDEX comment_threads_by_plan ON comment_threads (plan_id, created_at);

  CREATE TABLE comment_messages (
    position bigint GENERATED ALWAYS AS IDENTITY,
    id text PRIMARY KEY,
    plan_id text NOT NULL,
    thread_id text NOT NULL,
    author_id text NOT NULL,
    author_name text NOT NULL,
    author_group_id text,
    text text NOT NULL,
    at timestamptz NOT NULL,
    FOREIGN KEY (plan_id, thread_id) REFERENCES comment_threads (plan_id, id) ON DELETE CASCADE
  );
  CREATE INDEX comment_messages_by_thread ON comment_messages (plan_id, thread_id);

  CREATE TABLE rounds (
    position bigint GENERATED ALWAYS AS IDENTITY,
    id text PRIMARY KEY,
    plan_id text NOT NULL REFERENCES plans (id) ON DELETE CASCADE,
    section_id text NOT NULL,
    items jsonb NOT NULL,
    opened_by text,
    opened_by_name text NOT NULL,
    opened_at timestamptz NOT NULL,
    closed_at timestamptz,
    eligible integer,
    UNIQUE (plan_id, id)
  );
  CREATE INDEX rounds_by_plan ON rounds (plan_id, opened_at);

  CREATE TABLE round_votes (
    position bigint GENERATED ALWAYS AS IDENTITY,
    plan_id text NOT NULL,
    round_id text NOT NULL,
    item_id text NOT NULL,
    participant_id text NOT NULL,
    choice text NOT NULL CHECK (choice IN ('agree', 'disagree', 'abstain')),
    reason text NOT NULL,
    at timestamptz NOT NULL,
    PRIMARY KEY (round_id, item_id, participant_id),
    FOREIGN KEY (plan_id, round_id) REFERENCES rounds (plan_id, id) ON DELETE CASCADE
  );
  `,
  // 5: the links a short join code may stand for, as SQLite's version 10.
  `
  CREATE INDEX invites_open_shared ON invites (role, expires_at)
    WHERE revoked_at IS NULL AND person_name IS NULL;
  `,
];

/**
 * First key of the advisory lock that migrations hold; the second hashes the search path,
 * so that databases with several Plenary schemas (the tests) migrate them independently.
 */
const MIGRATION_LOCK_KEY = 0x504c4e; // "PLN"

/**
 * Runs the migrations the schema has not seen yet, all in one transaction. Processes that
 * start together queue on an advisory lock, and each reads the version only once it holds
 * it, so the second finds the work done instead of running it again.
 */
export async function migrate(
  client: PoolClient,
  /** A schema to create first if it is missing (under the same lock). */
  schema?: string,
  migrations: readonly string[] = POSTGRES_MIGRATIONS,
): Promise<void> {
  await client.query('BEGIN');
  try {
    await client.query(
      "SELECT pg_advisory_xact_lock($1, hashtext(current_setting('search_path')))",
      [MIGRATION_LOCK_KEY],
    );
    // IF NOT EXISTS alone still fails when two sessions create the schema at once.
    if (schema !== undefined) await client.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
    await client.query(
      `CREATE TABLE IF NOT EXISTS plenary_migrations (
         version integer PRIMARY KEY,
         applied_at timestamptz NOT NULL DEFAULT now()
       )`,
    );
    const { rows } = await client.query<{ version: number }>(
      'SELECT COALESCE(MAX(version), 0) AS version FROM plenary_migrations',
    );
    const version = rows[0]?.version ?? 0;
    if (version > migrations.length) {
      throw new StoreError(
        'unavailable',
        `The PostgreSQL schema has version ${version}, but this Plenary knows only up to ` +
          `${migrations.length}; it was written by a newer Plenary, so upgrade this one.`,
      );
    }
    for (const [index, sql] of migrations.entries()) {
      if (index < version) continue;
      await client.query(sql);
      await client.query('INSERT INTO plenary_migrations (version) VALUES ($1)', [index + 1]);
    }
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  }
}
