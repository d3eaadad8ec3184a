import { SqliteAccessStore } from './SqliteAccessStore.ts';
import { SqliteCommentStore } from './SqliteCommentStore.ts';
import { SqliteConnection } from './SqliteConnection.ts';
import { SqliteDecisionLog } from './SqliteDecisionLog.ts';
import { SqliteDocumentStore } from './SqliteDocumentStore.ts';
import { SqliteRoundStore } from './SqliteRoundStore.ts';
import { SqliteVersionStore } from './SqliteVersionStore.ts';
import type { Storage } from './Storage.ts';

/** Storage on one SQLite file: the single-machine deployment's. */
export class SqliteStorage implements Storage {
  /** Plans and their Yjs update logs. */
  readonly documents: SqliteDocumentStore;
  /** Invite links, participants and sessions of those plans. */
  readonly access: SqliteAccessStore;
  /** The focal point's decisions on suggestions. */
  readonly decisions: SqliteDecisionLog;
  /** Saved versions of those plans. */
  readonly versions: SqliteVersionStore;
  /** Comment threads on the plans' text. */
  readonly comments: SqliteCommentStore;
  /** Consensus rounds and their votes. */
  readonly rounds: SqliteRoundStore;

  private constructor(private readonly connection: SqliteConnection) {
    this.documents = new SqliteDocumentStore(connection);
    this.access = new SqliteAccessStore(connection);
    this.decisions = new SqliteDecisionLog(connection);
    this.versions = new SqliteVersionStore(connection);
    this.comments = new SqliteCommentStore(connection);
    this.rounds = new SqliteRoundStore(connection);
  }

  /**
   * Opens (creating it and its directory if needed) and migrates the database at
   * `filePath`, once for every store. Fails with `unavailable` when it cannot.
   */
  static open(filePath: string): SqliteStorage {
    return new SqliteStorage(SqliteConnection.open(filePath));
  }

  async ping(): Promise<void> {
    return this.connection.ping();
  }

  /** Closes the database; closing again does nothing, any other call then rejects. */
  async close(): Promise<void> {
    // Appends still waiting for their group are written, not dropped.
    if (this.connection.db.open) await this.documents.flushAppends().catch(() => undefined);
    return this.connection.close();
  }
}
