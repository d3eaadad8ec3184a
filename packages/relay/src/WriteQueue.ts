import { Broadcast } from './Broadcast.ts';
import type { Connection } from './Connection.ts';
import { isClientOwnedElsewhere } from './clientOwner.ts';
import { nextTurn } from './eventLoopTurn.ts';
import type { RoomDocument } from './RoomDocument.ts';
import type { RoomEnvironment } from './RoomEnvironment.ts';
import { RefusedUpdate, StorageFailure } from './roomErrors.ts';
import type { UpdateOrigin } from './types.ts';

/** What the room's queue needs from the room. */
export interface WriteQueueHost {
  readonly planId: string;
  readonly env: Pick<RoomEnvironment, 'persistence' | 'fanOut' | 'extensions' | 'options'>;
  /** The plan's live document and where it stands in storage. */
  readonly document: RoomDocument;
  /** The room's sockets, which stored updates are sent to. */
  readonly connections: ReadonlySet<Connection>;
  isClosed(): boolean;
  /**
   * Takes back what storage refused, before a task sees the document (see
   * `RefusedUpdates`); null when nothing was refused, the usual case, which then costs
   * the task no promise.
   */
  takeBackRefused(): Promise<void> | null;
  /** Storage refused an applied update of `sender` as someone else's (see `RefusedUpdates`). */
  refuseStored(sender: Connection, update: Uint8Array, origin: UpdateOrigin, error: Error): void;
  /** An update was stored: a gap in the seqs heard may want watching (see `OtherProcesses`). */
  stored(): void;
  /** The stored log grew past `compactAfterUpdates` (see `Compaction`). */
  queueCompaction(): void;
  /** Closes the room: something it cannot recover from broke. */
  fail(error: unknown): void;
}

/**
 * The room's one queue, and the storing and sending of its updates. Tasks run in
 * arrival order; a client's update does not hold the queue while it is being stored (the
 * next one is applied and joins the same group commit), and every other task first waits
 * until all of them are stored, so that it sees and answers only what is stored.
 */
export class WriteQueue {
  private tail: Promise<unknown> = Promise.resolve();
  /** Settles once every update committed so far is stored and sent (or failed the room). */
  private durable: Promise<void> = Promise.resolve();
  /** Settles once every update committed so far is stored (or failed the room). */
  private storedInOrder: Promise<void> = Promise.resolve();
  /** Sends stored updates to the sockets, those ready together as one (see Broadcast). */
  private readonly broadcast: Broadcast;
  /** How many tasks each socket has in the queue, waiting or running (see `holdsTasksOf`). */
  private readonly tasksOf = new Map<Connection, number>();

  constructor(private readonly host: WriteQueueHost) {
    this.broadcast = new Broadcast(() => host.connections);
  }

  /** Settles once every update committed so far is stored and sent (or failed the room). */
  settled(): Promise<void> {
    return this.durable;
  }

  /** True while a task queued for `connection` waits or runs: its next update must come after it. */
  holdsTasksOf(connection: Connection): boolean {
    return this.tasksOf.has(connection);
  }

  /**
   * Runs `task` after every task queued before it. Unless `pipelined` (a client's update,
   * whose storing the queue does not wait for), it also waits until every update
   * committed before it is stored, so that it sees and answers only what is stored.
   * `of`: the socket whose frame it handles (see `holdsTasksOf`).
   */
  enqueue<T>(
    task: () => T | Promise<T>,
    { pipelined = false, of }: { pipelined?: boolean; of?: Connection } = {},
  ): Promise<T> {
    const run = this.tail.then(nextTurn).then(async () => {
      if (!pipelined) await this.durable;
      if (this.host.isClosed()) throw new Error('room is closed');
      const takingBack = this.host.takeBackRefused();
      if (takingBack) {
        await takingBack.catch((error: unknown) => {
          this.host.fail(error);
          throw error;
        });
      }
      return task();
    });
    this.tail = run.catch(() => undefined);
    if (of) {
      this.tasksOf.set(of, (this.tasksOf.get(of) ?? 0) + 1);
      // Settled before the next task starts (it waits for a turn of the event loop).
      void this.tail.then(() => {
        const left = (this.tasksOf.get(of) ?? 1) - 1;
        if (left > 0) this.tasksOf.set(of, left);
        else this.tasksOf.delete(of);
      });
    }
    return run;
  }

  /**
   * Stores an applied update, then sends it to everyone but its sender; resolves once
   * both are done. Storing starts at once; sending waits for the updates committed
   * before it, so peers get updates in the order they were applied, each once stored.
   */
  commit(update: Uint8Array, sender: Connection | null, origin: UpdateOrigin): Promise<void> {
    const { participantId } = origin;
    const appended = this.host.env.persistence.appendUpdate(this.host.planId, update, origin);
    const stored = Promise.all([this.storedInOrder, appended]).then(
      ([, stored]) => {
        this.host.document.seqs.note(stored.seq);
        this.host.stored();
        this.host.document.logLength = stored.logLength;
        // Stored first, so another process that hears of it can always read it back.
        this.host.env.fanOut?.publish(this.host.planId, {
          kind: 'update',
          seq: stored.seq,
          update,
          claims: origin.clientIds,
          owner: origin.owner,
          participantId: sender ? participantId : null,
        });
      },
      (error: unknown) => {
        // Here, before `durable` settles, so that no task waiting for it runs first. The
        // server's own change (no sender) writes under a new random id of its own; refused,
        // that id collided with one claimed elsewhere, and the room fails as it did before.
        if (sender && isClientOwnedElsewhere(error)) {
          this.host.refuseStored(sender, update, origin, error);
          throw new RefusedUpdate(error);
        }
        throw new StorageFailure(error);
      },
    );
    this.storedInOrder = stored.catch(() => undefined);
    // Not behind the previous update's sending, only its storing: the updates of one group
    // commit go out together (see Broadcast).
    const delivered = stored.then(async () => {
      await this.broadcast.send(update, sender);
      this.host.env.extensions.onUpdateStored({
        planId: this.host.planId,
        bytes: update.byteLength,
        participantId,
      });
      if (this.host.document.logLength >= this.host.env.options.compactAfterUpdates) {
        this.host.queueCompaction();
      }
    });
    this.durable = delivered.catch(() => undefined);
    return delivered;
  }
}
