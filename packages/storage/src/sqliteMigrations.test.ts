import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SqliteStorage } from './SqliteStorage.ts';
import { StoreError } from './StoreError.ts';
import { migrate, SQLITE_MIGRATIONS } from './sqliteMigrations.ts';
import { newInvite } from './test-support/newInvite.ts';
import { makeTempDir, removeTempDir } from './test-support/tempDir.ts';

const AMINA = { clientIds: [], participantId: 'amina' };

/** A plan with an empty snapshot, as an older schema held it. */
const OLD_PLAN = `
  INSERT INTO plans (id, title, created_at, updated_at) VALUES ('old', 'Old', 0, 0);
  INSERT INTO plan_snapshots (plan_id, state, through_seq) VALUES ('old', x'0000', 0);`;

describe('SQLite migrations', () => {
  let dir: string;
  let file: string;

  beforeEach(async () => {
    dir = makeTempDir();
    file = join(dir, 'plenary.sqlite');
    const storage = SqliteStorage.open(file);
    await storage.documents.createPlan({
      id: 'p1',
      title: 'Kept',
      initialState: new Uint8Array([0, 0]),
    });
    await storage.close();
  });

  afterEach(() => {
    removeTempDir(dir);
  });

  /** Runs `use` on a plain connection to the test database. */
  function withRawDb<T>(use: (db: Database.Database) => T): T {
    const db = new Database(file);
    try {
      return use(db);
    } finally {
      db.close();
    }
  }

  /**
   * Opens, as the server does (migrating it to the end), a database that had only the first
   * `migrations` and then the rows of `seed`.
   */
  function openMigratedFrom(name: string, migrations: number, seed: string): SqliteStorage {
    const older = join(dir, name);
    const db = new Database(older);
    migrate(db, SQLITE_MIGRATIONS.slice(0, migrations));
    db.exec(seed);
    db.close();
    return SqliteStorage.open(older);
  }

  it('gives a new database the whole schema, in WAL mode', () => {
    withRawDb((db) => {
      expect(db.pragma('user_version', { simple: true })).toBe(SQLITE_MIGRATIONS.length);
      expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
      const tables = db
        .prepare<[], string>("SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name")
        .pluck()
        .all();
      expect(tables).toEqual([
        'comment_messages',
        'comment_threads',
        'decisions',
        'invites',
        'participants',
        'plan_clients',
        'plan_deletions',
        'plan_snapshots',
        'plan_updates',
        'plan_versions',
        'plans',
        'round_votes',
        'rounds',
        'sessions',
      ]);
    });
  });

  it('runs only the migrations a database has not seen, and keeps its data', () => {
    const next = [...SQLITE_MIGRATIONS, 'CREATE TABLE plan_participants (id TEXT PRIMARY KEY)'];
    withRawDb((db) => {
      migrate(db, next);
      // Nothing left to run: running the new migration again would fail on its table.
      migrate(db, next);
      expect(db.pragma('user_version', { simple: true })).toBe(next.length);
      expect(db.prepare('SELECT title FROM plans').pluck().get()).toBe('Kept');
    });
  });

  it('adds the access tables to a database from before invites, keeping its plans', async () => {
    const storage = openMigratedFrom(
      'before-invites.sqlite',
      1,
      "INSERT INTO plans (id, title, created_at, updated_at) VALUES ('old', 'Old', 0, 0)",
    );
    try {
      expect((await storage.documents.getPlan('old'))?.title).toBe('Old');
      await storage.access.createInvite(newInvite('old', 'i1'));
      expect(await storage.access.listInvites('old')).toHaveLength(1);
    } finally {
      await storage.close();
    }
  });

  it('gives each client id recorded before owners its participant as owner', async () => {
    const storage = openMigratedFrom(
      'before-owners.sqlite',
      5,
      `${OLD_PLAN}
      INSERT INTO plan_clients (plan_id, client_id, participant_id, first_seen_at)
      VALUES ('old', 1, 'amina', 0), ('old', 2, NULL, 0);`,
    );
    try {
      expect((await storage.documents.loadDocument('old'))?.clientOwners).toEqual([
        { clientId: 1, owner: 'amina' },
        { clientId: 2, owner: null },
      ]);
    } finally {
      await storage.close();
    }
  });

  it('keeps the logged updates when the log loses its rowid, and stores one page for each', async () => {
    const storage = openMigratedFrom(
      'before-without-rowid.sqlite',
      10,
      `${OLD_PLAN}
      INSERT INTO plan_updates (plan_id, seq, "update", participant_id, client_ids, created_at)
      VALUES ('old', 1, x'0000', 'amina', '[]', 5), ('old', 2, x'0000', NULL, '[]', 7);`,
    );
    try {
      expect(await storage.documents.loadDocument('old')).toMatchObject({
        lastSeq: 2,
        logLength: 2,
      });
      expect(await storage.documents.appendUpdate('old', new Uint8Array([0, 0]), AMINA)).toEqual({
        seq: 3,
        logLength: 3,
      });
    } finally {
      await storage.close();
    }
    withRawDb((raw) => {
      // No index beside the table: its key is the table.
      const indexes = raw
        .prepare<[], string>(
          "SELECT name FROM sqlite_schema WHERE type = 'index' AND tbl_name = 'plan_updates'",
        )
        .pluck()
        .all();
      expect(indexes).toEqual([]);
    });
  });

  it('refuses, in the schema itself, participants across plans and unknown roles', () => {
    withRawDb((db) => {
      db.pragma('foreign_keys = ON');
      db.exec(`
        INSERT INTO plans (id, title, created_at, updated_at) VALUES ('p2', 'Other', 0, 0);
        INSERT INTO invites (id, plan_id, role, token_hash, sealed_token, created_at)
        VALUES ('i1', 'p1', 'member', 'h1', x'00', 0);
      `);
      const joinThrough = (planId: string) => () =>
        db.exec(`INSERT INTO participants (id, plan_id, invite_id, name, role, created_at,
          last_seen_at) VALUES ('a', '${planId}', 'i1', 'A', 'member', 0, 0)`);
      expect(joinThrough('p2')).toThrow(/FOREIGN KEY/);
      expect(joinThrough('p1')).not.toThrow();
      expect(() =>
        db.exec(`INSERT INTO invites (id, plan_id, role, token_hash, sealed_token, created_at)
          VALUES ('i2', 'p1', 'admin', 'h2', x'00', 0)`),
      ).toThrow(/CHECK/);
    });
  });

  it('refuses a database written by a newer Plenary, saying what to do', () => {
    withRawDb((db) => db.pragma(`user_version = ${SQLITE_MIGRATIONS.length + 1}`));
    const open = () => SqliteStorage.open(file);
    expect(open).toThrow(StoreError);
    expect(open).toThrow(expect.objectContaining({ code: 'unavailable' }));
    expect(open).toThrow(/newer Plenary, so upgrade this one/);
  });
});
