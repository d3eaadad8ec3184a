import { CloseCode } from '@plenary/model';
import type * as Y from 'yjs';
import { Connection } from './Connection.ts';
import { MAX_CLIENTS_PER_OWNER, MAX_NEW_CLIENTS_PER_UPDATE } from './clientOwnership.ts';
import type { RelayEvents } from './RelayEvents.ts';
import { Room, type RoomEnvironment, StorageFailure } from './Room.ts';
import type {
  ConnectionContext,
  RelayLogger,
  RelayOptions,
  RelayPersistence,
  RelaySocket,
  UpdatePolicy,
  UpdateReview,
} from './types.ts';

/** The relay's defaults: 8 MiB frames, compaction every 500 updates, 5 s idle rooms and storage pauses. */
export const DEFAULT_RELAY_OPTIONS: RelayOptions = {
  maxFrameBytes: 8 * 1024 * 1024,
  compactAfterUpdates: 500,
  idleEvictMs: 5_000,
  storageRetryMs: 5_000,
  maxNewClientsPerUpdate: MAX_NEW_CLIENTS_PER_UPDATE,
  maxClientsPerOwner: MAX_CLIENTS_PER_OWNER,
};

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
export class Relay {
  private readonly rooms = new Map<string, Room>();
  private readonly loading = new Map<string, Promise<Room | null>>();
  private readonly storageFailedAt = new Map<string, number>();
  private readonly options: RelayOptions;
  private readonly environment: RoomEnvironment;
  private shuttingDown = false;

  constructor(deps: {
    persistence: RelayPersistence;
    logger: RelayLogger;
    options?: Partial<RelayOptions>;
    events?: RelayEvents;
    policy?: UpdatePolicy;
    review?: UpdateReview;
  }) {
    this.options = { ...DEFAULT_RELAY_OPTIONS, ...deps.options };
    this.environment = {
      persistence: deps.persistence,
      logger: deps.logger,
      options: this.options,
      events: deps.events ?? {},
      policy: deps.policy ?? null,
      review: deps.review ?? null,
      onClosed: (room) => {
        if (this.rooms.get(room.planId) === room) this.rooms.delete(room.planId);
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
   */
  connect(planId: string, socket: RelaySocket, context: ConnectionContext): RelayConnection {
    const connection = new Connection(planId, socket, context);
    let room: Room | null = null;
    const early: Uint8Array[] = [];
    const { logger } = this.environment;
    this.openRoom(planId).then(
      (opened) => {
        if (connection.closed) return;
        if (!opened) {
          logger.warn(
            { planId, code: CloseCode.UNKNOWN_PLAN },
            'refused a socket for an unknown plan',
          );
          this.environment.events.onRefusal?.({
            planId,
            code: CloseCode.UNKNOWN_PLAN,
            reason: 'unknown plan',
          });
          connection.close(CloseCode.UNKNOWN_PLAN, 'no plan has this id');
          return;
        }
        room = opened;
        room.join(connection);
        for (const data of early.splice(0)) room.receive(connection, data);
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
    return {
      receive: (data) => {
        if (connection.closed) return;
        if (data.byteLength > this.options.maxFrameBytes) {
          const reason = `frame of ${data.byteLength} bytes exceeds the limit of ${this.options.maxFrameBytes}`;
          logger.warn(
            {
              planId,
              participantId: context.participantId,
              role: context.actor.role,
              code: CloseCode.FRAME_TOO_LARGE,
              bytes: data.byteLength,
            },
            'refused a frame and closed its socket',
          );
          this.environment.events.onRefusal?.({ planId, code: CloseCode.FRAME_TOO_LARGE, reason });
          connection.close(CloseCode.FRAME_TOO_LARGE, reason);
          room?.leave(connection);
          return;
        }
        if (room) room.receive(connection, data);
        else early.push(data);
      },
      disconnect: () => {
        connection.markClosed();
        room?.leave(connection);
      },
    };
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
   * Closes every open socket of a plan whose context matches (a revoked link, a removed
   * group) with the given code; returns how many were closed.
   */
  disconnectWhere(
    planId: string,
    match: (context: ConnectionContext) => boolean,
    code: number,
    reason: string,
  ): number {
    const room = this.rooms.get(planId);
    return room ? room.disconnectWhere((connection) => match(connection.context), code, reason) : 0;
  }

  /** Closes every socket, writes every open plan back and stops accepting work. */
  async close(): Promise<void> {
    this.shuttingDown = true;
    await Promise.all([...this.loading.values()]);
    await Promise.all(
      [...this.rooms.values()].map((room) =>
        room.shutdown(CloseCode.GOING_AWAY, 'server is restarting'),
      ),
    );
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
    const load = Room.load(planId, this.environment).then((room) => {
      if (room) this.rooms.set(planId, room);
      return room;
    });
    this.loading.set(planId, load);
    const forget = () => this.loading.delete(planId);
    load.then(forget, forget);
    return load;
  }
}
