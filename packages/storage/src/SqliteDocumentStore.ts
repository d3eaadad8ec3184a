/**
 * The DocumentStore on one SQLite file: the single-machine deployment's storage.
 */
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { type LogPosition, shouldCompact } from './compactionRange.ts';
import {
  type AppendResult,
  type ClientAttribution,
  type DocumentStore,
  type LoadedDocument,
  type StoredPlan,
  StoreError,
  type UpdateOrigin,
} from './DocumentStore.ts';
import { migrate } from './sqliteMigrations.ts';
import { planExists, planNotFound, storeClosed } from './storeErrors.ts';

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

interface PlanRow {
  id: string;
  title: string;
  createdAt: number;
  updatedAt: number;
}

interface SnapshotRow {
  state: Buffer;
  throughSeq: number;
}

interface UpdateRow {
  seq: number;
  update: Buffer;
}

interface ClientRow {
  clientId: number;
  participantId: string | null;
  firstSeenAt: number;
}

const PLAN_COLUMNS = 'id, title, created_at AS createdAt, updated_at AS updatedAt';

function prepareStatements(db: Database.Database) {
  return {
    insertPlan: db.prepare<{ id: string; title: string; now: number }>(
      'INSERT OR IGNORE INTO plans (id, title, created_at, updated_at) VALUES (@id, @title, @now, @now)',
    ),
    insertSnapshot: db.prepare<{ planId: string; state: Uint8Array }>(
      'INSERT INTO plan_snapshots (plan_id, state, through_seq) VALUES (@planId, @state, 0)',
    ),
    selectPlan: db.prepare<[string], PlanRow>(`SELECT ${PLAN_COLUMNS} FROM plans WHERE id = ?`),
    // id breaks ties so that every adapter lists plans updated in the same ms alike.
    selectPlans: db.prepare<[], PlanRow>(
      `SELECT ${PLAN_COLUMNS} FROM plans ORDER BY updated_at DESC, id`,
    ),
    updateTitle: db.prepare<{ planId: string; title: string }>(
      'UPDATE plans SET title = @title WHERE id = @planId',
    ),
    touchPlan: db.prepare<{ planId: string; now: number }>(
      'UPDATE plans SET updated_at = @now WHERE id = @planId',
    ),
    // Every plan has a snapshot row from createPlan on, so no row means no plan.
    selectLogPosition: db.prepare<[string], LogPosition>(
      `SELECT through_seq AS throughSeq,
         COALESCE((SELECT MAX(seq) FROM plan_updates WHERE plan_id = s.plan_id), through_seq) AS lastSeq
       FROM plan_snapshots AS s WHERE plan_id = ?`,
    ),
    insertUpdate: db.prepare<{
      planId: string;
      seq: number;
      update: Uint8Array;
      participantId: string | null;
      clientIds: string;
      now: number;
    }>(
      `INSERT INTO plan_updates (plan_id, seq, "update", participant_id, client_ids, created_at)
       VALUES (@planId, @seq, @update, @participantId, @clientIds, @now)`,
    ),
    // First writer wins: a client id keeps the participant it arrived with.
    insertClient: db.prepare<{
      planId: string;
      clientId: number;
      participantId: string | null;
      now: number;
    }>(
      `INSERT OR IGNORE INTO plan_clients (plan_id, client_id, participant_id, first_seen_at)
       VALUES (@planId, @clientId, @participantId, @now)`,
    ),
    selectSnapshot: db.prepare<[string], SnapshotRow>(
      'SELECT state, through_seq AS throughSeq FROM plan_snapshots WHERE plan_id = ?',
    ),
    selectUpdates: db.prepare<[string], UpdateRow>(
      'SELECT seq, "update" FROM plan_updates WHERE plan_id = ? ORDER BY seq',
    ),
    replaceSnapshot: db.prepare<{ planId: string; state: Uint8Array; throughSeq: number }>(
      'UPDATE plan_snapshots SET state = @state, through_seq = @throughSeq WHERE plan_id = @planId',
    ),
    deleteUpdatesThrough: db.prepare<{ planId: string; throughSeq: number }>(
      'DELETE FROM plan_updates WHERE plan_id = @planId AND seq <= @throughSeq',
    ),
    // Rows are only ever inserted, never deleted, so rowid order is first-seen order.
    selectClients: db.prepare<[string], ClientRow>(
      `SELECT client_id AS clientId, participant_id AS participantId, first_seen_at AS firstSeenAt
       FROM plan_clients WHERE plan_id = ? ORDER BY rowid`,
    ),
    selectOne: db.prepare('SELECT 1'),
  };
}

/** A zero-copy Uint8Array view, so both adapters hand out the same type. */
const bytesOf = (buffer: Buffer): Uint8Array =>
  new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);

const planOf = (row: PlanRow): StoredPlan => ({
  id: row.id,
  title: row.title,
  createdAt: new Date(row.createdAt),
  updatedAt: new Date(row.updatedAt),
});

/** The DocumentStore on a SQLite file in WAL mode, with every append synced to disk. */
export class SqliteDocumentStore implements DocumentStore {
  private readonly statements: ReturnType<typeof prepareStatements>;

