import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { StoreError } from './DocumentStore.ts';
import { SqliteDocumentStore } from './SqliteDocumentStore.ts';
import { migrate, SQLITE_MIGRATIONS } from './sqliteMigrations.ts';
import { makeTempDir, removeTempDir } from './test-support/tempDir.ts';

describe('SQLite migrations', () => {
  let dir: string;
  let file: string;

  beforeEach(async () => {
    dir = makeTempDir();
    file = join(dir, 'plenary.sqlite');
    const store = SqliteDocumentStore.open(file);
    await store.createPlan({ id: 'p1', title: 'Kept', initialState: new Uint8Array([0, 0]) });
    await store.close();
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

  it('gives a new database the whole schema, in WAL mode', () => {
    withRawDb((db) => {
      expect(db.pragma('user_version', { simple: true })).toBe(SQLITE_MIGRATIONS.length);
      expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
      const tables = db
        .prepare<[], string>("SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name")
        .pluck()
        .all();
      expect(tables).toEqual(['plan_clients', 'plan_snapshots', 'plan_updates', 'plans']);
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

  it('refuses a database written by a newer Plenary, saying what to do', () => {
    withRawDb((db) => db.pragma(`user_version = ${SQLITE_MIGRATIONS.length + 1}`));
    const open = () => SqliteDocumentStore.open(file);
    expect(open).toThrow(StoreError);
    expect(open).toThrow(expect.objectContaining({ code: 'unavailable' }));
    expect(open).toThrow(/newer Plenary, so upgrade this one/);
  });
});
