/** The CommentStore on SQLite: `comment_threads` and their `comment_messages`. */
import { bytesOf } from './bytes.ts';
import type {
  CommentStore,
  NewCommentMessage,
  NewCommentThread,
  StoredCommentMessage,
  StoredCommentThread,
} from './CommentStore.ts';
import { groupBy } from './groupBy.ts';
import type { SqliteConnection } from './SqliteConnection.ts';
import { commentExists, planNotFound } from './storeErrors.ts';

interface ThreadRow {
  id: string;
  planId: string;
  sectionId: string;
  quote: string;
  anchorStart: Uint8Array | null;
  anchorEnd: Uint8Array | null;
  resolved: number;
  createdAt: number;
}

type MessageRow = NewCommentMessage & { threadId: string; at: number };

const THREAD_COLUMNS = `id, plan_id AS planId, section_id AS sectionId, quote,
  anchor_start AS anchorStart, anchor_end AS anchorEnd, resolved, created_at AS createdAt`;
const MESSAGE_COLUMNS = `id, thread_id AS threadId, author_id AS authorId,
  author_name AS authorName, author_group_id AS authorGroupId, text, at`;

function prepareStatements(db: SqliteConnection['db']) {
  return {
    selectPlanExists: db.prepare<[string], number>('SELECT 1 FROM plans WHERE id = ?').pluck(),
    selectIdTaken: db
      .prepare<[string, string], number>(
        `SELECT 1 FROM comment_threads WHERE id = ?
         UNION ALL SELECT 1 FROM comment_messages WHERE id = ?`,
      )
      .pluck(),
    insertThread: db.prepare<ThreadRow>(
      `INSERT INTO comment_threads (id, plan_id, section_id, quote, anchor_start, anchor_end,
         resolved, created_at)
       VALUES (@id, @planId, @sectionId, @quote, @anchorStart, @anchorEnd, @resolved, @createdAt)`,
    ),
    insertMessage: db.prepare<MessageRow & { planId: string }>(
      `INSERT INTO comment_messages (id, plan_id, thread_id, author_id, author_name,
         author_group_id, text, at)
       VALUES (@id, @planId, @threadId, @authorId, @authorName, @authorGroupId, @text, @at)`,
    ),
    setResolved: db.prepare<[number, string, string]>(
      'UPDATE comment_threads SET resolved = ? WHERE plan_id = ? AND id = ?',
    ),
    selectThread: db.prepare<[string, string], ThreadRow>(
      `SELECT ${THREAD_COLUMNS} FROM comment_threads WHERE plan_id = ? AND id = ?`,
    ),
    selectThreads: db.prepare<[string], ThreadRow>(
      `SELECT ${THREAD_COLUMNS} FROM comment_threads WHERE plan_id = ?
       ORDER BY created_at, rowid`,
    ),
    selectMessages: db.prepare<[string], MessageRow>(
      `SELECT ${MESSAGE_COLUMNS} FROM comment_messages WHERE plan_id = ? ORDER BY at, rowid`,
    ),
    selectMessagesOfThread: db.prepare<[string, string], MessageRow>(
      `SELECT ${MESSAGE_COLUMNS} FROM comment_messages WHERE plan_id = ? AND thread_id = ?
       ORDER BY at, rowid`,
    ),
  };
}

const messageOf = ({ threadId: _thread, ...row }: MessageRow): StoredCommentMessage => ({
  ...row,
  at: new Date(row.at),
});

const threadOf = (row: ThreadRow, messages: MessageRow[]): StoredCommentThread => ({
  ...row,
  anchorStart: row.anchorStart && bytesOf(row.anchorStart),
  anchorEnd: row.anchorEnd && bytesOf(row.anchorEnd),
  resolved: row.resolved === 1,
  createdAt: new Date(row.createdAt),
  messages: messages.map(messageOf),
});

/** The CommentStore on a SqliteStorage's database; that storage opens and closes it. */
export class SqliteCommentStore implements CommentStore {
  private readonly statements: ReturnType<typeof prepareStatements>;

  constructor(private readonly connection: SqliteConnection) {
    this.statements = prepareStatements(connection.db);
  }

  private checkFree(id: string): void {
    if (this.statements.selectIdTaken.get(id, id)) throw commentExists(id);
  }

  private readThread(planId: string, threadId: string): StoredCommentThread | null {
    const row = this.statements.selectThread.get(planId, threadId);
    return row ? threadOf(row, this.statements.selectMessagesOfThread.all(planId, threadId)) : null;
  }

  async createThread(planId: string, thread: NewCommentThread): Promise<StoredCommentThread> {
    return this.connection.write(() => {
      if (!this.statements.selectPlanExists.get(planId)) throw planNotFound(planId);
      this.checkFree(thread.id);
      this.checkFree(thread.firstMessage.id);
      if (thread.id === thread.firstMessage.id) throw commentExists(thread.id);
      const at = Date.now();
      const { firstMessage, ...rest } = thread;
      this.statements.insertThread.run({ ...rest, planId, resolved: 0, createdAt: at });
      this.statements.insertMessage.run({ ...firstMessage, planId, threadId: thread.id, at });
      return this.readThread(planId, thread.id) as StoredCommentThread;
    });
  }

  async addMessage(
    planId: string,
    threadId: string,
    message: NewCommentMessage,
  ): Promise<StoredCommentThread | null> {
    return this.connection.write(() => {
      if (!this.statements.selectThread.get(planId, threadId)) return null;
      this.checkFree(message.id);
      this.statements.insertMessage.run({ ...message, planId, threadId, at: Date.now() });
      return this.readThread(planId, threadId);
    });
  }

  async setResolved(
    planId: string,
    threadId: string,
    resolved: boolean,
  ): Promise<StoredCommentThread | null> {
    return this.connection.write(() => {
      this.statements.setResolved.run(resolved ? 1 : 0, planId, threadId);
      return this.readThread(planId, threadId);
    });
  }

  async getThread(planId: string, threadId: string): Promise<StoredCommentThread | null> {
    return this.connection.run(() => this.readThread(planId, threadId));
  }

  async listThreads(planId: string): Promise<StoredCommentThread[]> {
    return this.connection.run(() => {
      const messages = groupBy(
        this.statements.selectMessages.all(planId),
        (m: MessageRow) => m.threadId,
      );
      return this.statements.selectThreads
        .all(planId)
        .map((row) => threadOf(row, messages.get(row.id) ?? []));
    });
  }
}
