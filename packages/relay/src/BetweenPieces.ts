import type * as Y from 'yjs';
import type { Connection } from './Connection.ts';
import { inspectUpdate, isUpdateProblem } from './updateCheck.ts';
import { SPLIT_ABOVE_BYTES } from './updatePieces.ts';

/** A small update of another socket, waiting for a gap between the pieces of a large one. */
export interface WaitingUpdate {
  connection: Connection;
  update: Uint8Array;
  /** Whether its socket had answered the server's sync step 1 when it came. */
  answered: boolean;
}

/**
 * The small updates of other sockets that come while a large update (a reconnecting
 * client's answer, a long paste) is applied in pieces. Queued behind it, someone typing
 * in another section would wait for all of it: under a flood, for the flooder's whole
 * reconnect answer. Taken in between its pieces instead (each checked, applied, stored
 * and sent on as usual), on conditions that keep what the room promises:
 * - it was sent by another socket, which has nothing in the room's queue (its updates
 *   stay in the order it sent them: once one of its updates is left for later, so are
 *   the ones after it);
 * - it applies completely now, writes under none of the large update's client ids and
 *   touches none of the roots its pieces have touched so far: so it cannot build on
 *   those pieces (never sent to anyone), the large update's stored update is written
 *   from its own client ids alone, and a second look at a section it changes still sees
 *   only its own change.
 * One that does not qualify (or would need a second look of its own, whose refusal
 * reloads the plan) waits until the large update is done, and is then taken before
 * anything queued after it.
 */
export class BetweenPieces {
  private waiting: WaitingUpdate[] = [];
  /** Sockets one of whose updates was left for later: so are their next ones. */
  private readonly leftForLater = new Set<Connection>();
  /** Roots the large update's pieces have touched so far. */
  readonly touchedRoots = new Set<string>();
  /** Client ids the large update's pieces have written under so far. */
  readonly clientIds = new Set<number>();
  private open = true;

  constructor(readonly sender: Connection) {}

  /**
   * Keeps a small update of another socket for the next gap; false when it must go to the
   * room's queue (its sender's own, a large one, or once the large update is done).
   * `queued`: whether the socket has a task in the room's queue.
   */
  offer(connection: Connection, update: Uint8Array, answered: boolean, queued: boolean): boolean {
    if (!this.open || queued || connection === this.sender) return false;
    if (update.byteLength > SPLIT_ABOVE_BYTES) return false;
    this.waiting.push({ connection, update, answered });
    return true;
  }

  /** Notes what a piece of the large update brought. */
  noteApplied(clientIds: Iterable<number>, touchedRoots: Iterable<string>): void {
    for (const id of clientIds) this.clientIds.add(id);
    for (const root of touchedRoots) this.touchedRoots.add(root);
  }

  /**
   * Takes in the waiting updates that qualify, in the order they came, each with `take`
   * (false: it needs a second look, and is left for later). Those that came meanwhile
   * wait for the next gap, so one gap is bounded.
   */
  async takeQualifying(
    doc: Y.Doc,
    take: (waiting: WaitingUpdate) => Promise<boolean>,
  ): Promise<void> {
    const due = this.waiting;
    this.waiting = [];
    const later: WaitingUpdate[] = [];
    for (const waiting of due) {
      if (
        this.leftForLater.has(waiting.connection) ||
        !this.qualifies(doc, waiting.update) ||
        !(await take(waiting))
      ) {
        this.leftForLater.add(waiting.connection);
        later.push(waiting);
      }
    }
    this.waiting = [...later, ...this.waiting];
  }

  /** Ends the gaps: what still waits, in order, to be taken now that the large update is done. */
  close(): WaitingUpdate[] {
    this.open = false;
    const rest = this.waiting;
    this.waiting = [];
    return rest;
  }

  private qualifies(doc: Y.Doc, update: Uint8Array): boolean {
    const inspection = inspectUpdate(doc, update);
    if (isUpdateProblem(inspection)) return false;
    return (
      !inspection.clientIds.some((id) => this.clientIds.has(id)) &&
      ![...inspection.touchedRoots].some((root) => this.touchedRoots.has(root))
    );
  }
}
