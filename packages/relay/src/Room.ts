import { CloseCode } from '@plenary/model';
import type * as awarenessProtocol from 'y-protocols/awareness';
import * as Y from 'yjs';
import { ClientUpdates } from './ClientUpdates.ts';
import { Compaction } from './Compaction.ts';
import type { Connection } from './Connection.ts';
import { ClientOwnership } from './clientOwnership.ts';
import { nextTurn } from './eventLoopTurn.ts';
import type { PlanMessage } from './fanOut.ts';
import { savedFrame, syncStep1Frame, syncStep2Frame } from './frames.ts';
import { decodeIncomingFrame, type FrameError, type IncomingFrame } from './incomingFrame.ts';
import { OtherProcesses } from './OtherProcesses.ts';
import { RefusedUpdates } from './RefusedUpdates.ts';
import { RoomDocument, type StoredUpdates } from './RoomDocument.ts';
import type { RoomEnvironment } from './RoomEnvironment.ts';
import { RoomPresence } from './RoomPresence.ts';
import { refuseConnection } from './refuseConnection.ts';
import { StorageFailure } from './roomErrors.ts';
import type { RelayPersistence, UpdateOrigin } from './types.ts';
import { encodeUpdateSince } from './updateSince.ts';
import { WriteQueue } from './WriteQueue.ts';

type StoredPlan = Awaited<ReturnType<RelayPersistence['loadDocument']>>;

/**
 * One open plan: its Y.Doc, its presence and its connections.
 *
 * Everything that reads or changes the document runs through one queue, in arrival
 * order, so that an update is applied, stored and only then broadcast, and an answer
 * to "what am I missing" never contains something that is not stored yet. A client's
 * update does not hold the queue while it is being stored: the next one is applied and
 * joins the same group commit, and every other task first waits until all of them are
 * stored (see `enqueue`).
 */
export class Room {
  /** The live document, what it wrote since last asked, and where it stands in storage. */
  private readonly document = new RoomDocument();
  /** Who is here: the sockets' presence, and the rules it keeps. */
  private readonly presence: RoomPresence;
  /** Checks, applies, stores and sends on what the sockets change. */
  private readonly updates: ClientUpdates;
  /** Takes in what the other processes serving the plan stored and said. */
  private readonly otherProcesses: OtherProcesses;
  /** Folds the plan's stored log into one snapshot. */
  private readonly compaction: Compaction;
  /** Takes back what storage refused as someone else's after the room applied it. */
  private readonly refused: RefusedUpdates;
  /** Runs the room's tasks in order, and stores and sends its updates. */
  private readonly writes: WriteQueue;
  private readonly connections = new Set<Connection>();
  private holds = 0;
  /** Client ids of the server's own changes, one per participant (see `transact`). */
  private readonly serverClients = new Map<string | null, number>();
  private evictTimer: NodeJS.Timeout | null = null;
  private closed = false;

  private constructor(
    readonly planId: string,
    private readonly env: RoomEnvironment,
    private readonly ownership: ClientOwnership,
  ) {
    // What the room's parts share of it; each reads what its own host interface names.
    const host = {
      planId,
      env,
      ownership,
      document: this.document,
      connections: this.connections,
      isClosed: () => this.closed,
      enqueue: <T>(task: () => T | Promise<T>, of?: Connection) => this.enqueue(task, { of }),
      refuse: (connection: Connection, code: number, reason: string, bytes: number) =>
        this.refuse(connection, code, reason, bytes),
      reload: () => this.reload(),
      commit: (update: Uint8Array, sender: Connection | null, origin: UpdateOrigin) =>
        this.commit(update, sender, origin),
      fail: (error: unknown) => this.fail(error),
      disconnectWhere: (match: (connection: Connection) => boolean, code: number, reason: string) =>
        this.disconnectWhere(match, code, reason),
    };
    this.presence = new RoomPresence(host);
    this.updates = new ClientUpdates(host);
    this.otherProcesses = new OtherProcesses({ ...host, presence: this.presence });
    this.compaction = new Compaction(host);
    this.refused = new RefusedUpdates(host);
    this.writes = new WriteQueue({
      ...host,
      takeBackRefused: () => this.refused.takeBack(),
      refuseStored: (sender, update, origin, error) =>
        this.refused.refuse(sender, update, origin, error),
      stored: () => this.otherProcesses.watchForGap(),
      queueCompaction: () => this.compaction.queue(),
    });
  }

  /** Runs `task` in the room's queue (see `WriteQueue#enqueue`). */
  private enqueue<T>(
    task: () => T | Promise<T>,
    options?: { pipelined?: boolean; of?: Connection },
  ): Promise<T> {
    return this.writes.enqueue(task, options);
  }

