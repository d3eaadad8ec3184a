/**
 * SQLite's WAL checkpoints, run on a thread of their own with a connection of their own.
 *
 * A checkpoint copies what the WAL holds into the database file and syncs that file to
 * disk. Left to SQLite, the commit that takes the WAL past 1,000 pages runs one itself, on
 * the event loop, holding every plan for as long as the disk takes (141 ms of delay for
 * 15 ms of CPU was profiled during a flood). The main connection therefore never
 * checkpoints (`wal_autocheckpoint = 0`) and this thread runs a PASSIVE checkpoint every
 * second: it copies what no reader still needs, never blocks a writer, and is as durable
 * as SQLite's own (what a commit stored is in the WAL, synced before the commit resolved;
 * a crash mid-checkpoint is recovered from the WAL on the next open).
 */
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

/** How often the thread checkpoints: the WAL holds about a second of writes at most. */
export const CHECKPOINT_EVERY_MS = 1_000;

/** What one checkpoint found: WAL frames in all, and how many are now in the database. */
export interface CheckpointResult {
  log: number;
  checkpointed: number;
}

// The thread's code, as a CommonJS script (a worker cannot load the package's TypeScript).
const CHECKPOINTER_SCRIPT = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.filePath);
db.pragma('wal_autocheckpoint = 0');
const checkpoint = () => {
  try {
    const [result] = db.pragma('wal_checkpoint(PASSIVE)');
    return { log: result.log, checkpointed: result.checkpointed };
  } catch (error) {
    return { error: String(error && error.message ? error.message : error) };
  }
};
const timer = setInterval(checkpoint, workerData.everyMs);
parentPort.on('message', (message) => {
  if (message.kind === 'checkpoint') parentPort.postMessage({ id: message.id, ...checkpoint() });
  if (message.kind === 'stop') {
    clearInterval(timer);
    db.close();
    parentPort.close();
  }
});
`;

/** The checkpointing thread of one database file; `stop` it before closing the database. */
export class WalCheckpointer {
  private nextId = 0;
  private readonly waiting = new Map<number, (result: CheckpointResult) => void>();
  private readonly exited: Promise<void>;

  private constructor(private readonly worker: Worker) {
    worker.on('message', (message: { id: number; error?: string } & CheckpointResult) => {
      const resolve = this.waiting.get(message.id);
      this.waiting.delete(message.id);
      resolve?.(message);
    });
    this.exited = new Promise((resolve) => worker.once('exit', () => resolve()));
    // A checkpoint that failed is retried a second later; the WAL keeps everything meanwhile.
    worker.on('error', () => undefined);
    // The process may exit without waiting for it; SQLite recovers any checkpoint cut short.
    worker.unref();
  }

  /** Starts checkpointing the database at `filePath` (opened in WAL mode already). */
  static start(filePath: string, everyMs = CHECKPOINT_EVERY_MS): WalCheckpointer {
    const driver = createRequire(import.meta.url).resolve('better-sqlite3');
    return new WalCheckpointer(
      new Worker(CHECKPOINTER_SCRIPT, { eval: true, workerData: { filePath, driver, everyMs } }),
    );
  }

  /** Checkpoints now, on the thread; resolves with what it did. */
  checkpoint(): Promise<CheckpointResult & { error?: string }> {
    const id = this.nextId++;
    return new Promise((resolve) => {
      this.waiting.set(id, resolve);
      this.worker.postMessage({ kind: 'checkpoint', id });
    });
  }

  /** Closes the thread's connection and ends the thread. */
  async stop(): Promise<void> {
    // Held again, so that a process with nothing else left waits for the thread to close.
    this.worker.ref();
    this.worker.postMessage({ kind: 'stop' });
    await this.exited;
  }
}
