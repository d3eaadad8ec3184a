import { CloseCode } from '@plenary/model';
import * as Y from 'yjs';
import type { Connection } from './Connection.ts';
import type { OwnedClient } from './clientOwner.ts';
import type { ClientOwnership } from './clientOwnership.ts';
import { nextTurn } from './eventLoopTurn.ts';
import { updateFrame } from './frames.ts';
import type { RoomDocument } from './RoomDocument.ts';
import type { UpdateOrigin } from './types.ts';
import { encodeUpdateSince } from './updateSince.ts';

/** What taking back a refused update needs from the room. */
export interface RefusedUpdatesHost {
  /** Who owns which Yjs client id; storage settles who owns the refused ones. */
  readonly ownership: ClientOwnership;
  /** The room's sockets. */
  readonly connections: ReadonlySet<Connection>;
  /** The plan's live document and what it wrote since last asked. */
  readonly document: RoomDocument;
  /** Loads the document again from storage once every update applied so far is stored. */
  reload(): Promise<{ clientOwners: readonly OwnedClient[] }>;
  /** Closes a socket with a named code for a frame it must not send. */
  refuse(connection: Connection, code: number, reason: string, bytes: number): void;
  /** Runs a task in the room's queue (see `Room#enqueue`). */
  enqueue<T>(task: () => T | Promise<T>): Promise<T>;
}

/**
 * Updates the room applied and storage then refused, because a client id they carry
 * belongs to someone else: their senders are closed, and the room's queue takes them back
 * out of the document before its next task.
 */
export class RefusedUpdates {
  /**
   * Client ids of applied updates that storage refused as someone else's, waiting to be
   * taken back out of the document by the next task of the queue (see `takeBack`).
   */
  private readonly clientIds = new Set<number>();

  constructor(private readonly host: RefusedUpdatesHost) {}

  /**
   * Storage refused an applied update of `sender`: one of its client ids belongs to
   * someone else, whose socket on another process claimed it before this room heard of
   * the claim. A refused update, not a storage failure: the sender is closed, as the
   * room's own ownership check would have, and the next task of the queue (one is queued
   * here, should none come) takes the update back out of the document first, so none
   * sees or sends it. Everyone else stays connected.
   */
  refuse(sender: Connection, update: Uint8Array, origin: UpdateOrigin, error: Error) {
    this.host.refuse(sender, CloseCode.FORBIDDEN, error.message, update.byteLength);
    for (const clientId of origin.clientIds) this.clientIds.add(clientId);
    this.host.enqueue(() => undefined).catch(() => undefined);
  }

  /**
   * Takes back the updates storage refused because a client id they carry belongs to
   * someone else (see `refuse`), before the queue's next task sees the document.
   *
   * Ordering. The room applies an update, then stores it, and sends it only once stored,
   * so no socket ever saw a refused one. Meanwhile the queue went on, and updates were
   * applied on top of it: a socket's here (pipelined, stored and sent as usual: no one else
   * saw the refused one, so theirs cannot build on it; only its own sender's could, e.g. a
   * deletion of the clocks it wrote, which are the owner's text in storage, and storage
   * refuses every update its sender sent after it: `UpdateOrigin.sender`), and other
   * processes' (already stored).
   * The refused structs sit at the clocks of the rightful owner's, so Yjs took an owner's
   * update heard meanwhile for one it had and kept only its tail, and that tail is all
   * this room's sockets were sent. So the document is loaded again (once every update
   * applied so far is stored) and its sockets are sent what it holds beyond what they were
   * sent, counting the refused ids from their first clock.
   */
  takeBack(): Promise<void> | null {
    // Null, not a settled promise, in the usual case: every queued task asks.
    if (this.clientIds.size === 0) return null;
    const refused = new Set(this.clientIds);
    this.clientIds.clear();
    return this.reloadWithout(refused);
  }

  private async reloadWithout(refused: ReadonlySet<number>): Promise<void> {
    // What the sockets were sent: the document as it is, less the refused ids.
    const sent = Y.decodeStateVector(Y.encodeStateVector(this.host.document.doc));
    for (const clientId of refused) sent.delete(clientId);
    const stored = await this.host.reload();
    for (const { clientId, owner } of stored.clientOwners) {
      if (refused.has(clientId)) this.host.ownership.settle(clientId, owner);
    }
    const missing = await encodeUpdateSince(this.host.document.doc, sent, nextTurn);
    const frame = updateFrame(missing);
    for (const connection of this.host.connections) connection.send(frame);
  }
}
