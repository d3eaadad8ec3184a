import { statSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { SqliteConnection } from './SqliteConnection.ts';
import { makeTempDir, removeTempDir } from './test-support/tempDir.ts';
import type { CheckpointerOptions } from './WalCheckpointer.ts';

let dir: string;
let connection: SqliteConnection;
const file = () => join(dir, 'plenary.sqlite');

function openWith(options: CheckpointerOptions) {
  connection = SqliteConnection.open(file(), options);
  connection.db.exec('CREATE TABLE notes (body TEXT)');
}

/** Commits `n` rows of 2 KB, one transaction each, as the server's group commits come. */
async function writeRows(n: number) {
  const insert = connection.db.prepare('INSERT INTO notes (body) VALUES (?)');
  for (let i = 0; i < n; i++) await connection.write(() => insert.run('x'.repeat(2_000)));
}

const walBytes = () => statSync(`${file()}-wal`).size;

beforeEach(() => {
  dir = makeTempDir();
});

afterEach(async () => {
  await connection.close();
  removeTempDir(dir);
});

it('starts no thread until the WAL has grown to where SQLite would checkpoint', async () => {
  openWith({});
  await writeRows(20);
  expect(walBytes()).toBeGreaterThan(40_000);
  expect(connection.checkpointer.running).toBe(false);
});

it('starts the thread once the WAL passes its size', async () => {
  openWith({ startAtWalBytes: 1024 * 1024 });
  await writeRows(20);
  expect(connection.checkpointer.running).toBe(false);
  await writeRows(200);
  expect(connection.checkpointer.running).toBe(true);
});

it('ends the thread once nothing new comes, leaving an empty WAL, and starts it again', async () => {
  // Idle for half a second before it ends: a loaded machine's fsyncs between two of the rows
  // below have taken longer than the 60 ms a shorter setting allowed, and ended it mid-write.
  openWith({ startAtWalBytes: 1024 * 1024, everyMs: 50, idleCheckpoints: 10 });
  await writeRows(200);
  expect(connection.checkpointer.running).toBe(true);
  await expect.poll(() => connection.checkpointer.running, { timeout: 10_000 }).toBe(false);
  // Every frame was in the database before the file was emptied.
  expect(walBytes()).toBe(0);
  expect(connection.db.prepare('SELECT COUNT(*) AS n FROM notes').get()).toEqual({ n: 200 });
  // The WAL's size counts from empty again, so growth starts the thread anew.
  await writeRows(20);
  expect(connection.checkpointer.running).toBe(false);
  await writeRows(200);
  expect(connection.checkpointer.running).toBe(true);
  // And what it all wrote reads back from a fresh connection.
  await connection.close();
  connection = SqliteConnection.open(file());
  expect(connection.db.prepare('SELECT COUNT(*) AS n FROM notes').get()).toEqual({ n: 420 });
});
