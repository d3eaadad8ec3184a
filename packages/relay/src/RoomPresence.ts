import { CloseCode } from '@plenary/model';
import * as awarenessProtocol from 'y-protocols/awareness';
import {
  type AwarenessEntry,
  decodeAwarenessUpdate,
  encodeAwarenessUpdate,
} from './awarenessUpdate.ts';
import type { Connection } from './Connection.ts';
import { type ClientOwnership, ownerKeyOf } from './clientOwnership.ts';
import { FROM_OTHER_PROCESS } from './fanOut.ts';
import { awarenessFrame } from './frames.ts';
import type { RoomDocument } from './RoomDocument.ts';
import type { RoomEnvironment } from './RoomEnvironment.ts';
import type { VouchedPresence } from './types.ts';

/** What a room's presence needs from the room. */
export interface PresenceHost {
  readonly planId: string;
  readonly env: Pick<RoomEnvironment, 'persistence' | 'logger' | 'fanOut'>;
  /** Who owns which Yjs client id: a presence speaks only for an id its socket may hold. */
  readonly ownership: ClientOwnership;
  /** The room's sockets. */
  readonly connections: ReadonlySet<Connection>;
  /** The plan's live document and what it wrote since last asked. */
  readonly document: RoomDocument;
  /** Runs a task in the room's queue (see `Room#enqueue`), for the frame of `of` it handles. */
  enqueue<T>(task: () => T | Promise<T>, of?: Connection): Promise<T>;
  /** Closes a socket with a named code for a frame it must not send. */
  refuse(connection: Connection, code: number, reason: string, bytes: number): void;
}

/**
 * A room's presence (Yjs awareness) and the rules it keeps: a socket speaks for the one
 * Yjs client it bound first, which no other socket holds and no one else owns; what the
 * server vouches for overwrites who the presence says it is; presence is shared with the
 * other processes serving the plan. The size and rate limits on presence frames are
 * charged before a frame reaches the room (see `FairShare.ts`).
 */
export class RoomPresence {
  readonly awareness: awarenessProtocol.Awareness;
  /**
   * Sockets whose new presence id is being claimed in storage, with the latest presence
   * they sent meanwhile (null: none yet); it is shown once storage says the id is theirs.
   */
  private readonly onHold = new Map<Connection, Uint8Array | null>();

  constructor(private readonly host: PresenceHost) {
    this.awareness = new awarenessProtocol.Awareness(host.document.doc);
    // The server has no presence of its own.
    this.awareness.setLocalState(null);
    this.awareness.on('update', this.onAwarenessUpdate);
  }

  /** Sends a socket that just joined everyone's presence. */
  greet(connection: Connection): void {
    const present = [...this.awareness.getStates().keys()];
    if (present.length > 0) {
      connection.send(
        awarenessFrame(awarenessProtocol.encodeAwarenessUpdate(this.awareness, present)),
      );
    }
  }

  /** Takes away the presence of a socket that left. */
  remove(connection: Connection): void {
    if (connection.awarenessIds.size > 0) {
      awarenessProtocol.removeAwarenessStates(this.awareness, [...connection.awarenessIds], null);
    }
  }

  /** Answers a socket that asks for everyone's presence. */
  answerQuery(connection: Connection): void {
    connection.send(
      awarenessFrame(
        awarenessProtocol.encodeAwarenessUpdate(this.awareness, [
          ...this.awareness.getStates().keys(),
        ]),
      ),
    );
  }

  /** Shows what another process's sockets said to this room's sockets. */
  hearFromOtherProcess(update: Uint8Array): void {
    awarenessProtocol.applyAwarenessUpdate(this.awareness, update, FROM_OTHER_PROCESS);
  }

  /** Takes a socket's presence frame: its own client's state, vouched for, is shown to all. */
  receive(connection: Connection, update: Uint8Array, bytes: number): void {
    let entries: AwarenessEntry[];
    try {
      entries = decodeAwarenessUpdate(update);
    } catch (error) {
      this.host.refuse(
        connection,
        CloseCode.MALFORMED_FRAME,
        `malformed awareness update: ${(error as Error).message}`,
        bytes,
      );
      return;
    }
    // A socket speaks for one Yjs client: the one its first presence frame names alone
    // (the stock client sends its own state first on connect), no other socket holds and
    // no one else owns (or it would show under their name while they are away).
    // The stock client also echoes everyone else's presence back; those entries are
    // dropped rather than refused, so no one can move or erase someone else's caret.
    if (connection.awarenessClientId === null) {
      const [first] = entries;
      const takenByOther = (id: number) =>
        [...this.host.connections].some(
          (other) => other !== connection && other.awarenessClientId === id,
        );
      if (
        entries.length !== 1 ||
        !first ||
        first.state === null ||
        takenByOther(first.clientId) ||
        !this.bindPresence(connection, first.clientId)
      )
        return;
      connection.awarenessClientId = first.clientId;
    }
    const vouched = connection.context.presence;
    const own = entries
      .filter((entry) => entry.clientId === connection.awarenessClientId)
      .map((entry) => (vouched ? { ...entry, state: vouch(entry.state, vouched) } : entry));
    if (own.length === 0) return;
    const presence = encodeAwarenessUpdate(own);
    if (this.onHold.has(connection)) {
      this.onHold.set(connection, presence);
      return;
    }
    awarenessProtocol.applyAwarenessUpdate(this.awareness, presence, connection);
  }

