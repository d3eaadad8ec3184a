/**
 * What SQLite's WAL checkpoint costs the event loop: a plan's appends as the server makes
 * them (one row per commit, `synchronous = NORMAL`, the WAL synced apart), timed around
 * each commit, which is the part that runs on the event loop. Before: SQLite's own rule,
 * a checkpoint inside the commit that takes the WAL past 1,000 pages. After: no checkpoint
 * in a commit (`wal_autocheckpoint = 0`), a step every second while commits come
 * (`WalCheckpointer`: a PASSIVE copy on the event loop, its fsyncs on libuv's pool; until
 * 2026-12-07 a worker thread's PASSIVE checkpoint every second).
 *
 *   node --import tsx bench/walCheckpoint.ts [commits=20000]
 *
 * Wall time, since a checkpoint mostly waits for the disk; the machine's load is in the
 * row. Results are appended to bench/results/wal-checkpoint.md.
 */
import { appendFileSync, mkdtempSync, rmSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { WalCheckpointer } from '@plenary/storage';
import { machine } from './support/machine.ts';
import { percentile } from './support/stats.ts';

type Database = {
  pragma(source: string): unknown;
  prepare(source: string): { run(...values: unknown[]): unknown };
  exec(source: string): void;
  close(): void;
};
const require = createRequire(path.join(import.meta.dirname, '../packages/storage/package.json'));
const Sqlite = require('better-sqlite3') as new (file: string) => Database;

const commits = Number(process.argv[2] ?? 20_000);
const row = 'x'.repeat(300);

async function run(inSteps: boolean): Promise<string> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'plenary-wal-'));
  const file = path.join(dir, 'plan.sqlite');
  const db = new Sqlite(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.exec('CREATE TABLE updates (seq INTEGER PRIMARY KEY, body BLOB)');
  if (inSteps) db.pragma('wal_autocheckpoint = 0');
  // The server's commits resolve after an fsync of the WAL; here only the steps wait for one.
  const wal = await open(`${file}-wal`, 'a');
  const checkpointer = inSteps
    ? new WalCheckpointer(db as ConstructorParameters<typeof WalCheckpointer>[0], () => wal.sync())
    : null;
  const insert = db.prepare('INSERT INTO updates (body) VALUES (?)');
  const times: number[] = [];
  for (let i = 0; i < commits; i++) {
    const start = performance.now();
    insert.run(row);
    times.push(performance.now() - start);
    checkpointer?.committed();
    // A pass of the event loop between commits, as between the server's group commits.
    if (i % 50 === 0) await new Promise((resolve) => setImmediate(resolve));
  }
  await checkpointer?.stop();
  await wal.close();
  db.close();
  rmSync(dir, { recursive: true, force: true });
  const over = (ms: number) => times.filter((t) => t >= ms).length;
  return [
    inSteps ? 'after: checkpoints in steps' : "before: SQLite's checkpoint in a commit",
    `${percentile(times, 50).toFixed(2)} / ${percentile(times, 99).toFixed(2)} / ${Math.max(...times).toFixed(1)} ms`,
    `${over(5)} / ${over(20)}`,
  ].join(' | ');
}

const rows: string[] = [];
for (const inSteps of [false, true, false, true]) {
  const result = await run(inSteps);
  rows.push(`| ${new Date().toISOString().slice(0, 10)} | ${machine()} | ${commits} | ${result} |`);
  console.log(rows.at(-1));
}
appendFileSync(
  path.join(import.meta.dirname, 'results', 'wal-checkpoint.md'),
  `${rows.join('\n')}\n`,
);
