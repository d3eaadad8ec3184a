import { PostgresAccessStore } from './PostgresAccessStore.ts';
import { PostgresCommentStore } from './PostgresCommentStore.ts';
import { dropSchema, PostgresConnection, type PostgresOptions } from './PostgresConnection.ts';
import { PostgresDecisionLog } from './PostgresDecisionLog.ts';
import { PostgresDocumentStore } from './PostgresDocumentStore.ts';
import { PostgresRoundStore } from './PostgresRoundStore.ts';
import { PostgresVersionStore } from './PostgresVersionStore.ts';
import type { Storage } from './Storage.ts';

/** Storage on PostgreSQL: the scaled-out deployment's, shared by every Plenary process. */
export class PostgresStorage implements Storage {
  /** Plans and their Yjs update logs. */
  readonly documents: PostgresDocumentStore;
  /** Invite links, participants and sessions of those plans. */
  readonly access: PostgresAccessStore;
  /** The focal point's decisions on suggestions. */
  readonly decisions: PostgresDecisionLog;
  /** Saved versions of those plans. */
  readonly versions: PostgresVersionStore;
  /** Comment threads on the plans' text. */
  readonly comments: PostgresCommentStore;
  /** Consensus rounds and their votes. */
  readonly rounds: PostgresRoundStore;

  private constructor(private readonly connection: PostgresConnection) {
    this.documents = new PostgresDocumentStore(connection);
    this.access = new PostgresAccessStore(connection);
    this.decisions = new PostgresDecisionLog(connection);
    this.versions = new PostgresVersionStore(connection);
    this.comments = new PostgresCommentStore(connection);
    this.rounds = new PostgresRoundStore(connection);
  }

  /**
   * Connects and migrates the schema, once for every store; safe when several processes
   * open it at once. Fails with `unavailable` when it cannot.
   */
  static async open(options: PostgresOptions): Promise<PostgresStorage> {
    return new PostgresStorage(await PostgresConnection.open(options));
  }

  /** Drops `schema` and everything in it (a trial deployment's, a finished test's). */
  static async dropSchema(options: { connectionString: string; schema: string }): Promise<void> {
    await dropSchema(options.connectionString, options.schema);
  }

  async ping(): Promise<void> {
    return this.connection.ping();
  }

  /** Closes the pool; closing again does nothing, any other call then rejects. */
  async close(): Promise<void> {
    // Appends still waiting for their group are written, not dropped.
    if (!this.connection.isClosed) await this.documents.flushAppends().catch(() => undefined);
    return this.connection.close();
  }
}