  /**
   * Binds a socket's presence to `clientId` unless someone else owns it; a new id is
   * claimed in storage first. Scaled out, a socket on another process may have claimed
   * the same id a moment before this one heard of it: storage, not this room, says who
   * was first, and the presence is held until it has (shown and then withdrawn, its
   * higher clock would hide the rightful owner's presence on every process).
   */
  private bindPresence(connection: Connection, clientId: number): boolean {
    const owner = ownerKeyOf(connection.context);
    const binding = this.host.ownership.bindPresence(owner, clientId, this.host.document.doc);
    if (binding === 'claimed') {
      const { participantId } = connection.context;
      const origin = { clientIds: [clientId], participantId, owner };
      this.onHold.set(connection, null);
      // Queued, so it is stored before any update this socket sends next.
      this.host
        .enqueue(async () => {
          const [stored] = await this.host.env.persistence.claimClients(this.host.planId, origin);
          const held = this.onHold.get(connection) ?? null;
          this.onHold.delete(connection);
          if (stored && stored.owner !== owner) {
            this.host.ownership.settle(clientId, stored.owner);
            if (connection.awarenessClientId === clientId) connection.awarenessClientId = null;
            return;
          }
          this.host.env.fanOut?.publish(this.host.planId, {
            kind: 'claim',
            claims: [clientId],
            owner,
          });
          if (held && !connection.closed) {
            awarenessProtocol.applyAwarenessUpdate(this.awareness, held, connection);
          }
        }, connection)
        .catch((error: unknown) => {
          this.onHold.delete(connection);
          this.host.env.logger.warn(
            { planId: this.host.planId, err: error },
            'could not store a claim',
          );
        });
    }
    return binding !== 'refused';
  }

  private readonly onAwarenessUpdate = (
    change: { added: number[]; updated: number[]; removed: number[] },
    origin: unknown,
  ): void => {
    const changed = [...change.added, ...change.updated, ...change.removed];
    if (origin && this.host.connections.has(origin as Connection)) {
      const connection = origin as Connection;
      for (const id of [...change.added, ...change.updated]) connection.awarenessIds.add(id);
      for (const id of change.removed) connection.awarenessIds.delete(id);
    }
    // Sent to the sender too: a lone client hears its own renewals and knows the
    // connection is alive (the stock client reconnects after 30 s of silence).
    const update = awarenessProtocol.encodeAwarenessUpdate(this.awareness, changed);
    const frame = awarenessFrame(update);
    for (const connection of this.host.connections) connection.send(frame);
    // What this process's sockets said, not what it heard from the others.
    if (origin !== FROM_OTHER_PROCESS) {
      this.host.env.fanOut?.publish(this.host.planId, { kind: 'awareness', update });
    }
  };

  /** Tells the other processes who is here through this one. */
  publishOwn(): void {
    const own = [...this.host.connections].flatMap((connection) => [...connection.awarenessIds]);
    if (own.length === 0) return;
    const update = awarenessProtocol.encodeAwarenessUpdate(this.awareness, own);
    this.host.env.fanOut?.publish(this.host.planId, { kind: 'awareness', update });
  }

  /** Stops listening; the room is closed. */
  destroy(): void {
    this.awareness.off('update', this.onAwarenessUpdate);
    this.awareness.destroy();
  }
}

/** A presence state with the server's word for who this is; observers show no caret. */
function vouch(state: unknown, presence: VouchedPresence): unknown {
  if (state === null || typeof state !== 'object') return state;
  const current = state as Record<string, unknown>;
  const user = typeof current.user === 'object' && current.user !== null ? current.user : {};
  return {
    ...current,
    ...(presence.role === 'observer' ? { cursor: null } : {}),
    user: {
      ...user,
      participantId: presence.participantId,
      name: presence.name,
      role: presence.role,
      groupId: presence.groupId,
    },
  };
}
