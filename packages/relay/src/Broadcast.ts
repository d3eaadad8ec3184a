import * as Y from 'yjs';
import type { Connection } from './Connection.ts';
import { updateFrame } from './frames.ts';

interface Outgoing {
  update: Uint8Array;
  /** The socket it came from, which has it already; null for the server's own changes. */
  sender: Connection | null;
  sent(): void;
}

/**
 * At most this many updates go out as one: each socket that sent some of a batch is sent
 * the rest merged, so a batch's work grows with its senders times its updates, and a
 * burst's backlog sent as one would hold the event loop (and every other plan) meanwhile.
 */
export const MAX_BATCH_UPDATES = 32;

/**
 * Sends a room's stored updates to its sockets, several at a time: the updates that are
 * ready within one pass of the event loop (a group commit stores everything that arrived
 * while the previous fsync was in flight) go to each socket as one update, merged, in one
 * frame. A socket write costs about the same for one keystroke or fifty, and most of the
 * relay's time under load is in those writes; sent one by one, a group of k updates to n
 * sockets is k × n writes, merged it is n.
 *
 * Merged at the update level, since the stock y-websocket client reads one message per
 * WebSocket frame. Each socket gets the others' updates only: its own are left out of
 * what it is sent, as they are when updates go out one by one.
 */
export class Broadcast {
  private pending: Outgoing[] = [];
  private scheduled = false;

  constructor(private readonly recipients: () => Iterable<Connection>) {}

  /**
   * Queues a stored update for every socket but its sender; resolves once it is sent.
   * Updates go out in the order queued.
   */
  send(update: Uint8Array, sender: Connection | null): Promise<void> {
    return new Promise((sent) => {
      this.pending.push({ update, sender, sent });
      this.schedule();
    });
  }

  // Sent in the next pass's check phase: after the microtasks that queue the rest of a
  // group commit's updates, before the event loop waits for more input. A longer backlog
  // goes out a batch per pass.
  private schedule(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      const batch = this.pending.splice(0, MAX_BATCH_UPDATES);
      if (this.pending.length > 0) this.schedule();
      try {
        this.flush(batch);
      } finally {
        for (const { sent } of batch) sent();
      }
    });
  }

  private flush(batch: readonly Outgoing[]): void {
    const everything = updateFrame(merged(batch));
    // A socket that sent some of the batch gets the rest, encoded once per such socket.
    const forSenders = new Map<Connection, Uint8Array | null>();
    for (const { sender } of batch) {
      if (!sender || forSenders.has(sender)) continue;
      const others = batch.filter((outgoing) => outgoing.sender !== sender);
      forSenders.set(sender, others.length > 0 ? updateFrame(merged(others)) : null);
    }
    for (const connection of this.recipients()) {
      const frame = forSenders.has(connection) ? forSenders.get(connection) : everything;
      if (frame) connection.send(frame);
    }
  }
}

function merged(batch: readonly Outgoing[]): Uint8Array {
  const [only] = batch;
  return batch.length === 1 && only ? only.update : Y.mergeUpdates(batch.map((o) => o.update));
}
