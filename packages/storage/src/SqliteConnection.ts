/**
 * The one SQLite handle behind a SqliteStorage, and how every store runs its statements
 * on it: inside transactions, with closed-database and disk failures turned into
 * StoreErrors.
 */
import { mkdirSync } from 'node:fs';
import { type FileHandle, open } from 'node:fs/promises';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { StoreError } from './StoreError.ts';
import { migrate } from './sqliteMigrations.ts';
import { storageClosed } from './storeErrors.ts';
import { type CheckpointerOptions, WalCheckpointer } from './WalCheckpointer.ts';

/** How long a write waits for another connection's lock before failing as unavailable. */
const BUSY_TIMEOUT_MS = 5_000;

/** SQLite result codes (by prefix) that mean "the disk or a lock", not "a bug here". */
const UNAVAILABLE_CODES = [
  'SQLITE_BUSY',
  'SQLITE_LOCKED',
  'SQLITE_FULL',
  'SQLITE_IOERR',
  'SQLITE_READONLY',
  'SQLITE_CANTOPEN',
];

/** How SQLite holds a `T`: its dates as epoch milliseconds, the rest as they are. */
export type SqliteRow<T> = {
  [K in keyof T]: T[K] extends Date ? number : T[K] extends Date | null ? number | null : T[K];
};

/** An open, migrated SQLite database in WAL mode, with every commit synced to disk. */
export class SqliteConnection {
  private readonly selectOne: Database.Statement;
  /**
   * One transaction wrapper for every body: `db.transaction(body)` builds four wrapped
   * functions each time it is called, which under typing was once per stored update.
   */
  private readonly transaction: Database.Transaction<(body: () => unknown) => unknown>;
  private walHandle: FileHandle | null = null;
  private syncInFlight: Promise<void> | null = null;
  private syncQueued: Promise<void> | null = null;

  /** Copies the WAL into the database file while commits come, its fsyncs off the loop. */
  readonly checkpointer: WalCheckpointer;

  private constructor(
    /** The handle, for stores to prepare their statements on; run them through `run`. */
    readonly db: Database.Database,
    checkpoints: CheckpointerOptions,
  ) {
    this.selectOne = db.prepare('SELECT 1');
    this.transaction = db.transaction((body: () => unknown) => body());
    this.checkpointer = new WalCheckpointer(db, () => this.syncWal(), checkpoints);
  }

  /**
   * Opens (creating it and its directory if needed) and migrates the database at `filePath`;
   * `checkpoints` changes how often its checkpoints run (tests).
   */
  static open(filePath: string, checkpoints: CheckpointerOptions = {}): SqliteConnection {
    let db: Database.Database | undefined;
    try {
      mkdirSync(dirname(filePath), { recursive: true });
      db = new Database(filePath);
      db.pragma('journal_mode = WAL');
      db.pragma('synchronous = FULL');
      db.pragma('foreign_keys = ON');
      db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
      migrate(db);
      // Every write from here on resolves only after `syncWal`. In WAL mode FULL would
      // sync the WAL inside each commit, holding the event loop (and every socket) for the
      // whole fsync; NORMAL leaves that sync to us (and still syncs around checkpoints), so
      // the same fsync runs on libuv's thread pool while the loop serves others, and one
      // fsync covers every commit made while the previous one was in flight.
      db.pragma('synchronous = NORMAL');
      // Checkpoints run in steps whose fsyncs wait off the loop (see WalCheckpointer),
      // never in a commit.
      db.pragma('wal_autocheckpoint = 0');
      return new SqliteConnection(db, checkpoints);
    } catch (error) {
      db?.close();
      if (error instanceof StoreError) throw error;
      throw new StoreError(
        'unavailable',
        `Cannot open the plan database at ${filePath} (${messageOf(error)}); check that the ` +
          'data directory is writable and the file is a Plenary database.',
      );
    }
  }

  /**
   * Runs `body` in a write transaction that takes the lock up front (upgrading a read lock
   * instead fails at once in WAL mode, SQLITE_BUSY_SNAPSHOT, rather than waiting), and
   * resolves once the commit is on disk.
   */
  async write<T>(body: () => T): Promise<T> {
    const result = this.writeNow(body);
    await this.syncWal();
    return result;
  }

  /** Runs `body` in a read transaction, so that all its reads see the same commit. */
  read<T>(body: () => T): Promise<T> {
    return this.run(() => this.transaction.deferred(body) as T);
  }

  /** Runs database calls, turning closed-database and disk failures into StoreErrors. */
  async run<T>(operation: () => T): Promise<T> {
    return this.runNow(operation);
  }

  /**
   * `write`'s transaction, synchronously: committed (visible to later statements) when it
   * returns, but durable only once a `syncWal` called after it resolves.
   */
  writeNow<T>(body: () => T): T {
    const result = this.runNow(() => this.transaction.immediate(body) as T);
    this.checkpointer.committed();
    return result;
  }

  private runNow<T>(operation: () => T): T {
    if (!this.db.open) throw storageClosed();
    try {
      return operation();
    } catch (error) {
      if (
        error instanceof Database.SqliteError &&
        UNAVAILABLE_CODES.some((code) => error.code.startsWith(code))
      ) {
        throw new StoreError(
          'unavailable',
          `The plan database at ${this.db.name} cannot be used right now (${error.code}: ` +
            `${error.message}); check disk space and permissions, then retry.`,
        );
      }
      throw error;
    }
  }

  /**
   * Resolves once every commit made before the call is on disk: fsyncs the WAL file on
   * libuv's thread pool. A sync already in flight may have started before the latest
   * commits, so callers arriving meanwhile share the next one.
   */
  syncWal(): Promise<void> {
    if (this.syncInFlight === null) return this.startSync();
    this.syncQueued ??= this.syncInFlight
      .catch(() => undefined)
      .then(() => {
        this.syncQueued = null;
        return this.startSync();
      });
    return this.syncQueued;
  }

  private startSync(): Promise<void> {
    const sync = this.fsyncWal().finally(() => {
      if (this.syncInFlight === sync) this.syncInFlight = null;
    });
    this.syncInFlight = sync;
    return sync;
  }

  private async fsyncWal(): Promise<void> {
    if (!this.db.open) throw storageClosed();
    try {
      // Opened once the WAL exists (after the first commit) and kept until close: the
      // file is reused in place, never replaced, while the database is open.
      this.walHandle ??= await open(`${this.db.name}-wal`, 'r+');
      await this.walHandle.sync();
    } catch (error) {
      throw new StoreError(
        'unavailable',
        `The plan database at ${this.db.name} could not be synced to disk ` +
          `(${messageOf(error)}); check the disk, then retry.`,
      );
    }
  }

  /** Resolves when the database answers a query. */
  ping(): Promise<void> {
    return this.run(() => {
      this.selectOne.get();
    });
  }

  /** Closes the database; closing again does nothing, any other call then rejects. */
  async close(): Promise<void> {
    if (this.db.open) {
      await this.syncInFlight?.catch(() => undefined);
      // Its connection first: closed last, this one checkpoints what is left and removes the WAL.
      await this.checkpointer.stop();
      this.db.close();
    }
    const handle = this.walHandle;
    this.walHandle = null;
    await handle?.close();
  }
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
