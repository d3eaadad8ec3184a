import { CloseCode } from '@plenary/model';
import type * as Y from 'yjs';
import { Connection } from './Connection.ts';
import { FairShare } from './FairShare.ts';
import type { PlanMessage, RelayFanOut } from './fanOut.ts';
import { weighFrame } from './frameWeight.ts';
import { PendingFrames } from './PendingFrames.ts';
import type { PlanDocuments, RelayExtension } from './RelayExtension.ts';
import { RelayExtensions } from './RelayExtensions.ts';
import { Room } from './Room.ts';
import type { RoomEnvironment } from './RoomEnvironment.ts';
import { refuseConnection } from './refuseConnection.ts';
import { DEFAULT_RELAY_OPTIONS } from './relayDefaults.ts';
import { StorageFailure } from './roomErrors.ts';
import type {
  ConnectionContext,
  RelayLogger,
  RelayOptions,
  RelayPersistence,
  RelaySocket,
} from './types.ts';

/** A change asked of a plan that does not exist. */
export class UnknownPlanError extends Error {
  constructor(readonly planId: string) {
    super(`No plan has the id "${planId}".`);
    this.name = 'UnknownPlanError';
  }
}

/** What the transport calls for one accepted socket. */
export interface RelayConnection {
  /** Hands over one binary frame from the client. */
  receive(data: Uint8Array): void;
  /** Tells the relay that the socket closed. */
  disconnect(): void;
}

/**
 * Rooms of open plans, framework-free: the server hands it sockets and frames, and
 * REST handlers hand it changes to make. A room is loaded on first use and evicted
 * (written back as one snapshot) once no one has been in it for `idleEvictMs`.
 */
export class Relay implements PlanDocuments {
  private readonly rooms = new Map<string, Room>();
  private readonly loading = new Map<string, Promise<Room | null>>();
  private readonly storageFailedAt = new Map<string, number>();
  private readonly options: RelayOptions;
  private readonly environment: RoomEnvironment;
  private readonly fairShare: FairShare;
  private readonly fanOut: RelayFanOut | null;
  /** Messages from other processes about plans still loading here, handled once loaded. */
  private readonly heardWhileLoading = new Map<string, PlanMessage[]>();
  private shuttingDown = false;

  constructor(deps: {
    persistence: RelayPersistence;
    logger: RelayLogger;
    options?: Partial<RelayOptions>;
    /** The hooks run at the relay's extension points, ordered as `RelayExtensions` says. */
    extensions?: readonly RelayExtension[];
    /** The other processes serving the same plans (Redis); none when this one is alone. */
    fanOut?: RelayFanOut;
  }) {
    this.options = { ...DEFAULT_RELAY_OPTIONS, ...deps.options };
    this.fairShare = new FairShare(this.options.fairShare);
    this.fanOut = deps.fanOut ?? null;
    this.fanOut?.listen({
      onMessage: (planId, message) => this.hearFromOtherProcess(planId, message),
      onReconnected: () => this.catchUpAfterOutage(),
    });
    this.environment = {
      fanOut: this.fanOut,
      persistence: deps.persistence,
      logger: deps.logger,
      options: this.options,
      extensions: new RelayExtensions(deps.extensions ?? [], this),
      onClosed: (room) => {
        if (this.rooms.get(room.planId) !== room) return;
        this.rooms.delete(room.planId);
        if (!this.loading.has(room.planId)) this.fanOut?.unsubscribe(room.planId);
      },
      onStorageFailure: (planId) => {
        this.storageFailedAt.set(planId, Date.now());
      },
    };
  }

  /** How many plans are open in memory. */
  get openRoomCount(): number {
    return this.rooms.size;
  }