  private constructor(private readonly db: Database.Database) {
    this.statements = prepareStatements(db);
  }

  /** Opens (creating it and its directory if needed) and migrates the database at `filePath`. */
  static open(filePath: string): SqliteDocumentStore {
    let db: Database.Database | undefined;
    try {
      mkdirSync(dirname(filePath), { recursive: true });
      db = new Database(filePath);
      db.pragma('journal_mode = WAL');
      // In WAL mode NORMAL only syncs at checkpoints, so a power cut can lose commits that
      // had returned. FULL syncs the WAL on every commit: an append that resolved (and that
      // the relay then acknowledged to the client) is on disk.
      db.pragma('synchronous = FULL');
      db.pragma('foreign_keys = ON');
      db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
      migrate(db);
      return new SqliteDocumentStore(db);
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

  async createPlan(plan: {
    id: string;
    title: string;
    initialState: Uint8Array;
  }): Promise<StoredPlan> {
    return this.write(() => {
      const now = Date.now();
      if (this.statements.insertPlan.run({ id: plan.id, title: plan.title, now }).changes === 0) {
        throw planExists(plan.id);
      }
      // The initial state is the first snapshot (through seq 0), so the log starts empty
      // and logLength counts only what participants wrote.
      this.statements.insertSnapshot.run({ planId: plan.id, state: plan.initialState });
      return { id: plan.id, title: plan.title, createdAt: new Date(now), updatedAt: new Date(now) };
    });
  }

  async getPlan(planId: string): Promise<StoredPlan | null> {
    return this.run(() => {
      const row = this.statements.selectPlan.get(planId);
      return row ? planOf(row) : null;
    });
  }

  async listPlans(): Promise<StoredPlan[]> {
    return this.run(() => this.statements.selectPlans.all().map(planOf));
  }

  async setPlanTitle(planId: string, title: string): Promise<void> {
    return this.run(() => {
      if (this.statements.updateTitle.run({ planId, title }).changes === 0) {
        throw planNotFound(planId);
      }
    });
  }

  async appendUpdate(
    planId: string,
    update: Uint8Array,
    origin: UpdateOrigin,
  ): Promise<AppendResult> {
    return this.write(() => {
      const log = this.statements.selectLogPosition.get(planId);
      if (!log) throw planNotFound(planId);
      const now = Date.now();
      const seq = log.lastSeq + 1;
      const { participantId, clientIds } = origin;
      this.statements.insertUpdate.run({
        planId,
        seq,
        update,
        participantId,
        clientIds: JSON.stringify(clientIds),
        now,
      });
      for (const clientId of clientIds) {
        this.statements.insertClient.run({ planId, clientId, participantId, now });
      }
      this.statements.touchPlan.run({ planId, now });
      // Seqs are consecutive and compaction removes a prefix, so this is the row count.
      return { seq, logLength: seq - log.throughSeq };
    });
  }

  async loadDocument(planId: string): Promise<LoadedDocument | null> {
    return this.read(() => {
      const snapshot = this.statements.selectSnapshot.get(planId);
      if (!snapshot) return null;
      const rows = this.statements.selectUpdates.all(planId);
      return {
        updates: [bytesOf(snapshot.state), ...rows.map((row) => bytesOf(row.update))],
        lastSeq: rows.at(-1)?.seq ?? snapshot.throughSeq,
        logLength: rows.length,
      };
    });
  }

  async compact(planId: string, snapshot: Uint8Array, throughSeq: number): Promise<void> {
    return this.write(() => {
      const log = this.statements.selectLogPosition.get(planId);
      if (!log) throw planNotFound(planId);
      if (!shouldCompact(planId, throughSeq, log)) return;
      this.statements.replaceSnapshot.run({ planId, state: snapshot, throughSeq });
      this.statements.deleteUpdatesThrough.run({ planId, throughSeq });
    });
  }

  async clientAttribution(planId: string): Promise<ClientAttribution[]> {
    return this.read(() => {
      if (!this.statements.selectPlan.get(planId)) throw planNotFound(planId);
      return this.statements.selectClients.all(planId).map((row) => ({
        clientId: row.clientId,
        participantId: row.participantId,
        firstSeenAt: new Date(row.firstSeenAt),
      }));
    });
  }

  async ping(): Promise<void> {
    return this.run(() => {
      this.statements.selectOne.get();
    });
  }

  /** Closes the database; closing again does nothing, any other call then rejects. */
  async close(): Promise<void> {
    if (this.db.open) this.db.close();
  }

  /**
   * Runs `body` in a write transaction that takes the lock up front: upgrading a read
   * lock instead fails at once in WAL mode (SQLITE_BUSY_SNAPSHOT) rather than waiting.
   */
  private write<T>(body: () => T): Promise<T> {
    return this.run(() => this.db.transaction(body).immediate());
  }

  /** Runs `body` in a read transaction, so that all its reads see the same commit. */
  private read<T>(body: () => T): Promise<T> {
    return this.run(() => this.db.transaction(body).deferred());
  }

  /** Runs database calls, turning closed-store and disk failures into StoreErrors. */
  private async run<T>(operation: () => T): Promise<T> {
    if (!this.db.open) throw storeClosed();
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
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
