/**
 * SQLite's WAL checkpoints, in small steps on the event loop, with their fsyncs on libuv's
 * thread pool.
 *
 * A checkpoint copies what the WAL holds into the database file and syncs that file to
 * disk. Left to SQLite, the commit that takes the WAL past 1,000 pages runs one itself, on
 * the event loop, holding every plan for as long as the disk takes (141 ms of delay for
 * 15 ms of CPU was profiled during a flood). The copy is the cheap part; the two fsyncs
 * around it (the WAL before, the database file after) are the wait. So the main connection
 * never checkpoints by itself (`wal_autocheckpoint = 0`), and every second while commits
 * come this runs a step:
 *
 * 1. A second connection opens a read transaction: its snapshot holds every frame written
 *    so far, and while it is open SQLite neither copies a frame past it nor starts the WAL
 *    over (a writer restarts the WAL only when no reader uses it).
 * 2. The WAL is fsynced, off the loop: every frame the snapshot holds is on disk.
 * 3. A PASSIVE checkpoint on the main connection, with `synchronous = OFF` for that call
 *    only, copies those frames into the database file without syncing anything: on the
 *    loop, but a copy between two files in the page cache.
 * 4. The database file is fsynced, off the loop; then the read transaction ends, and the
 *    next commit may start the WAL over.
 *
 * That is as durable as SQLite's own checkpoint, which syncs the WAL before copying and the
 * database after: nothing is copied that is not on disk in the WAL, and the WAL's frames
 * are not overwritten before the database file holding them is on disk; a crash at any
 * point leaves the WAL for the next open to recover from. It replaced a worker thread with
 * a connection of its own, which cost a V8 isolate (about 8 MB) while it ran and 100-145 ms
 * of CPU each time it started.
 */
import { type FileHandle, open } from 'node:fs/promises';
import Database from 'better-sqlite3';

/** How often a step runs while commits come: the WAL holds about a second of writes. */
export const CHECKPOINT_EVERY_MS = 1_000;

/** What one checkpoint found: WAL frames in all, and how many are now in the database. */
export interface CheckpointResult {
  log: number;
  checkpointed: number;
}

/** How often the steps run; the default is the constant above. */
export interface CheckpointerOptions {
  everyMs?: number;
}

/** The checkpoints of one database file; `stop` it before closing the database. */
export class WalCheckpointer {
  private readonly everyMs: number;
  private timer: NodeJS.Timeout | null = null;
  /** Commits since the last step began; a tick with none ends the timer. */
  private commitsSinceStep = 0;
  private stepping: Promise<CheckpointResult> | null = null;
  private reader: { db: Database.Database; snapshot: Database.Statement } | null = null;
  private databaseHandle: FileHandle | null = null;
  private stopped = false;

  constructor(
    /** The main connection, in WAL mode with `wal_autocheckpoint = 0`. */
    private readonly db: Database.Database,
    /** Resolves once every commit made before the call is on disk (the WAL fsynced). */
    private readonly syncWal: () => Promise<void>,
    options: CheckpointerOptions = {},
  ) {
    this.everyMs = options.everyMs ?? CHECKPOINT_EVERY_MS;
  }

  /** True while steps are due (commits came since the last one). */
  get running(): boolean {
    return this.timer !== null;
  }

  /** Told after each commit: steps run every `everyMs` from now until commits stop. */
  committed(): void {
    this.commitsSinceStep += 1;
    if (this.timer !== null || this.stopped) return;
    this.timer = setInterval(() => this.tick(), this.everyMs);
    // A process with nothing else to do may exit; what the WAL holds is recovered on open.
    this.timer.unref();
  }

  /** Runs a step now (or joins the one under way); resolves with what its checkpoint did. */
  checkpoint(): Promise<CheckpointResult> {
    this.stepping ??= this.step().finally(() => {
      this.stepping = null;
    });
    return this.stepping;
  }

  /** Ends the steps, waiting for one under way, and closes the second connection. */
  async stop(): Promise<void> {
    this.stopped = true;
    this.endTimer();
    await this.stepping?.catch(() => undefined);
    await this.release();
  }

  private tick(): void {
    if (this.stepping) return;
    if (this.commitsSinceStep === 0) {
      // Quiet: nothing is kept open until commits come again.
      this.endTimer();
      this.release().catch(() => undefined);
      return;
    }
    // A step that fails leaves the WAL as it was; the next tick tries again.
    this.checkpoint().catch(() => undefined);
  }

  /** Closes the second connection and the database file's handle (reopened when needed). */
  private async release(): Promise<void> {
    this.reader?.db.close();
    this.reader = null;
    const handle = this.databaseHandle;
    this.databaseHandle = null;
    await handle?.close();
  }

  private endTimer(): void {
    if (this.timer !== null) clearInterval(this.timer);
    this.timer = null;
  }

  private async step(): Promise<CheckpointResult> {
    this.commitsSinceStep = 0;
    const reader = this.openReader();
    // Read transactions are deferred: the SELECT takes the snapshot (step 1).
    reader.db.exec('BEGIN');
    try {
      reader.snapshot.get();
      // Shared with the commits' own fsync when one is due anyway (step 2).
      await this.syncWal();
      if (this.stopped || !this.db.open || this.db.inTransaction)
        return { log: 0, checkpointed: 0 };
      const result = this.copyFrames();
      this.databaseHandle ??= await open(this.db.name, 'r+');
      await this.databaseHandle.sync();
      return result;
    } finally {
      reader.db.exec('COMMIT');
    }
  }

  /** Step 3: the PASSIVE checkpoint, syncing nothing (the step syncs around it). */
  private copyFrames(): CheckpointResult {
    const synchronous = this.db.pragma('synchronous', { simple: true });
    this.db.pragma('synchronous = OFF');
    try {
      const [row] = this.db.pragma('wal_checkpoint(PASSIVE)') as CheckpointResult[];
      return { log: row?.log ?? 0, checkpointed: row?.checkpointed ?? 0 };
    } finally {
      this.db.pragma(`synchronous = ${synchronous}`);
    }
  }

  private openReader(): { db: Database.Database; snapshot: Database.Statement } {
    if (this.reader === null) {
      // Never kept waiting on the loop: a step that finds a lock taken is tried a second later.
      const db = new Database(this.db.name, { timeout: 0 });
      // It reads one page a step; SQLite's default cache is 2 MB a connection.
      db.pragma('cache_size = 8');
      db.pragma('wal_autocheckpoint = 0');
      this.reader = { db, snapshot: db.prepare('SELECT 1 FROM sqlite_schema LIMIT 1') };
    }
    return this.reader;
  }
}