  /** Stores an applied update, then sends it on (see `WriteQueue#commit`). */
  private commit(update: Uint8Array, sender: Connection | null, origin: UpdateOrigin) {
    return this.writes.commit(update, sender, origin);
  }

  /** Takes in what another process serving this plan says (see `OtherProcesses`). */
  receiveFromOtherProcess(message: PlanMessage): void {
    this.otherProcesses.receive(message);
  }

  /** Tells the other processes who is here, and asks for theirs (a room just opened). */
  greetOtherProcesses(): void {
    this.otherProcesses.greet();
  }

  /** Reads the plan from storage again and sends the sockets what it lacked. */
  catchUp(): void {
    this.otherProcesses.catchUp();
  }

  /** The plan's live document. */
  get doc(): Y.Doc {
    return this.document.doc;
  }

  /** The presence of everyone in the plan, through this process or any other. */
  get awareness(): awarenessProtocol.Awareness {
    return this.presence.awareness;
  }

  /** Loads a plan's room from storage; null when the plan does not exist. */
  static async load(planId: string, env: RoomEnvironment): Promise<Room | null> {
    const stored = await env.persistence.loadDocument(planId);
    if (!stored) return null;
    const room = new Room(planId, env, new ClientOwnership(stored.clientOwners, env.options));
    await room.restore(stored);
    return room;
  }

  /** Makes the stored plan the room's document (see `RoomDocument#restore`). */
  private async restore(stored: StoredUpdates): Promise<void> {
    await this.document.restore(stored);
    this.presence.awareness.doc = this.doc;
  }

  /**
   * Takes back an update that was applied and then refused: everything before it is
   * stored (the queue stores each update before the next task), the refused one never
   * is, so the document is loaded again from storage. Yjs cannot remove what it applied.
   */
  private async reload(): Promise<NonNullable<StoredPlan>> {
    await this.writes.settled();
    let stored: StoredPlan;
    try {
      stored = await this.env.persistence.loadDocument(this.planId);
    } catch (error) {
      throw new StorageFailure(error);
    }
    if (!stored) throw new Error('the plan is no longer in storage');
    await this.restore(stored);
    return stored;
  }

  /** True once the room has stopped serving (evicted, failed or shut down). */
  get isClosed(): boolean {
    return this.closed;
  }

  /** How many sockets are in the room. */
  get connectionCount(): number {
    return this.connections.size;
  }

  /** Adds a connection and starts the sync handshake with it. */
  join(connection: Connection): void {
    this.cancelEviction();
    this.connections.add(connection);
    connection.send(syncStep1Frame(Y.encodeStateVector(this.doc)));
    this.presence.greet(connection);
  }

  /** Removes a connection and its presence; an empty room is evicted after a while. */
  leave(connection: Connection): void {
    if (!this.connections.delete(connection)) return;
    this.presence.remove(connection);
    this.scheduleEvictionIfIdle();
  }

  /** Handles one frame from a connection of this room. */
  receive(connection: Connection, data: Uint8Array): void {
    if (connection.closed || this.closed) return;
    let frame: IncomingFrame;
    try {
      frame = decodeIncomingFrame(data);
    } catch (error) {
      const frameError = error as FrameError;
      this.refuse(
        connection,
        frameError.kind === 'unknown-type'
          ? CloseCode.UNKNOWN_MESSAGE_TYPE
          : CloseCode.MALFORMED_FRAME,
        frameError.message,
        data.byteLength,
      );
      return;
    }
    switch (frame.kind) {
      case 'sync-step-1': {
        const { stateVector } = frame;
        this.enqueue(() => this.answerSync(connection, stateVector), { of: connection }).catch(
          () => undefined,
        );
        return;
      }
      case 'update': {
        const answered = connection.syncAnswered;
        const queued = this.writes.holdsTasksOf(connection);
        // Someone's large update is being applied in pieces: taken in between them.
        if (this.updates.offer(connection, frame.update, answered, queued)) return;
        this.enqueue(() => this.updates.receive(connection, frame.update, answered), {
          pipelined: true,
          of: connection,
        }).catch((error: unknown) => this.fail(error));
        return;
      }
      case 'awareness':
        this.presence.receive(connection, frame.update, data.byteLength);
        return;
      case 'query-awareness':
        this.presence.answerQuery(connection);
        return;
      case 'save-request': {
        const { nonce } = frame;
        // Queued behind every update this socket sent before asking, so the answer
        // means those are stored.
        this.enqueue(() => connection.send(savedFrame(nonce)), { of: connection }).catch(
          () => undefined,
        );
        return;
      }
    }
  }

