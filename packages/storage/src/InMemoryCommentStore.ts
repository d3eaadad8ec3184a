/** The CommentStore kept in memory, beside an InMemoryDocumentStore: for server tests. */
import type {
  CommentStore,
  NewCommentMessage,
  NewCommentThread,
  StoredCommentThread,
} from './CommentStore.ts';
import type { InMemoryDatabase } from './InMemoryDatabase.ts';
import { commentExists, planNotFound } from './storeErrors.ts';

// Copies in and out, as a database would.
const copyThread = (thread: StoredCommentThread): StoredCommentThread => ({
  ...thread,
  anchorStart: thread.anchorStart && new Uint8Array(thread.anchorStart),
  anchorEnd: thread.anchorEnd && new Uint8Array(thread.anchorEnd),
  createdAt: new Date(thread.createdAt),
  messages: thread.messages.map((message) => ({ ...message, at: new Date(message.at) })),
});

/** The CommentStore of an InMemoryStorage; its contents go when the process does. */
export class InMemoryCommentStore implements CommentStore {
  /** Oldest first. */
  private readonly threads: StoredCommentThread[] = [];

  constructor(private readonly db: InMemoryDatabase) {}

  private takenIds(): Set<string> {
    return new Set(this.threads.flatMap((t) => [t.id, ...t.messages.map((m) => m.id)]));
  }

  private find(planId: string, threadId: string): StoredCommentThread | undefined {
    this.db.assertOpen();
    return this.threads.find((t) => t.planId === planId && t.id === threadId);
  }

  async createThread(planId: string, thread: NewCommentThread): Promise<StoredCommentThread> {
    this.db.assertOpen();
    if (!this.db.plans.has(planId)) throw planNotFound(planId);
    const taken = this.takenIds();
    for (const id of [thread.id, thread.firstMessage.id])
      if (taken.has(id)) throw commentExists(id);
    if (thread.id === thread.firstMessage.id) throw commentExists(thread.id);
    const at = new Date();
    const { firstMessage, ...rest } = thread;
    const stored: StoredCommentThread = {
      ...rest,
      planId,
      resolved: false,
      createdAt: at,
      messages: [{ ...firstMessage, at }],
    };
    this.threads.push(copyThread(stored));
    return copyThread(stored);
  }

  async addMessage(
    planId: string,
    threadId: string,
    message: NewCommentMessage,
  ): Promise<StoredCommentThread | null> {
    const thread = this.find(planId, threadId);
    if (!thread) return null;
    if (this.takenIds().has(message.id)) throw commentExists(message.id);
    thread.messages.push({ ...message, at: new Date() });
    return copyThread(thread);
  }

  async setResolved(
    planId: string,
    threadId: string,
    resolved: boolean,
  ): Promise<StoredCommentThread | null> {
    const thread = this.find(planId, threadId);
    if (!thread) return null;
    thread.resolved = resolved;
    return copyThread(thread);
  }

  async getThread(planId: string, threadId: string): Promise<StoredCommentThread | null> {
    const thread = this.find(planId, threadId);
    return thread ? copyThread(thread) : null;
  }

  async listThreads(planId: string): Promise<StoredCommentThread[]> {
    this.db.assertOpen();
    return this.threads.filter((t) => t.planId === planId).map(copyThread);
  }
}
