import { InMemoryAccessStore } from './InMemoryAccessStore.ts';
import { InMemoryCommentStore } from './InMemoryCommentStore.ts';
import { InMemoryDatabase } from './InMemoryDatabase.ts';
import { InMemoryDecisionLog } from './InMemoryDecisionLog.ts';
import { InMemoryDocumentStore } from './InMemoryDocumentStore.ts';
import { InMemoryRoundStore } from './InMemoryRoundStore.ts';
import { InMemoryVersionStore } from './InMemoryVersionStore.ts';
import type { Storage } from './Storage.ts';

/** Storage kept in memory, for tests: its stores share one set of plans, as on SQLite. */
export class InMemoryStorage implements Storage {
  private readonly db = new InMemoryDatabase();
  /** Plans and their Yjs update logs. */
  readonly documents = new InMemoryDocumentStore(this.db);
  /** Invite links, participants and sessions of those plans. */
  readonly access = new InMemoryAccessStore(this.db);
  /** The focal point's decisions on suggestions. */
  readonly decisions = new InMemoryDecisionLog(this.db);
  /** Saved versions of those plans. */
  readonly versions = new InMemoryVersionStore(this.db);
  /** Comment threads on the plans' text. */
  readonly comments = new InMemoryCommentStore(this.db);
  /** Consensus rounds and their votes. */
  readonly rounds = new InMemoryRoundStore(this.db);

  async ping(): Promise<void> {
    this.db.assertOpen();
  }

  /** Closes every store; closing again does nothing, any other call then rejects. */
  async close(): Promise<void> {
    this.db.close();
  }
}
