/** The CommentStore on PostgreSQL: `comment_threads` and their `comment_messages`. */
import { bytesOf } from './bytes.ts';
import type {
  CommentStore,
  NewCommentMessage,
  NewCommentThread,
  StoredCommentMessage,
  StoredCommentThread,
} from './CommentStore.ts';
import { groupBy } from './groupBy.ts';
import type { PostgresConnection, Sql } from './PostgresConnection.ts';
import { duplicateKeyOf } from './postgresErrors.ts';
import { commentExists, planNotFound } from './storeErrors.ts';

type ThreadRow = Omit<StoredCommentThread, 'messages'>;
type MessageRow = StoredCommentMessage & { threadId: string };

const THREAD_COLUMNS = `id, plan_id AS "planId", section_id AS "sectionId", quote,
  anchor_start AS "anchorStart", anchor_end AS "anchorEnd", resolved, created_at AS "createdAt"`;
const MESSAGE_COLUMNS = `id, thread_id AS "threadId", author_id AS "authorId",
  author_name AS "authorName", author_group_id AS "authorGroupId", text, at`;

const threadOf = (row: ThreadRow, messages: MessageRow[]): StoredCommentThread => ({
  ...row,
  anchorStart: row.anchorStart && bytesOf(row.anchorStart),
  anchorEnd: row.anchorEnd && bytesOf(row.anchorEnd),
  messages: messages.map(({ threadId: _thread, ...message }) => message),
});

/** Ids are unique across threads and messages, so a clash is found in either table. */
async function checkFree(sql: Sql, ids: string[]): Promise<void> {
  const [taken] = await sql<{ id: string }>(
    `SELECT id FROM comment_threads WHERE id = ANY($1)
     UNION ALL SELECT id FROM comment_messages WHERE id = ANY($1) LIMIT 1`,
    [ids],
  );
  if (taken) throw commentExists(taken.id);
}

async function insertMessage(
  sql: Sql,
  planId: string,
  threadId: string,
  message: NewCommentMessage,
  at: Date,
): Promise<void> {
  await sql(
    `INSERT INTO comment_messages (id, plan_id, thread_id, author_id, author_name,
       author_group_id, text, at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
    [
      message.id,
      planId,
      threadId,
      message.authorId,
      message.authorName,
      message.authorGroupId,
      message.text,
      at,
    ],
  );
}

/** Turns another process's insert of the same id (between check and write) into the store's error. */
function duplicateComment(error: unknown): unknown {
  for (const key of ['comment_threads_pkey', 'comment_messages_pkey']) {
    const taken = duplicateKeyOf(error, key);
    if (taken !== null) return commentExists(taken);
  }
  return error;
}

/** The CommentStore on a PostgresStorage's pool; that storage opens and closes it. */
export class PostgresCommentStore implements CommentStore {
  constructor(private readonly connection: PostgresConnection) {}

  private async readThread(
    sql: Sql,
    planId: string,
    threadId: string,
  ): Promise<StoredCommentThread | null> {
    const [row] = await sql<ThreadRow>(
      `SELECT ${THREAD_COLUMNS} FROM comment_threads WHERE plan_id = $1 AND id = $2`,
      [planId, threadId],
    );
    if (!row) return null;
    const messages = await sql<MessageRow>(
      `SELECT ${MESSAGE_COLUMNS} FROM comment_messages WHERE plan_id = $1 AND thread_id = $2
       ORDER BY at, position`,
      [planId, threadId],
    );
    return threadOf(row, messages);
  }

  async createThread(planId: string, thread: NewCommentThread): Promise<StoredCommentThread> {
    try {
      return await this.connection.transaction(async (sql) => {
        const plan = await sql('SELECT 1 FROM plans WHERE id = $1 FOR KEY SHARE', [planId]);
        if (plan.length === 0) throw planNotFound(planId);
        await checkFree(sql, [thread.id, thread.firstMessage.id]);
        if (thread.id === thread.firstMessage.id) throw commentExists(thread.id);
        const at = new Date();
        await sql(
          `INSERT INTO comment_threads (id, plan_id, section_id, quote, anchor_start,
             anchor_end, resolved, created_at)
           VALUES ($1, $2, $3, $4, $5, $6, false, $7)`,
          [
            thread.id,
            planId,
            thread.sectionId,
            thread.quote,
            thread.anchorStart,
            thread.anchorEnd,
            at,
          ],
        );
        await insertMessage(sql, planId, thread.id, thread.firstMessage, at);
        return (await this.readThread(sql, planId, thread.id)) as StoredCommentThread;
      });
    } catch (error) {
      throw duplicateComment(error);
    }
  }

  async addMessage(
    planId: string,
    threadId: string,
    message: NewCommentMessage,
  ): Promise<StoredCommentThread | null> {
    try {
      return await this.connection.transaction(async (sql) => {
        const thread = await sql(
          'SELECT 1 FROM comment_threads WHERE plan_id = $1 AND id = $2 FOR KEY SHARE',
          [planId, threadId],
        );
        if (thread.length === 0) return null;
        await checkFree(sql, [message.id]);
        await insertMessage(sql, planId, threadId, message, new Date());
        return this.readThread(sql, planId, threadId);
      });
    } catch (error) {
      throw duplicateComment(error);
    }
  }

  async setResolved(
    planId: string,
    threadId: string,
    resolved: boolean,
  ): Promise<StoredCommentThread | null> {
    return this.connection.transaction(async (sql) => {
      await sql('UPDATE comment_threads SET resolved = $3 WHERE plan_id = $1 AND id = $2', [
        planId,
        threadId,
        resolved,
      ]);
      return this.readThread(sql, planId, threadId);
    });
  }

  async getThread(planId: string, threadId: string): Promise<StoredCommentThread | null> {
    return this.connection.transaction((sql) => this.readThread(sql, planId, threadId), 'read');
  }

  async listThreads(planId: string): Promise<StoredCommentThread[]> {
    return this.connection.transaction(async (sql) => {
      const rows = await sql<ThreadRow>(
        `SELECT ${THREAD_COLUMNS} FROM comment_threads WHERE plan_id = $1
         ORDER BY created_at, position`,
        [planId],
      );
      const messages = groupBy(
        await sql<MessageRow>(
          `SELECT ${MESSAGE_COLUMNS} FROM comment_messages WHERE plan_id = $1
           ORDER BY at, position`,
          [planId],
        ),
        (message: MessageRow) => message.threadId,
      );
      return rows.map((row) => threadOf(row, messages.get(row.id) ?? []));
    }, 'read');
  }
}