  /**
   * Accepts a socket for a plan. Frames that arrive while the plan loads are kept and
   * handled in order once it is ready; an unknown plan closes the socket with 4404.
   * `pending` holds what the socket sent before this call (while its link was checked):
   * those frames are handled first, and the same buffer, with the same byte limit, keeps
   * what comes while the plan loads.
   */
  connect(
    planId: string,
    socket: RelaySocket,
    context: ConnectionContext,
    pending: PendingFrames = this.pendingFrames(),
  ): RelayConnection {
    const { logger, extensions } = this.environment;
    let room: Room | null = null;
    const sentBefore = pending.take();
    // Closes the connection with a named code, says why in the log, and leaves the room.
    const refuse = (code: number, reason: string, bytes: number) => {
      refuseConnection(this.environment, connection, code, reason, bytes);
      room?.leave(connection);
    };
    const connection = new Connection(planId, socket, context, {
      maxUnsentBytes: this.options.fairShare.maxUnsentBytes,
      onOverflow: (unsent) => {
        const reason = `${unsent} bytes were waiting for this connection`;
        logger.warn(
          { planId, participantId: context.participantId, code: CloseCode.CLIENT_TOO_SLOW, unsent },
          'closed a socket that stopped reading',
        );
        extensions.onRefusal({ planId, code: CloseCode.CLIENT_TOO_SLOW, reason });
      },
    });
    // A participant just closed for going over their share waits for it to refill.
    const overBudget = this.fairShare.refusalFor(context.participantId);
    if (overBudget) {
      refuse(overBudget.code, overBudget.reason, 0);
      return { receive: () => undefined, disconnect: () => connection.markClosed() };
    }
    const share = this.fairShare.open(context.participantId);
    for (const older of share.evicted) older.evict();
    share.socket.onEvict(() =>
      refuse(
        CloseCode.TOO_MANY_CONNECTIONS,
        `this participant opened more than ${this.options.fairShare.maxSocketsPerParticipant} connections; this is the oldest`,
        0,
      ),
    );
    this.openRoom(planId).then(
      (opened) => {
        if (connection.closed) return;
        if (!opened) {
          logger.warn(
            { planId, code: CloseCode.UNKNOWN_PLAN },
            'refused a socket for an unknown plan',
          );
          extensions.onRefusal({
            planId,
            code: CloseCode.UNKNOWN_PLAN,
            reason: 'unknown plan',
          });
          connection.close(CloseCode.UNKNOWN_PLAN, 'no plan has this id');
          return;
        }
        room = opened;
        room.join(connection);
        for (const { data, answer } of pending.take()) {
          if (answer) connection.markAnswered();
          room.receive(connection, data);
        }
      },
      (error: unknown) => {
        if (error instanceof StorageFailure) {
          connection.close(CloseCode.STORAGE_UNAVAILABLE, 'storage unavailable; retrying shortly');
          return;
        }
        logger.error({ planId, err: error }, 'could not load a plan');
        connection.close(CloseCode.STORAGE_UNAVAILABLE, 'the plan could not be loaded');
      },
    );
    const relayConnection: RelayConnection = {
      receive: (data) => {
        if (connection.closed) return;
        if (data.byteLength > this.options.maxFrameBytes) {
          refuse(
            CloseCode.FRAME_TOO_LARGE,
            `frame of ${data.byteLength} bytes exceeds the limit of ${this.options.maxFrameBytes}`,
            data.byteLength,
          );
          return;
        }
        // Charged before the frame is kept or handled, so an over-eager sender costs a
        // few counters, not a place in the plan's queue.
        const weight = weighFrame(data);
        const refusal = share.socket.admit(data, weight, connection.awarenessClientId);
        if (refusal) {
          refuse(refusal.code, refusal.reason, data.byteLength);
          return;
        }
        // Set as the room gets the answer, so that the changes before it are known as such.
        const answer = weight.kind === 'document' && weight.sync === 'answer';
        if (room) {
          if (answer) connection.markAnswered();
          room.receive(connection, data);
        } else if (!pending.push(data, answer)) {
          refuse(
            CloseCode.RATE_LIMITED,
            `more than ${pending.maxBytes} bytes were sent before the plan was ready`,
            data.byteLength,
          );
        }
      },
      disconnect: () => {
        connection.markClosed();
        share.socket.close();
        room?.leave(connection);
      },
    };
    for (const { data } of sentBefore) relayConnection.receive(data);
    return relayConnection;
  }

  /** A buffer for what a socket sends before `connect`, with the relay's byte limit. */
  pendingFrames(): PendingFrames {
    return new PendingFrames(this.options.maxPendingBytes);
  }

  /**
   * Applies a change to a plan's document as one transaction, stores it and sends it to
   * everyone in the plan. Throws `UnknownPlanError` when there is no such plan.
   */
  async transact<T>(
    planId: string,
    change: (doc: Y.Doc) => T,
    participantId: string | null = null,
  ): Promise<T> {
    const room = await this.openRoom(planId);
    if (!room) throw new UnknownPlanError(planId);
    return room.transact(change, participantId);
  }

  /** Reads a plan's live document (loading it if needed) without changing it. */
  async read<T>(planId: string, reader: (doc: Y.Doc) => T): Promise<T> {
    return this.transact(planId, reader);
  }

  /**
   * Reads an open plan's live document at once, outside its queue; null when the plan is
   * not open in this process. For cheap pre-checks that decide whether queued work is
   * needed at all: `reader` must not change the document, and it may see updates that are
   * applied but not yet stored.
   */
  peek<T>(planId: string, reader: (doc: Y.Doc) => T): T | null {
    const room = this.rooms.get(planId);
    return room && !room.isClosed ? reader(room.doc) : null;
  }

  /**
   * Sends a note to the extension named `extension` in the other processes serving the
   * plan; nothing when this process serves alone. The fan-out keeps one process's messages
   * in order and the other processes take in each plan's in their queue, so the note is
   * heard there after the updates this process stored before sending it.
   */
  tellOtherProcesses(planId: string, extension: string, note: string): void {
    this.fanOut?.publish(planId, { kind: 'note', extension, note });
  }