  /**
   * Runs a change made by the server itself (a REST call) as one Yjs transaction,
   * stored and broadcast like any client's update.
   */
  async transact<T>(change: (doc: Y.Doc) => T, participantId: string | null): Promise<T> {
    this.holds += 1;
    this.cancelEviction();
    try {
      return await this.enqueue(async () => {
        this.document.takeCaptured();
        // Storage credits each Yjs client id to one participant, so the server writes each
        // person's changes (a restore, a decision) under a client id of their own; with
        // one id for all, everything it wrote would read as the first requester's.
        const clientId = this.serverClientFor(participantId);
        const ownClientId = this.doc.clientID;
        this.doc.clientID = clientId;
        let result: T;
        try {
          result = this.doc.transact(() => change(this.doc), this);
        } finally {
          this.doc.clientID = ownClientId;
        }
        const update = this.document.takeCaptured();
        if (update) {
          const origin = { clientIds: [clientId], participantId, owner: null };
          await this.commit(update, null, origin).catch((error) => {
            this.fail(error);
            throw error;
          });
        }
        return result;
      });
    } finally {
      this.holds -= 1;
      this.scheduleEvictionIfIdle();
    }
  }

  /** The Yjs client id the server writes a participant's changes under, while the room lives. */
  private serverClientFor(participantId: string | null): number {
    const known = this.serverClients.get(participantId);
    if (known !== undefined) return known;
    const clientId = this.ownership.newServerClient(this.doc);
    this.serverClients.set(participantId, clientId);
    return clientId;
  }

  /** Closes every connection with `code`, writes the document back and stops. */
  async shutdown(code: number, reason: string): Promise<void> {
    for (const connection of this.connections) connection.close(code, reason);
    this.connections.clear();
    await this.enqueue(() => this.writeBackAndClose()).catch(() => undefined);
  }

  /**
   * Answers "what am I missing": written a few hundred structs at a time, a pass of the
   * event loop apart (see `updateSince.ts`), and sent as one sync step 2. The queue waits
   * for it, so the document does not change while it is written.
   */
  private async answerSync(connection: Connection, stateVector: Uint8Array): Promise<void> {
    const answer = await encodeUpdateSince(this.doc, Y.decodeStateVector(stateVector), nextTurn);
    connection.send(syncStep2Frame(answer));
  }

  /** Closes the connections that match, e.g. every socket of a revoked link. */
  disconnectWhere(
    match: (connection: Connection) => boolean,
    code: number,
    reason: string,
  ): number {
    let closed = 0;
    for (const connection of [...this.connections]) {
      if (!match(connection)) continue;
      connection.close(code, reason);
      this.leave(connection);
      closed += 1;
    }
    return closed;
  }

  /** Closes a socket for a frame it must not send (see `refuseConnection`) and lets it go. */
  private refuse(connection: Connection, code: number, reason: string, bytes: number): void {
    refuseConnection(this.env, connection, code, reason, bytes);
    this.leave(connection);
  }

  /**
   * Storage failed (or something unexpected broke): the in-memory document may now be
   * ahead of what is stored, so it must not serve anyone. Clients keep their changes
   * and resend them when they reconnect to a freshly loaded room.
   */
  private fail(error: unknown): void {
    if (this.closed) return;
    this.env.logger.error({ planId: this.planId, err: error }, 'room failed; closing it');
    this.closed = true;
    const code =
      error instanceof StorageFailure ? CloseCode.STORAGE_UNAVAILABLE : CloseCode.SERVER_ERROR;
    if (error instanceof StorageFailure) this.env.onStorageFailure(this.planId);
    for (const connection of this.connections) {
      connection.close(
        code,
        code === CloseCode.STORAGE_UNAVAILABLE ? 'storage unavailable' : 'server error',
      );
    }
    this.connections.clear();
    this.dispose();
  }

  private scheduleEvictionIfIdle(): void {
    if (this.closed || this.connections.size > 0 || this.holds > 0 || this.evictTimer) return;
    this.evictTimer = setTimeout(() => {
      this.evictTimer = null;
      this.enqueue(async () => {
        if (this.connections.size > 0 || this.holds > 0) return;
        await this.writeBackAndClose();
      }).catch(() => undefined);
    }, this.env.options.idleEvictMs);
    this.evictTimer.unref();
  }

  private cancelEviction(): void {
    if (this.evictTimer) clearTimeout(this.evictTimer);
    this.evictTimer = null;
  }

  private async writeBackAndClose(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    // Forget the room first, so a client arriving now loads a fresh one from storage.
    this.env.onClosed(this);
    if (this.document.logLength > 0) await this.compaction.compact();
    this.dispose();
  }

  private dispose(): void {
    this.closed = true;
    this.cancelEviction();
    this.otherProcesses.stop();
    this.env.onClosed(this);
    this.presence.destroy();
    this.doc.destroy();
  }
}
