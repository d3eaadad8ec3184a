/**
 * SQLite's WAL checkpoints, run on a thread of their own with a connection of their own,
 * while the WAL has something to copy.
 *
 * A checkpoint copies what the WAL holds into the database file and syncs that file to
 * disk. Left to SQLite, the commit that takes the WAL past 1,000 pages runs one itself, on
 * the event loop, holding every plan for as long as the disk takes (141 ms of delay for
 * 15 ms of CPU was profiled during a flood). The main connection therefore never
 * checkpoints (`wal_autocheckpoint = 0`) and this thread runs a PASSIVE checkpoint every
 * second: it copies what no reader still needs, never blocks a writer, and is as durable
 * as SQLite's own (what a commit stored is in the WAL, synced before the commit resolved;
 * a crash mid-checkpoint is recovered from the WAL on the next open).
 *
 * A worker thread is a V8 isolate of its own, about 10 MB of memory, so it runs only while
 * there is work: it starts once the WAL has grown to where SQLite itself would checkpoint,
 * and ends after some seconds in which nothing new came, emptying the WAL file on its way
 * out (every frame is copied by then) so that the file's size tells how much has been
 * written since.
 */
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

/** How often the thread checkpoints: the WAL holds about a second of writes at most. */
export const CHECKPOINT_EVERY_MS = 1_000;

/** The WAL's size at which the thread starts: where SQLite checkpoints (1,000 4 KiB pages). */
export const START_AT_WAL_BYTES = 1_000 * 4096;

/** Checkpoints in a row that find nothing new before the thread ends. */
export const IDLE_CHECKPOINTS = 5;

/** What one checkpoint found: WAL frames in all, and how many are now in the database. */
export interface CheckpointResult {
  log: number;
  checkpointed: number;
}

/** When the thread runs; the defaults are the constants above. */
export interface CheckpointerOptions {
  everyMs?: number;
  startAtWalBytes?: number;
  idleCheckpoints?: number;
}

// The thread's code, as a CommonJS script (a worker cannot load the package's TypeScript).
const CHECKPOINTER_SCRIPT = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.filePath);
db.pragma('wal_autocheckpoint = 0');
// Never wait for the main connection's locks: a checkpoint that finds them taken is tried
// again a second later, and the main thread is never kept waiting for this one.
db.pragma('busy_timeout = 0');
const checkpoint = (mode = 'PASSIVE') => {
  try {
    const [result] = db.pragma('wal_checkpoint(' + mode + ')');
    return { busy: result.busy, log: result.log, checkpointed: result.checkpointed };
  } catch (error) {
    return { error: String(error && error.message ? error.message : error) };
  }
};
let quiet = 0;
let lastLog = -1;
const end = () => {
  clearInterval(timer);
  db.close();
  parentPort.close();
};
const timer = setInterval(() => {
  const result = checkpoint();
  const settled = !result.error && result.log === result.checkpointed && result.log === lastLog;
  lastLog = result.log;
  quiet = settled ? quiet + 1 : 0;
  if (quiet < workerData.idleCheckpoints) return;
  // Everything is copied: TRUNCATE only empties the file (busy if a writer came meanwhile).
  const truncated = checkpoint('TRUNCATE');
  if (truncated.error || truncated.busy) quiet = 0;
  else end();
}, workerData.everyMs);
parentPort.on('message', (message) => {
  if (message.kind === 'checkpoint') parentPort.postMessage({ id: message.id, ...checkpoint() });
  if (message.kind === 'stop') end();
});
`;

/** One running checkpoint thread and the replies it owes. */
class CheckpointThread {
  private nextId = 0;
  private readonly waiting = new Map<number, (result: CheckpointResult) => void>();
  /** Resolves when the thread has ended, by itself or when stopped. */
  readonly exited: Promise<void>;

  constructor(private readonly worker: Worker) {
    worker.on('message', (message: { id: number; error?: string } & CheckpointResult) => {
      const resolve = this.waiting.get(message.id);
      this.waiting.delete(message.id);
      resolve?.(message);
    });
    this.exited = new Promise((resolve) =>
      worker.once('exit', () => {
        // A request the thread ended before answering found nothing to do.
        for (const resolve of this.waiting.values()) resolve({ log: 0, checkpointed: 0 });
        this.waiting.clear();
        resolve();
      }),
    );
    // A checkpoint that failed is retried a second later; the WAL keeps everything meanwhile.
    worker.on('error', () => undefined);
    // The process may exit without waiting for it; SQLite recovers any checkpoint cut short.
    worker.unref();
  }

  checkpoint(): Promise<CheckpointResult & { error?: string }> {
    const id = this.nextId++;
    return new Promise((resolve) => {
      this.waiting.set(id, resolve);
      this.worker.postMessage({ kind: 'checkpoint', id });
    });
  }

  async stop(): Promise<void> {
    // Held again, so that a process with nothing else left waits for the thread to close.
    this.worker.ref();
    this.worker.postMessage({ kind: 'stop' });
    await this.exited;
  }
}

/** The checkpoints of one database file; `stop` it before closing the database. */
export class WalCheckpointer {
  private thread: CheckpointThread | null = null;
  private readonly everyMs: number;
  private readonly startAtWalBytes: number;
  private readonly idleCheckpoints: number;

  private constructor(
    private readonly filePath: string,
    options: CheckpointerOptions,
  ) {
    this.everyMs = options.everyMs ?? CHECKPOINT_EVERY_MS;
    this.startAtWalBytes = options.startAtWalBytes ?? START_AT_WAL_BYTES;
    this.idleCheckpoints = options.idleCheckpoints ?? IDLE_CHECKPOINTS;
  }

  /** Checkpoints the database at `filePath` (opened in WAL mode already) once its WAL grows. */
  static forDatabase(filePath: string, options: CheckpointerOptions = {}): WalCheckpointer {
    return new WalCheckpointer(filePath, options);
  }

  /** Checkpoints the database at `filePath` from now on (its thread starts at once). */
  static start(filePath: string, options: CheckpointerOptions = {}): WalCheckpointer {
    const checkpointer = new WalCheckpointer(filePath, options);
    checkpointer.thread = checkpointer.startThread();
    return checkpointer;
  }

  /** True while the thread runs. */
  get running(): boolean {
    return this.thread !== null;
  }

  /** Told the WAL file's size after a commit is synced: starts the thread once it is large. */
  walSynced(walBytes: number): void {
    if (this.thread === null && walBytes >= this.startAtWalBytes) this.thread = this.startThread();
  }

  /** Checkpoints now, on the thread (starting it if need be); resolves with what it did. */
  checkpoint(): Promise<CheckpointResult & { error?: string }> {
    this.thread ??= this.startThread();
    return this.thread.checkpoint();
  }

  /** Ends the thread, if it runs, once its connection is closed. */
  async stop(): Promise<void> {
    await this.thread?.stop();
  }

  private startThread(): CheckpointThread {
    const driver = createRequire(import.meta.url).resolve('better-sqlite3');
    const workerData = {
      filePath: this.filePath,
      driver,
      everyMs: this.everyMs,
      idleCheckpoints: this.idleCheckpoints,
    };
    const thread = new CheckpointThread(
      new Worker(CHECKPOINTER_SCRIPT, { eval: true, workerData }),
    );
    thread.exited.then(() => {
      if (this.thread === thread) this.thread = null;
    });
    return thread;
  }
}