  /**
   * The participants whose presence the plan holds right now, through this process or
   * any other (presence is fanned out), as the server vouched for them: who is in the room.
   */
  presentParticipants(planId: string): Set<string> {
    const present = new Set<string>();
    for (const state of this.rooms.get(planId)?.awareness.getStates().values() ?? []) {
      const user = (state as { user?: { participantId?: unknown } }).user;
      if (typeof user?.participantId === 'string') present.add(user.participantId);
    }
    return present;
  }

  /**
   * Closes every open socket of a plan whose context matches (a revoked link, a removed
   * group) with the given code; returns how many were closed.
   */
  private disconnectWhere(
    planId: string,
    match: (context: ConnectionContext) => boolean,
    code: number,
    reason: string,
  ): number {
    const room = this.rooms.get(planId);
    return room ? room.disconnectWhere((connection) => match(connection.context), code, reason) : 0;
  }

  /**
   * Closes the sockets, here and in every other process, that came in through one of
   * `inviteIds` (links just revoked); returns how many were closed here.
   */
  disconnectInvites(planId: string, inviteIds: readonly string[], code: number, reason: string) {
    this.fanOut?.publish(planId, { kind: 'disconnect-invites', inviteIds, code, reason });
    const revoked = new Set(inviteIds);
    return this.disconnectWhere(
      planId,
      (context) => context.inviteId !== null && revoked.has(context.inviteId),
      code,
      reason,
    );
  }

  /**
   * Closes the sockets, here and in every other process, of the participants in
   * `participantIds` (removed from the plan); returns how many were closed here.
   */
  disconnectParticipants(
    planId: string,
    participantIds: readonly string[],
    code: number,
    reason: string,
  ) {
    this.fanOut?.publish(planId, {
      kind: 'disconnect-participants',
      participantIds,
      code,
      reason,
    });
    const removed = new Set(participantIds);
    return this.disconnectWhere(
      planId,
      (context) => context.participantId !== null && removed.has(context.participantId),
      code,
      reason,
    );
  }

  private hearFromOtherProcess(planId: string, message: PlanMessage): void {
    const room = this.rooms.get(planId);
    if (room && !room.isClosed) {
      room.receiveFromOtherProcess(message);
      return;
    }
    this.heardWhileLoading.get(planId)?.push(message);
  }

  /** Messages may have been lost while Redis was away: every open plan reads storage again. */
  private catchUpAfterOutage(): void {
    for (const room of this.rooms.values()) {
      room.catchUp();
      room.greetOtherProcesses();
      // The others may have missed what this process published meanwhile.
      this.fanOut?.publish(room.planId, { kind: 'catch-up' });
    }
  }

  /**
   * Closes every socket, writes every open plan back and stops accepting work; the
   * extensions' `beforeClose` hooks run first and their `afterClose` hooks last.
   */
  async close(): Promise<void> {
    const { extensions } = this.environment;
    await extensions.beforeClose();
    this.shuttingDown = true;
    await Promise.all([...this.loading.values()]);
    await Promise.all(
      [...this.rooms.values()].map((room) =>
        room.shutdown(CloseCode.GOING_AWAY, 'server is restarting'),
      ),
    );
    await extensions.afterClose();
  }

  private openRoom(planId: string): Promise<Room | null> {
    if (this.shuttingDown) return Promise.reject(new Error('the relay is shutting down'));
    const failedAt = this.storageFailedAt.get(planId);
    if (failedAt !== undefined && Date.now() - failedAt < this.options.storageRetryMs) {
      return Promise.reject(
        new StorageFailure(new Error('storage failed moments ago; retrying shortly')),
      );
    }
    const open = this.rooms.get(planId);
    if (open && !open.isClosed) return Promise.resolve(open);
    const pending = this.loading.get(planId);
    if (pending) return pending;
    const load = this.subscribeAndLoad(planId);
    this.loading.set(planId, load);
    const forget = () => this.loading.delete(planId);
    load.then(forget, forget);
    return load;
  }

  /**
   * Loads a plan's room; with other processes, first starts hearing their messages, so
   * that nothing stored after the load is missed, and keeps what arrives meanwhile.
   */
  private async subscribeAndLoad(planId: string): Promise<Room | null> {
    const { fanOut } = this;
    if (!fanOut) {
      const room = await Room.load(planId, this.environment);
      if (room) this.rooms.set(planId, room);
      return room;
    }
    const heard: PlanMessage[] = [];
    this.heardWhileLoading.set(planId, heard);
    try {
      await fanOut.subscribe(planId);
      const room = await Room.load(planId, this.environment);
      if (!room) {
        fanOut.unsubscribe(planId);
        return null;
      }
      this.rooms.set(planId, room);
      // Stored before the load or after it: applying both is harmless, missing one is not.
      for (const message of heard) room.receiveFromOtherProcess(message);
      room.greetOtherProcesses();
      return room;
    } catch (error) {
      fanOut.unsubscribe(planId);
      throw error;
    } finally {
      this.heardWhileLoading.delete(planId);
    }
  }
}
