import { open } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it, vi } from 'vitest';
import { SqliteConnection } from './SqliteConnection.ts';
import { makeTempDir, removeTempDir } from './test-support/tempDir.ts';

let dir: string;
let connection: SqliteConnection;

beforeEach(() => {
  dir = makeTempDir();
  connection = SqliteConnection.open(join(dir, 'plenary.sqlite'));
  connection.db.exec('CREATE TABLE notes (body TEXT)');
});

afterEach(async () => {
  vi.restoreAllMocks();
  await connection.close();
  removeTempDir(dir);
});

interface Syncable {
  sync(): Promise<void>;
}

/** Watches fsyncs of any file handle (the WAL's included), letting each happen. */
async function countFsyncs() {
  const probe = await open(join(dir, 'probe'), 'w');
  const prototype = Object.getPrototypeOf(probe) as Syncable;
  await probe.close();
  const realSync = prototype.sync;
  return { fsyncs: vi.spyOn(prototype, 'sync'), realSync };
}

const insert = (body: string) => () => {
  connection.db.prepare('INSERT INTO notes (body) VALUES (?)').run(body);
};

it('resolves a write only after an fsync of the WAL that began after its commit', async () => {
  const { fsyncs, realSync } = await countFsyncs();
  const events: string[] = [];
  fsyncs.mockImplementation(async function (this: Syncable) {
    events.push('fsync started');
    await realSync.call(this);
    events.push('fsync done');
  });
  await connection.write(() => {
    insert('a')();
    events.push('commit');
  });
  events.push('resolved');
  expect(events).toEqual(['commit', 'fsync started', 'fsync done', 'resolved']);
});

it('lets the writes made while an fsync is in flight share the next one', async () => {
  const { fsyncs } = await countFsyncs();
  const writes = ['a', 'b', 'c', 'd', 'e'].map((body) => connection.write(insert(body)));
  await Promise.all(writes);
  // The first write's fsync, then one for the four committed while it was in flight.
  expect(fsyncs).toHaveBeenCalledTimes(2);
  expect(connection.db.prepare('SELECT COUNT(*) AS n FROM notes').get()).toEqual({ n: 5 });
});

it('rejects a write as unavailable when its fsync fails, naming the database', async () => {
  const { fsyncs } = await countFsyncs();
  // The disk failing is the one thing this test cannot make happen for real.
  fsyncs.mockRejectedValue(Object.assign(new Error('EIO: i/o error, fsync'), { code: 'EIO' }));
  await expect(connection.write(insert('a'))).rejects.toMatchObject({
    code: 'unavailable',
    message: expect.stringMatching(/could not be synced to disk \(EIO/),
  });
});

it('never checkpoints in a commit; its checkpointer copies the WAL into the database', async () => {
  // SQLite's own rule checkpoints inside the commit that takes the WAL past 1,000 pages.
  expect(connection.db.pragma('wal_autocheckpoint', { simple: true })).toBe(0);
  const rows = (n: number) => () => {
    for (let i = 0; i < n; i++) insert('x'.repeat(2_000))();
  };
  for (let i = 0; i < 3; i++) await connection.write(rows(200));
  const result = await connection.checkpointer.checkpoint();
  expect(result.log).toBeGreaterThan(100);
  expect(result.checkpointed).toBe(result.log);
  // What it copied reads back from a fresh connection once this one is closed.
  await connection.close();
  connection = SqliteConnection.open(join(dir, 'plenary.sqlite'));
  expect(connection.db.prepare('SELECT COUNT(*) AS n FROM notes').get()).toEqual({ n: 600 });
});
