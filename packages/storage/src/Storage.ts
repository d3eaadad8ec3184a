import type { AccessStore } from './AccessStore.ts';
import type { CommentStore } from './CommentStore.ts';
import type { DecisionLog } from './DecisionLog.ts';
import type { DocumentStore } from './DocumentStore.ts';
import type { RoundStore } from './RoundStore.ts';
import type { VersionStore } from './VersionStore.ts';

/**
 * Everything the server keeps, opened as one: the stores share one database (one SQLite
 * file), so one object owns its lifecycle. The stores have no `close` of their own, since
 * closing one would pull the database from under the other.
 */
export interface Storage {
  /** Plans and their Yjs update logs. */
  documents: DocumentStore;
  /** Invite links, participants and sessions. */
  access: AccessStore;
  /** The focal point's decisions on suggestions. */
  decisions: DecisionLog;
  /** Saved versions of the plans. */
  versions: VersionStore;
  /** Comment threads on the plans' text. */
  comments: CommentStore;
  /** Consensus rounds and their votes. */
  rounds: RoundStore;
  /** Resolves when the database can serve (the health check). */
  ping(): Promise<void>;
  /**
   * Releases the database. Closing again does nothing; any other call on the storage or
   * any store then rejects with `unavailable`.
   */
  close(): Promise<void>;
}
