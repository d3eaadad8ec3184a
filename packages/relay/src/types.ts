import type { Actor, Role } from '@plenary/model';
import type { ClientOwnerKey, OwnedClient } from './clientOwner.ts';
import type { FairShareLimits } from './FairShare.ts';

/**
 * The relay's ports: what it needs from the transport, from storage and from logging.
 * The relay knows no web framework; the server adapts its websocket to `RelaySocket`.
 */

/** The minimal socket the relay talks to (a `ws` WebSocket fits, so does a test pair). */
export interface RelaySocket {
  send(data: Uint8Array): void;
  /** Bytes handed to `send` that have not reached the network yet, when the socket knows. */
  readonly bufferedAmount?: number;
  close(code: number, reason: string): void;
}

/** What the server vouches for in a connection's presence (its awareness `user`). */
export interface VouchedPresence {
  /** The participant, so projectors can follow a presenter's position. */
  participantId: string | null;
  name: string;
  role: Role;
  groupId: string | null;
}

/** Who is behind a connection, as the server established it on upgrade. */
export interface ConnectionContext {
  /** The participant behind the socket, or null when the server knows no one. */
  participantId: string | null;
  /** The invite link the socket came in with; revoking the link closes the socket. */
  inviteId: string | null;
  /** The role and group whose rights apply to every update on this socket. */
  actor: Actor;
  /** Presence fields the server overwrites, so no one can pose as someone else. */
  presence: VouchedPresence | null;
}

/** Who sent an update, as storage records it. */
export interface UpdateOrigin {
  clientIds: readonly number[];
  participantId: string | null;
  /** Who may write under those client ids from now on, if no one did (null: the server). */
  owner: ClientOwnerKey;
  /**
   * The socket the update came from (none for the server's own changes). Once storage
   * refuses one of its updates as someone else's, it refuses the ones it sent after too.
   */
  sender?: object;
}

/** The part of the document store the relay uses. */
export interface RelayPersistence {
  loadDocument(planId: string): Promise<{
    updates: Uint8Array[];
    lastSeq: number;
    logLength: number;
    /** The owner of every client id that storage recorded for the plan. */
    clientOwners: readonly OwnedClient[];
  } | null>;
  /**
   * Rejects with an error whose `code` is `client-owned-elsewhere` (see `clientOwner.ts`),
   * storing nothing, when one of the origin's client ids belongs to someone else.
   */
  appendUpdate(
    planId: string,
    update: Uint8Array,
    origin: UpdateOrigin,
  ): Promise<{ seq: number; logLength: number }>;
  /**
   * Records owners for client ids that have none yet (a socket's presence id); resolves
   * with the owner stored for each, which is another's when someone claimed it first.
   */
  claimClients(planId: string, origin: UpdateOrigin): Promise<readonly OwnedClient[]>;
  compact(planId: string, snapshot: Uint8Array, throughSeq: number): Promise<void>;
}

/** A pino-compatible logger. */
export interface RelayLogger {
  info(context: object, message: string): void;
  warn(context: object, message: string): void;
  error(context: object, message: string): void;
}

/** Limits and timings of the relay. */
export interface RelayOptions {
  /** Largest frame accepted from a client, in bytes. */
  maxFrameBytes: number;
  /**
   * Most bytes of frames one socket may send before it is served (its link checked, its
   * plan loaded); past it the socket is closed with 4529 and resends on reconnect.
   */
  maxPendingBytes: number;
  /** Compact a plan's log into one snapshot once it holds this many updates. */
  compactAfterUpdates: number;
  /** How long an idle room stays in memory after its last client left. */
  idleEvictMs: number;
  /**
   * After storage refused a write, how long sockets for that plan are turned away
   * (4503) without reloading it. Without this pause every client reconnects within
   * 200 ms, syncs (which resets its backoff) and is closed again: with 50 people, hundreds
   * of reloads a second against a failing disk.
   */
  storageRetryMs: number;
  /** Most client ids one update may claim (see `clientOwnership.ts`). */
  maxNewClientsPerUpdate: number;
  /** Most client ids one participant may hold in a plan. */
  maxClientsPerOwner: number;
  /** What one socket and one participant may send, and how far behind a socket may fall. */
  fairShare: FairShareLimits;
}
