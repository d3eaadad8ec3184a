/**
 * Group commit: writes that arrive while the previous group is being committed wait and
 * are then committed together, in one transaction with one sync to disk, and each caller
 * hears back only once its group is durable.
 *
 * A durable commit costs about the same whether it carries one update or fifty: one
 * transaction and one fsync. An adapter hands its batch-writing function to a GroupCommit
 * and sends every write through `submit`; SQLite's appends go through one (see
 * SqliteDocumentStore), and an adapter for a database across the network would gain the
 * same from it.
 */

/** One write's outcome inside a committed group: a refusal of that write alone, or its result. */
export type WriteOutcome<R> = { ok: true; value: R } | { ok: false; error: unknown };

/**
 * Writes `items` in one transaction, in order, and says how each went. A write that is
 * refused on its own (its plan is gone) is reported as `ok: false` and leaves the others
 * in; throwing (a full disk, a lost connection) means the whole transaction rolled back.
 */
export type CommitGroup<T, R> = (
  items: readonly T[],
) => WriteOutcome<R>[] | Promise<WriteOutcome<R>[]>;

interface Waiting<T, R> {
  item: T;
  resolve(value: R): void;
  reject(error: unknown): void;
}

/** When a group not yet started is committed: after the current pass of the event loop. */
const nextPass = (run: () => void): void => {
  setImmediate(run);
};

export class GroupCommit<T, R> {
  private waiting: Waiting<T, R>[] = [];
  private inFlight: Promise<void> | null = null;
  private scheduled = false;

  constructor(
    private readonly commitGroup: CommitGroup<T, R>,
    /**
     * Schedules the commit of a group that is not behind one in flight. The default waits
     * for the end of the event loop's pass, so that with a synchronous database (where no
     * write is ever "in flight" while JavaScript runs) the writes of every message read in
     * that pass share one commit.
     */
    private readonly schedule: (run: () => void) => void = nextPass,
  ) {}

  /**
   * Queues one write; resolves with its result once the group it went into is committed.
   * Writes are committed in the order submitted. When a group fails as a whole, every
   * write in it is rejected with that error and none of it is stored.
   */
  submit(item: T): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      this.waiting.push({ item, resolve, reject });
      if (this.inFlight === null && !this.scheduled) {
        this.scheduled = true;
        this.schedule(() => {
          this.scheduled = false;
          void this.commitWaiting();
        });
      }
    });
  }

  /**
   * Commits whatever is waiting now, without waiting for the scheduled moment, and
   * resolves once nothing submitted before this call is still uncommitted. With a
   * synchronous `commitGroup` the waiting group is written before this returns, so a write
   * made right after it comes after every write submitted before.
   */
  async flush(): Promise<void> {
    while (this.inFlight !== null || this.waiting.length > 0) {
      if (this.inFlight !== null) await this.inFlight;
      else await this.commitWaiting();
    }
  }

  private commitWaiting(): Promise<void> {
    if (this.inFlight !== null || this.waiting.length === 0)
      return this.inFlight ?? Promise.resolve();
    const group = this.waiting;
    this.waiting = [];
    const done = this.commit(group).finally(() => {
      this.inFlight = null;
      // What arrived during the commit goes next, at once: it has waited one commit already.
      if (this.waiting.length > 0) void this.commitWaiting();
    });
    this.inFlight = done;
    return done;
  }

  private async commit(group: Waiting<T, R>[]): Promise<void> {
    let outcomes: WriteOutcome<R>[];
    try {
      const pending = this.commitGroup(group.map((waiting) => waiting.item));
      outcomes = pending instanceof Promise ? await pending : pending;
    } catch (error) {
      for (const waiting of group) waiting.reject(error);
      return;
    }
    group.forEach((waiting, index) => {
      const outcome = outcomes[index];
      if (!outcome) waiting.reject(new Error('the group commit reported no outcome for a write'));
      else if (outcome.ok) waiting.resolve(outcome.value);
      else waiting.reject(outcome.error);
    });
  }
}
