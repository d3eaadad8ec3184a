/**
 * Comment threads on a plan's text. A thread is anchored to a range of a section by two
 * Yjs relative positions, which the server encodes and resolves: storage keeps them as
 * opaque bytes beside the words that were selected. Authors are copied by name and group
 * so a thread reads on its own after its author's row is gone. Every adapter passes
 * `commentStoreContract.ts`.
 */

/** One message of a thread, as the caller hands it to the store. */
export interface NewCommentMessage {
  /** Unique across every plan: the caller mints it. */
  id: string;
  authorId: string;
  authorName: string;
  /** The author's breakout group, or null for the plenary. */
  authorGroupId: string | null;
  text: string;
}

/** A stored message, with when it was written. */
export interface StoredCommentMessage extends NewCommentMessage {
  at: Date;
}

/** A new thread: where it is anchored, and its first message. */
export interface NewCommentThread {
  /** Unique across every plan: the caller mints it. */
  id: string;
  sectionId: string;
  /** The words selected when the thread was started ("" for the section as a whole). */
  quote: string;
  /** Encoded Yjs relative positions of the range's start and end, or null without a range. */
  anchorStart: Uint8Array | null;
  anchorEnd: Uint8Array | null;
  firstMessage: NewCommentMessage;
}

/** A stored thread with its messages, oldest first. */
export interface StoredCommentThread {
  id: string;
  planId: string;
  sectionId: string;
  quote: string;
  anchorStart: Uint8Array | null;
  anchorEnd: Uint8Array | null;
  resolved: boolean;
  createdAt: Date;
  messages: StoredCommentMessage[];
}

/** The storage port for comment threads. */
export interface CommentStore {
  /**
   * Stores a thread, created now, open, with its first message. Fails with
   * `plan-not-found` for a plan the store does not hold and `comment-exists` when the
   * thread's or the message's id is taken.
   */
  createThread(planId: string, thread: NewCommentThread): Promise<StoredCommentThread>;
  /** Adds a reply now; null when the plan has no such thread. `comment-exists` on a taken id. */
  addMessage(
    planId: string,
    threadId: string,
    message: NewCommentMessage,
  ): Promise<StoredCommentThread | null>;
  /** Resolves or reopens the thread; null when the plan has no such thread. */
  setResolved(
    planId: string,
    threadId: string,
    resolved: boolean,
  ): Promise<StoredCommentThread | null>;
  /** The thread, or null when the plan has no thread with that id. */
  getThread(planId: string, threadId: string): Promise<StoredCommentThread | null>;
  /** The plan's threads, oldest first; none for an unknown plan. */
  listThreads(planId: string): Promise<StoredCommentThread[]>;
}
