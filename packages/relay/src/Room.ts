import { CloseCode } from '@plenary/model';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as Y from 'yjs';
import {
  type AwarenessEntry,
  decodeAwarenessUpdate,
  encodeAwarenessUpdate,
} from './awarenessUpdate.ts';
import { Broadcast } from './Broadcast.ts';
import type { Connection } from './Connection.ts';
import { isClientOwnedElsewhere } from './clientOwner.ts';
import { ClientOwnership, clockRefusal, ownerKeyOf } from './clientOwnership.ts';
import { nextTurn } from './eventLoopTurn.ts';
import type { PlanMessage, RelayFanOut } from './fanOut.ts';
import {
  awarenessFrame,
  savedFrame,
  syncStep1Frame,
  syncStep2Frame,
  updateFrame,
} from './frames.ts';
import { decodeIncomingFrame, type FrameError, type IncomingFrame } from './incomingFrame.ts';
import type { RelayEvents } from './RelayEvents.ts';
import { SeqTracker } from './SeqTracker.ts';
import type {
  RelayLogger,
  RelayOptions,
  RelayPersistence,
  UpdateOrigin,
  UpdatePolicy,
  UpdateReview,
  VouchedPresence,
} from './types.ts';
import { inspectUpdate, isUpdateProblem } from './updateCheck.ts';
import { applyInSteps, SPLIT_ABOVE_BYTES, splitUpdate, type UpdatePieces } from './updatePieces.ts';
import { encodeUpdateSince } from './updateSince.ts';

type DeleteSet = ReturnType<typeof Y.createDeleteSetFromStructStore>;
type StoredPlan = Awaited<ReturnType<RelayPersistence['loadDocument']>>;

