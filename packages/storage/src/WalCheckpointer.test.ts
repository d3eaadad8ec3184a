import { closeSync, openSync, readlinkSync, readSync, realpathSync, statSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, expect, it, vi } from 'vitest';
import { SqliteConnection } from './SqliteConnection.ts';
import { makeTempDir, removeTempDir } from './test-support/tempDir.ts';
import { WalCheckpointer } from './WalCheckpointer.ts';

let dir: string;
let connection: SqliteConnection | null;
let bare: { db: Database.Database; checkpointer: WalCheckpointer } | null;
const file = () => join(dir, 'plenary.sqlite');

beforeEach(() => {
  dir = makeTempDir();
  connection = null;
  bare = null;
});

afterEach(async () => {
  vi.restoreAllMocks();
  await connection?.close();
  if (bare) {
    await bare.checkpointer.stop();
    bare.db.close();
  }
  removeTempDir(dir);
});

/** Commits `n` rows of 2 KB on `connection`, one transaction each, as group commits come. */
async function writeRows(on: SqliteConnection, n: number) {
  const insert = on.db.prepare('INSERT INTO notes (body) VALUES (?)');
  for (let i = 0; i < n; i++) await on.write(() => insert.run('x'.repeat(2_000)));
}

/** The WAL header's salts: SQLite draws new ones each time it starts the WAL over. */
function walSalts(): string {
  const fd = openSync(`${file()}-wal`, 'r');
  try {
    const header = Buffer.alloc(8);
    readSync(fd, header, 0, 8, 16);
    return header.toString('hex');
  } finally {
    closeSync(fd);
  }
}

/** Holds each fsync of the database file until released; the WAL's pass through. */
async function holdDatabaseFsyncs() {
  const probe = await open(join(dir, 'probe'), 'w');
  const prototype = Object.getPrototypeOf(probe) as { sync(): Promise<void> };
  await probe.close();
  const realSync = prototype.sync;
  const held: (() => void)[] = [];
  vi.spyOn(prototype, 'sync').mockImplementation(async function (this: { fd: number }) {
    if (readlinkSync(`/proc/self/fd/${this.fd}`) === realpathSync(file()))
      await new Promise<void>((release) => held.push(release));
    return realSync.call(this);
  });
  return held;
}

function openConnection(everyMs?: number) {
  connection = SqliteConnection.open(file(), everyMs === undefined ? {} : { everyMs });
  connection.db.exec('CREATE TABLE notes (body TEXT)');
  return connection;
}

it('runs steps while commits come and stops once they stop', async () => {
  const on = openConnection(50);
  expect(on.checkpointer.running).toBe(false);
  await writeRows(on, 5);
  expect(on.checkpointer.running).toBe(true);
  await expect.poll(() => on.checkpointer.running, { timeout: 10_000 }).toBe(false);
  // Every frame is in the database file by then.
  expect(await on.checkpointer.checkpoint()).toMatchObject({ checkpointed: expect.any(Number) });
  const result = await on.checkpointer.checkpoint();
  expect(result.checkpointed).toBe(result.log);
});

it('copies the WAL into the database so that SQLite starts the WAL over, keeping its size', async () => {
  const on = openConnection();
  await writeRows(on, 200);
  const result = await on.checkpointer.checkpoint();
  expect(result.log).toBeGreaterThan(100);
  expect(result.checkpointed).toBe(result.log);
  const before = statSync(`${file()}-wal`).size;
  const salts = walSalts();
  await writeRows(on, 100);
  // Written from its start again, not appended to.
  expect(walSalts()).not.toBe(salts);
  expect(statSync(`${file()}-wal`).size).toBe(before);
  // And what it all wrote reads back from a fresh connection.
  await on.close();
  connection = SqliteConnection.open(file());
  expect(connection.db.prepare('SELECT COUNT(*) AS n FROM notes').get()).toEqual({ n: 300 });
});

it('lets no commit start the WAL over until the database file is on disk', async () => {
  const on = openConnection();
  await writeRows(on, 50);
  const held = await holdDatabaseFsyncs();
  const step = on.checkpointer.checkpoint();
  await expect.poll(() => held.length).toBe(1);
  // Copied, not yet synced: a crash now must still find these frames in the WAL.
  const salts = walSalts();
  await writeRows(on, 5);
  expect(walSalts()).toBe(salts);
  held[0]?.();
  await step;
  // The rows written meanwhile are copied by the next step; then the WAL starts over.
  vi.restoreAllMocks();
  await on.checkpointer.checkpoint();
  await writeRows(on, 5);
  expect(walSalts()).not.toBe(salts);
});

it('copies only what the WAL holds on disk: nothing before its fsync resolves', async () => {
  const db = new Database(file());
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('wal_autocheckpoint = 0');
  db.exec('CREATE TABLE notes (body TEXT)');
  let releaseSync: () => void = () => undefined;
  const syncWal = vi.fn(() => new Promise<void>((resolve) => (releaseSync = resolve)));
  bare = { db, checkpointer: new WalCheckpointer(db, syncWal) };
  const insert = db.prepare('INSERT INTO notes (body) VALUES (?)');
  for (let i = 0; i < 100; i++) insert.run('x'.repeat(2_000));
  const sizeBefore = statSync(file()).size;
  const step = bare.checkpointer.checkpoint();
  await expect.poll(() => syncWal.mock.calls.length).toBe(1);
  await new Promise((resolve) => setTimeout(resolve, 50));
  expect(statSync(file()).size).toBe(sizeBefore);
  releaseSync();
  const result = await step;
  expect(result.checkpointed).toBe(result.log);
  expect(statSync(file()).size).toBeGreaterThan(sizeBefore + 100 * 2_000);
  // The commits' own setting is back after the copy that synced nothing.
  expect(db.pragma('synchronous', { simple: true })).toBe(1);
});