/** What a room needs from the relay that owns it. */
export interface RoomEnvironment {
  persistence: RelayPersistence;
  logger: RelayLogger;
  options: RelayOptions;
  events: RelayEvents;
  /** Decides which roots a connection may change; accepts everything when absent. */
  policy: UpdatePolicy | null;
  /** Looks again at an update once applied, before it is stored; none when absent. */
  review: UpdateReview | null;
  /** The other processes serving plans, or null when this one serves them all. */
  fanOut: RelayFanOut | null;
  /** Called once when the room stops serving, so the relay forgets it. */
  onClosed(room: Room): void;
  /** Called when storage refused a write, so the relay can hold off reloading the plan. */
  onStorageFailure(planId: string): void;
}

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
  // Replaced by the stored plan as it is loaded, and again to take back an update refused
  // after it was applied (see `restore`, `reload`).
  private current = new Y.Doc();
  readonly awareness = new awarenessProtocol.Awareness(this.current);
  private readonly connections = new Set<Connection>();
  private tail: Promise<unknown> = Promise.resolve();
  /** Settles once every update committed so far is stored and sent (or failed the room). */
  private durable: Promise<void> = Promise.resolve();
  /** Settles once every update committed so far is stored (or failed the room). */
  private storedInOrder: Promise<void> = Promise.resolve();
  /** Sends stored updates to the sockets, those ready together as one (see Broadcast). */
  private readonly broadcast = new Broadcast(() => this.connections);
  private compactionQueued = false;
  private captured: Uint8Array | null = null;
  private holds = 0;
  /** Client ids of the server's own changes, one per participant (see `transact`). */
  private readonly serverClients = new Map<string | null, number>();
  private evictTimer: NodeJS.Timeout | null = null;
  private closed = false;
  /** Which stored updates the document holds; compaction folds no further. */
  private seqs = new SeqTracker(0);
  private logLength = 0;
  /** Until when another process holds the turn to compact this plan. */
  private compactionLeftUntil = 0;
  /** Set while a gap in the seqs heard from other processes waits to close by itself. */
  private gapTimer: NodeJS.Timeout | null = null;
  /**
   * Sockets whose new presence id is being claimed in storage, with the latest presence
   * they sent meanwhile (null: none yet); it is shown once storage says the id is theirs.
   */
  private readonly presenceOnHold = new Map<Connection, Uint8Array | null>();
  /**
   * Client ids of applied updates that storage refused as someone else's, waiting to be
   * taken back out of the document by the next task of the queue (see `takeBackRefused`).
   */
  private readonly refusedClients = new Set<number>();

  private constructor(
    readonly planId: string,
    private readonly env: RoomEnvironment,
    private readonly ownership: ClientOwnership,
  ) {
    // The server has no presence of its own.
    this.awareness.setLocalState(null);
    this.current.on('update', this.capture);
    this.awareness.on('update', this.onAwarenessUpdate);
  }

  /** The plan's live document. */
  get doc(): Y.Doc {
    return this.current;
  }

  private readonly capture = (update: Uint8Array): void => {
    this.captured = this.captured ? Y.mergeUpdates([this.captured, update]) : update;
  };

  /** Loads a plan's room from storage; null when the plan does not exist. */
  static async load(planId: string, env: RoomEnvironment): Promise<Room | null> {
    const stored = await env.persistence.loadDocument(planId);
    if (!stored) return null;
    const room = new Room(planId, env, new ClientOwnership(stored.clientOwners, env.options));
    await room.restore(stored);
    return room;
  }

  /**
   * Makes the stored plan the room's document. It is built apart, in steps a pass of the
   * event loop apart (a large plan is otherwise one long piece of work), and only then
   * put in place: meanwhile the old document still answers whatever does not wait for
   * the queue (a presence claim must not find a client id the plan has missing). Nothing
   * listens to it while it is built, so Yjs encodes no update of the whole plan.
   */
  private async restore(stored: {
    updates: Uint8Array[];
    lastSeq: number;
    logLength: number;
  }): Promise<void> {
    const doc = new Y.Doc();
    for (const update of stored.updates) await applyInSteps(doc, update, nextTurn);
    this.capturing(false);
    this.current = doc;
    this.capturing(true);
    this.awareness.doc = doc;
    this.captured = null;
    this.seqs.holdThrough(stored.lastSeq);
    this.logLength = stored.logLength;
  }

  /**
   * Takes back an update that was applied and then refused: everything before it is
   * stored (the queue stores each update before the next task), the refused one never
   * is, so the document is loaded again from storage. Yjs cannot remove what it applied.
   */
  private async reload(): Promise<NonNullable<StoredPlan>> {
    await this.durable;
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

  /**
   * Takes back the updates storage refused because a client id they carry belongs to
   * someone else (see `refuseStored`), before the queue's next task sees the document.
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
  private async takeBackRefused(): Promise<void> {
    if (this.refusedClients.size === 0) return;
    const refused = new Set(this.refusedClients);
    this.refusedClients.clear();
    // What the sockets were sent: the document as it is, less the refused ids.
    const sent = Y.decodeStateVector(Y.encodeStateVector(this.doc));
    for (const clientId of refused) sent.delete(clientId);
    const stored = await this.reload();
    for (const { clientId, owner } of stored.clientOwners) {
      if (refused.has(clientId)) this.ownership.settle(clientId, owner);
    }
    const missing = await encodeUpdateSince(this.doc, sent, nextTurn);
    const frame = updateFrame(missing);
    for (const connection of this.connections) connection.send(frame);
  }

  /**
   * Whether the document's updates are captured (to store and send them). Off, Yjs
   * encodes no update for a transaction at all, which is most of applying a large one.
   */
  private capturing(on: boolean): void {
    if (on) this.current.on('update', this.capture);
    else this.current.off('update', this.capture);
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
    const present = [...this.awareness.getStates().keys()];
    if (present.length > 0) {
      connection.send(
        awarenessFrame(awarenessProtocol.encodeAwarenessUpdate(this.awareness, present)),
      );
    }
  }

  /** Removes a connection and its presence; an empty room is evicted after a while. */
  leave(connection: Connection): void {
    if (!this.connections.delete(connection)) return;
    if (connection.awarenessIds.size > 0) {
      awarenessProtocol.removeAwarenessStates(this.awareness, [...connection.awarenessIds], null);
    }
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
        this.enqueue(() => this.answerSync(connection, stateVector)).catch(() => undefined);
        return;
      }
      case 'update': {
        const answered = connection.syncAnswered;
        this.enqueue(() => this.receiveUpdate(connection, frame.update, answered), {
          pipelined: true,
        }).catch((error: unknown) => this.fail(error));
        return;
      }
      case 'awareness':
        this.applyAwareness(connection, frame.update, data.byteLength);
        return;
      case 'query-awareness':
        connection.send(
          awarenessFrame(
            awarenessProtocol.encodeAwarenessUpdate(this.awareness, [
              ...this.awareness.getStates().keys(),
            ]),
          ),
        );
        return;
      case 'save-request': {
        const { nonce } = frame;
        // Queued behind every update this socket sent before asking, so the answer
        // means those are stored.
        this.enqueue(() => connection.send(savedFrame(nonce))).catch(() => undefined);
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
        this.captured = null;
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
        const update = this.takeCaptured();
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
   * Runs `task` after every task queued before it. Unless `pipelined` (a client's update,
   * whose storing the queue does not wait for), it also waits until every update
   * committed before it is stored, so that it sees and answers only what is stored.
   */
  private enqueue<T>(
    task: () => T | Promise<T>,
    { pipelined }: { pipelined: boolean } = { pipelined: false },
  ): Promise<T> {
    const run = this.tail.then(nextTurn).then(async () => {
      if (!pipelined) await this.durable;
      if (this.closed) throw new Error('room is closed');
      await this.takeBackRefused().catch((error: unknown) => {
        this.fail(error);
        throw error;
      });
      return task();
    });
    this.tail = run.catch(() => undefined);
    return run;
  }

  private takeCaptured(): Uint8Array | null {
    const update = this.captured;
    this.captured = null;
    return update;
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

  /**
   * Takes a client's update. A large one (a reconnecting client's answer can carry
   * thousands of changes) is checked and applied in pieces of a few milliseconds' work
   * each, with a pass of the event loop between them so other plans and sockets are
   * served meanwhile (see `updatePieces.ts`); the room's queue waits for the last piece,
   * so no other change to this plan comes in between. It is stored and sent on as one
   * update: a client that saw part of it could take it for malformed (the web editor
   * deletes a list item whose paragraph has not arrived). An update from someone who
   * must suggest is judged as one once all its pieces are applied, in steps too.
   */
  private async receiveUpdate(
    connection: Connection,
    update: Uint8Array,
    answered: boolean,
  ): Promise<void> {
    const crowded = this.ownership.crowdedUpdate(update, this.doc);
    const pieces =
      crowded === null && update.byteLength > SPLIT_ABOVE_BYTES
        ? await splitUpdate(update, nextTurn)
        : null;
    if (pieces) await this.applyInPieces(connection, pieces, answered, update.byteLength);
    else await this.applyClientUpdate(connection, update, answered);
  }

  /**
   * Checks and applies the pieces of an update one by one, reading each section for the
   * review (when the sender must suggest) before the first piece that touches it and
   * judging them once all are applied; then stores and sends on what the whole brought.
   * Refused at any point, what was applied is taken back.
   */
  private async applyInPieces(
    connection: Connection,
    pieces: UpdatePieces,
    answered: boolean,
    bytes: number,
  ): Promise<void> {
    const before = Y.encodeStateVector(this.doc);
    const owner = ownerKeyOf(connection.context);
    const clientIds = new Set<number>();
    const touchedRoots = new Set<string>();
    let applied = false;
    const reviews: NonNullable<ReturnType<UpdateReview>>[] = [];
    // What the pieces' transactions deleted, as Yjs writes it in the update of each.
    const deleted: DeleteSet[] = [];
    const noteDeletions = (transaction: Y.Transaction) => {
      deleted.push(transaction.deleteSet);
    };
    // Applied pieces are not stored on their own; what the whole brought is stored below.
    this.capturing(false);
    this.doc.on('afterTransaction', noteDeletions);
    try {
      for (let piece = pieces.next(this.doc); piece; piece = pieces.next(this.doc)) {
        // A sender gone before the first piece is dropped, as a whole update would be.
        // Once under way, the update is finished (each piece still checked): taking it back
        // means loading the plan again, and a flooder closed for its next frames would
        // make the room do that on every reconnect answer.
        const checked =
          connection.closed && !applied
            ? null
            : this.checkClientUpdate(connection, piece, answered);
        if (checked === null) {
          // Take back what was applied: storage never saw it.
          if (applied) await this.reload();
          return;
        }
        // A section is read for the review before the first piece that touches it.
        const unreviewed = [...checked.touchedRoots].filter((root) => !touchedRoots.has(root));
        const review =
          unreviewed.length > 0
            ? this.env.review?.(connection.context, new Set(unreviewed), this.doc)
            : null;
        if (review) reviews.push(review);
        Y.applyUpdate(this.doc, piece, connection);
        applied = true;
        this.ownership.record(owner, checked.claims);
        for (const id of checked.clientIds) clientIds.add(id);
        for (const root of checked.touchedRoots) touchedRoots.add(root);
        const wait = nextTurn();
        if (wait) await wait;
      }
      // A suggester's update is judged whole once all of it is applied, in steps.
      for (const review of reviews) {
        const problem = await review(nextTurn);
        if (problem) {
          this.refuse(connection, CloseCode.FORBIDDEN, problem, bytes);
          await this.reload();
          return;
        }
      }
    } finally {
      this.doc.off('afterTransaction', noteDeletions);
      this.capturing(true);
      this.captured = null;
    }
    // Nothing new (a reconnect resending what the server has) needs no storing.
    if (clientIds.size === 0 && touchedRoots.size === 0) return;
    // Written from the document, as Yjs would have: what the server had is left out, and
    // runs of structs are merged (20,000 one-clock GC structs are stored as one).
    const brought = await encodeUpdateSince(this.doc, Y.decodeStateVector(before), nextTurn, {
      deletions: Y.mergeDeleteSets(deleted),
    });
    const { participantId } = connection.context;
    this.storeAndSend(
      brought,
      connection,
      { clientIds: [...clientIds], participantId, owner, sender: connection },
      touchedRoots,
    );
  }

  /**
   * Stores and sends on a client's applied update without holding the queue: the next
   * updates are applied meanwhile and join the same group commit (see `commit`).
   */
  private storeAndSend(
    update: Uint8Array,
    sender: Connection,
    origin: UpdateOrigin,
    touchedRoots: ReadonlySet<string>,
  ): void {
    this.commit(update, sender, origin)
      .then(() =>
        this.env.events.onClientUpdate?.({
          planId: this.planId,
          touchedRoots,
          update,
          participantId: origin.participantId,
        }),
      )
      .catch((error: unknown) => {
        if (!(error instanceof RefusedUpdate)) this.fail(error);
      });
  }

  /**
   * Storage refused an applied update of `sender`: one of its client ids belongs to
   * someone else, whose socket on another process claimed it before this room heard of
   * the claim. A refused update, not a storage failure: the sender is closed, as the
   * room's own ownership check would have, and the next task of the queue (one is queued
   * here, should none come) takes the update back out of the document first, so none
   * sees or sends it. Everyone else stays connected.
   */
  private refuseStored(sender: Connection, update: Uint8Array, origin: UpdateOrigin, error: Error) {
    this.refuse(sender, CloseCode.FORBIDDEN, error.message, update.byteLength);
    for (const clientId of origin.clientIds) this.refusedClients.add(clientId);
    this.enqueue(() => undefined).catch(() => undefined);
  }

  /**
   * The checks every update passes before it is applied (see `applyClientUpdate`); null
   * when it was refused (the socket is closed, or will be unless its sync answer comes).
   */
  private checkClientUpdate(
    connection: Connection,
    update: Uint8Array,
    answered: boolean,
  ): { clientIds: number[]; touchedRoots: Set<string>; claims: number[] } | null {
    const crowded = this.ownership.crowdedUpdate(update, this.doc);
    if (crowded) {
      this.refuse(connection, CloseCode.FORBIDDEN, crowded, update.byteLength);
      return null;
    }
    const inspection = inspectUpdate(this.doc, update);
    if (isUpdateProblem(inspection)) {
      // Sent before the client's sync answer, which will carry it (see `syncAnswered`).
      if (inspection.missing && !answered) {
        const { reason } = inspection;
        connection.awaitAnswer(() =>
          this.refuse(connection, CloseCode.UPDATE_DOES_NOT_APPLY, reason, update.byteLength),
        );
        return null;
      }
      this.refuse(
        connection,
        CloseCode.UPDATE_DOES_NOT_APPLY,
        inspection.reason,
        update.byteLength,
      );
      return null;
    }
    const { clientIds, touchedRoots, highestClock } = inspection;
    // Nothing new (a reconnect resending what the server has) is no change to allow.
    const bringsNew = clientIds.length > 0 || touchedRoots.size > 0;
    const ownership = this.ownership.check(ownerKeyOf(connection.context), clientIds, this.doc);
    const refusal =
      (bringsNew ? this.env.policy?.(connection.context, touchedRoots, this.doc) : null) ??
      ownership.refusal ??
      clockRefusal(highestClock);
    if (refusal) {
      this.refuse(connection, CloseCode.FORBIDDEN, refusal, update.byteLength);
      return null;
    }
    return { clientIds, touchedRoots, claims: ownership.claims };
  }

  /** Checks, applies, stores and sends on one update. */
  private async applyClientUpdate(
    connection: Connection,
    update: Uint8Array,
    answered = true,
  ): Promise<void> {
    if (connection.closed) return;
    const checked = this.checkClientUpdate(connection, update, answered);
    if (!checked) return;
    const { clientIds, touchedRoots, claims } = checked;
    const owner = ownerKeyOf(connection.context);
    const review = this.env.review?.(connection.context, touchedRoots, this.doc) ?? null;
    this.captured = null;
    Y.applyUpdate(this.doc, update, connection);
    const applied = this.takeCaptured();
    // Judged in steps a pass of the event loop apart (the queue waits meanwhile).
    const problem = applied && review ? await review(nextTurn) : null;
    if (problem) {
      this.refuse(connection, CloseCode.FORBIDDEN, problem, update.byteLength);
      await this.reload();
      return;
    }
    // Claimed now, before storing, so no presence frame meanwhile takes these ids; should
    // storing fail, the room closes and forgets them.
    this.ownership.record(owner, claims);
    // Nothing new (a reconnect resending what the server has) needs no storing.
    if (!applied) return;
    const { participantId } = connection.context;
    const origin = { clientIds, participantId, owner, sender: connection };
    this.storeAndSend(applied, connection, origin, touchedRoots);
  }

  /**
   * Stores an applied update, then sends it to everyone but its sender; resolves once
   * both are done. Storing starts at once; sending waits for the updates committed
   * before it, so peers get updates in the order they were applied, each once stored.
   */
  private commit(
    update: Uint8Array,
    sender: Connection | null,
    origin: UpdateOrigin,
  ): Promise<void> {
    const { participantId } = origin;
    const appended = this.env.persistence.appendUpdate(this.planId, update, origin);
    const stored = Promise.all([this.storedInOrder, appended]).then(
      ([, stored]) => {
        this.seqs.note(stored.seq);
        this.watchForGap();
        this.logLength = stored.logLength;
        // Stored first, so another process that hears of it can always read it back.
        this.env.fanOut?.publish(this.planId, {
          kind: 'update',
          seq: stored.seq,
          update,
          claims: origin.clientIds,
          owner: origin.owner,
        });
      },
      (error: unknown) => {
        // Here, before `durable` settles, so that no task waiting for it runs first. The
        // server's own change (no sender) writes under a new random id of its own; refused,
        // that id collided with one claimed elsewhere, and the room fails as it did before.
        if (sender && isClientOwnedElsewhere(error)) {
          this.refuseStored(sender, update, origin, error);
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
      this.env.events.onUpdateStored?.({
        planId: this.planId,
        bytes: update.byteLength,
        participantId,
      });
      if (this.logLength >= this.env.options.compactAfterUpdates) this.queueCompaction();
    });
    this.durable = delivered.catch(() => undefined);
    return delivered;
  }

  /** Compacts once every update committed by then is stored, as a task of its own. */
  private queueCompaction(): void {
    if (this.compactionQueued) return;
    this.compactionQueued = true;
    this.enqueue(() => {
      this.compactionQueued = false;
      return this.compact();
    }).catch(() => undefined);
  }

  private async compact(): Promise<void> {
    try {
      // Processes sharing the plan take turns: one compacts, the others leave it be (and
      // do not ask again on every update until that one's turn is over).
      const { fanOut } = this.env;
      if (fanOut) {
        if (Date.now() < this.compactionLeftUntil) return;
        if (!(await fanOut.claim(`compact:${this.planId}`, COMPACTION_CLAIM_MS))) {
          this.compactionLeftUntil = Date.now() + COMPACTION_CLAIM_MS;
          return;
        }
      }
      // Written in steps, as a sync answer is (the queue holds the document meanwhile):
      // the whole plan in one `encodeStateAsUpdate` held every other plan.
      const snapshot = await encodeUpdateSince(this.doc, new Map(), nextTurn);
      await this.env.persistence.compact(this.planId, snapshot, this.seqs.through);
      this.logLength = 0;
    } catch (error) {
      // The log is still complete; compaction is retried after the next update.
      this.env.logger.warn({ planId: this.planId, err: error }, 'compaction failed');
    }
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

  private applyAwareness(connection: Connection, update: Uint8Array, bytes: number): void {
    let entries: AwarenessEntry[];
    try {
      entries = decodeAwarenessUpdate(update);
    } catch (error) {
      this.refuse(
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
        [...this.connections].some(
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
    if (this.presenceOnHold.has(connection)) {
      this.presenceOnHold.set(connection, presence);
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
    const binding = this.ownership.bindPresence(owner, clientId, this.doc);
    if (binding === 'claimed') {
      const { participantId } = connection.context;
      const origin = { clientIds: [clientId], participantId, owner };
      this.presenceOnHold.set(connection, null);
      // Queued, so it is stored before any update this socket sends next.
      this.enqueue(async () => {
        const [stored] = await this.env.persistence.claimClients(this.planId, origin);
        const held = this.presenceOnHold.get(connection) ?? null;
        this.presenceOnHold.delete(connection);
        if (stored && stored.owner !== owner) {
          this.ownership.settle(clientId, stored.owner);
          if (connection.awarenessClientId === clientId) connection.awarenessClientId = null;
          return;
        }
        this.env.fanOut?.publish(this.planId, { kind: 'claim', claims: [clientId], owner });
        if (held && !connection.closed) {
          awarenessProtocol.applyAwarenessUpdate(this.awareness, held, connection);
        }
      }).catch((error: unknown) => {
        this.presenceOnHold.delete(connection);
        this.env.logger.warn({ planId: this.planId, err: error }, 'could not store a claim');
      });
    }
    return binding !== 'refused';
  }

  private readonly onAwarenessUpdate = (
    change: { added: number[]; updated: number[]; removed: number[] },
    origin: unknown,
  ): void => {
    const changed = [...change.added, ...change.updated, ...change.removed];
    if (origin && this.connections.has(origin as Connection)) {
      const connection = origin as Connection;
      for (const id of [...change.added, ...change.updated]) connection.awarenessIds.add(id);
      for (const id of change.removed) connection.awarenessIds.delete(id);
    }
    // Sent to the sender too: a lone client hears its own renewals and knows the
    // connection is alive (the stock client reconnects after 30 s of silence).
    const update = awarenessProtocol.encodeAwarenessUpdate(this.awareness, changed);
    const frame = awarenessFrame(update);
    for (const connection of this.connections) connection.send(frame);
    // What this process's sockets said, not what it heard from the others.
    if (origin !== FROM_OTHER_PROCESS) {
      this.env.fanOut?.publish(this.planId, { kind: 'awareness', update });
    }
  };

  /**
   * Takes in what another process serving this plan says: its stored updates and its
   * sockets' presence go to this room's sockets, as if they had come from here.
   */
  receiveFromOtherProcess(message: PlanMessage): void {
    if (this.closed) return;
    switch (message.kind) {
      case 'update':
        this.enqueue(() => {
          this.ownership.learn(message.owner, message.claims, this.doc);
          this.applyStored(message.update);
          this.seqs.note(message.seq);
          this.watchForGap();
        }).catch((error: unknown) => this.fail(error));
        return;
      case 'claim':
        this.ownership.learn(message.owner, message.claims, this.doc);
        return;
      case 'awareness':
        awarenessProtocol.applyAwarenessUpdate(this.awareness, message.update, FROM_OTHER_PROCESS);
        return;
      case 'awareness-query':
        this.publishOwnPresence();
        return;
      case 'catch-up':
        this.catchUp();
        return;
      case 'disconnect-invites': {
        const inviteIds = new Set(message.inviteIds);
        this.disconnectWhere(
          (connection) =>
            connection.context.inviteId !== null && inviteIds.has(connection.context.inviteId),
          message.code,
          message.reason,
        );
        return;
      }
      case 'disconnect-participants': {
        const participantIds = new Set(message.participantIds);
        this.disconnectWhere(
          (connection) =>
            connection.context.participantId !== null &&
            participantIds.has(connection.context.participantId),
          message.code,
          message.reason,
        );
        return;
      }
    }
  }

  /** Tells the other processes who is here, and asks for theirs (a room just opened). */
  greetOtherProcesses(): void {
    this.publishOwnPresence();
    this.env.fanOut?.publish(this.planId, { kind: 'awareness-query' });
  }

  private publishOwnPresence(): void {
    const own = [...this.connections].flatMap((connection) => [...connection.awarenessIds]);
    if (own.length === 0) return;
    const update = awarenessProtocol.encodeAwarenessUpdate(this.awareness, own);
    this.env.fanOut?.publish(this.planId, { kind: 'awareness', update });
  }

  /**
   * Reads the plan from storage again and sends this room's sockets what it lacked: for
   * messages from other processes that were lost (Redis away) or are overdue.
   */
  catchUp(): void {
    this.enqueue(async () => {
      let stored: Awaited<ReturnType<RelayPersistence['loadDocument']>>;
      try {
        stored = await this.env.persistence.loadDocument(this.planId);
      } catch (error) {
        throw new StorageFailure(error);
      }
      if (!stored) return;
      for (const { clientId, owner } of stored.clientOwners) {
        this.ownership.learn(owner, [clientId], this.doc);
      }
      this.applyStored(Y.mergeUpdates(stored.updates));
      this.seqs.holdThrough(stored.lastSeq);
      this.logLength = stored.logLength;
    }).catch((error: unknown) => this.fail(error));
  }

  /** Applies an update that is already stored and sends this room's sockets what was new. */
  private applyStored(update: Uint8Array): void {
    this.captured = null;
    Y.applyUpdate(this.doc, update, FROM_OTHER_PROCESS);
    const applied = this.takeCaptured();
    if (!applied) return;
    const frame = updateFrame(applied);
    for (const connection of this.connections) connection.send(frame);
  }

  /** Reads from storage when a gap in the seqs heard has not closed after a while. */
  private watchForGap(): void {
    if (!this.seqs.hasGap || this.gapTimer) return;
    this.gapTimer = setTimeout(() => {
      this.gapTimer = null;
      if (this.seqs.hasGap) this.catchUp();
    }, GAP_WAIT_MS);
    this.gapTimer.unref();
  }

  private refuse(connection: Connection, code: number, reason: string, bytes: number): void {
    this.env.logger.warn(
      {
        planId: this.planId,
        participantId: connection.context.participantId,
        role: connection.context.actor.role,
        code,
        reason,
        bytes,
      },
      'refused a frame and closed its socket',
    );
    this.env.events.onRefusal?.({ planId: this.planId, code, reason });
    connection.close(code, reason.slice(0, 120));
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
    if (this.logLength > 0) await this.compact();
    this.dispose();
  }

  private dispose(): void {
    this.closed = true;
    this.cancelEviction();
    if (this.gapTimer) clearTimeout(this.gapTimer);
    this.env.onClosed(this);
    this.awareness.off('update', this.onAwarenessUpdate);
    this.awareness.destroy();
    this.doc.destroy();
  }
}

/** The origin of what another process stored or said, so it is not published back. */
const FROM_OTHER_PROCESS = Symbol('from another process');

/** How long one process holds the right to compact a plan before another may. */
const COMPACTION_CLAIM_MS = 10_000;

/**
 * How long an update from another process may stay missing while later ones arrived
 * (their messages cross in Redis) before the room reads the plan from storage.
 */
const GAP_WAIT_MS = 1_000;

/** Storage refused to append an update; the room cannot go on serving. */
export class StorageFailure extends Error {
  constructor(override readonly cause: unknown) {
    super(`storage refused an update: ${cause instanceof Error ? cause.message : String(cause)}`);
    this.name = 'StorageFailure';
  }
}

/** Storage refused a client's update as someone else's; the room took it back. */
class RefusedUpdate extends Error {
  constructor(override readonly cause: Error) {
    super(`storage refused an update: ${cause.message}`);
    this.name = 'RefusedUpdate';
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
