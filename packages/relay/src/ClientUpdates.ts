import { addClockRange, CloseCode, type UpdateClocks, updateClocksOf } from '@plenary/model';
import * as Y from 'yjs';
import { BetweenPieces } from './BetweenPieces.ts';
import type { Connection } from './Connection.ts';
import { type ClientOwnership, clockRefusal, ownerKeyOf } from './clientOwnership.ts';
import { nextTurn } from './eventLoopTurn.ts';
import type { ReviewCheck, UpdateCheck } from './RelayExtension.ts';
import { clocksOf, type RoomDocument } from './RoomDocument.ts';
import type { RoomEnvironment } from './RoomEnvironment.ts';
import { RefusedUpdate } from './roomErrors.ts';
import type { UpdateOrigin } from './types.ts';
import { inspectUpdate, isUpdateProblem } from './updateCheck.ts';
import { SPLIT_ABOVE_BYTES, splitUpdate, type UpdatePieces } from './updatePieces.ts';
import { encodeUpdateSince } from './updateSince.ts';

type DeleteSet = ReturnType<typeof Y.createDeleteSetFromStructStore>;

/** What taking in the sockets' updates needs from their room. */
export interface UpdateHost {
  readonly planId: string;
  readonly env: Pick<RoomEnvironment, 'extensions'>;
  /** Who owns which Yjs client id: an update may write only under ids its sender holds. */
  readonly ownership: ClientOwnership;
  /** The plan's live document and what it wrote since last asked. */
  readonly document: RoomDocument;
  /** Closes a socket with a named code for a frame it must not send. */
  refuse(connection: Connection, code: number, reason: string, bytes: number): void;
  /** Loads the document again from storage, taking back what was applied and not stored. */
  reload(): Promise<unknown>;
  /** Stores an applied update, then sends it on (see `Room#commit`). */
  commit(update: Uint8Array, sender: Connection | null, origin: UpdateOrigin): Promise<void>;
  /** Closes the room: something it cannot recover from broke. */
  fail(error: unknown): void;
}

/**
 * Takes in the updates a room's sockets send, one at a time in the room's queue: checks
 * each (ownership of its client ids, the extensions' rules), applies it, in pieces when
 * large, and has it stored and sent on without holding the queue.
 */
export class ClientUpdates {
  /** Other sockets' small updates taken in between the pieces of the large one under way. */
  private between: BetweenPieces | null = null;

  constructor(private readonly host: UpdateHost) {}

  /**
   * Takes a small update of another socket in between the pieces of the large update
   * under way, instead of after all of them (see `BetweenPieces`); false when there is
   * none, or the update must wait in the room's queue. `queued`: whether the socket has a
   * task in the room's queue.
   */
  offer(connection: Connection, update: Uint8Array, answered: boolean, queued: boolean): boolean {
    return this.between?.offer(connection, update, answered, queued) ?? false;
  }

  /**
   * Takes a client's update. A large one (a reconnecting client's answer can carry
   * thousands of changes) is checked and applied in pieces of a few milliseconds' work
   * each, with a pass of the event loop between them so other plans and sockets are
   * served meanwhile (see `updatePieces.ts`); the room's queue waits for the last piece,
   * so nothing queued comes in between, only other sockets' small updates that cannot
   * interfere with it (see `BetweenPieces`). It is stored and sent on as one update: a
   * client that saw part of it could take it for malformed (the web editor deletes a
   * list item whose paragraph has not arrived). An update from someone who must suggest
   * is judged as one once all its pieces are applied, in steps too.
   */
  async receive(connection: Connection, update: Uint8Array, answered: boolean): Promise<void> {
    const crowded = this.host.ownership.crowdedUpdate(update, this.host.document.doc);
    if (crowded !== null || update.byteLength <= SPLIT_ABOVE_BYTES) {
      await this.applyClientUpdate(connection, update, answered);
      return;
    }
    const between = new BetweenPieces(connection);
    this.between = between;
    try {
      const pieces = await splitUpdate(update, nextTurn);
      if (pieces)
        await this.applyInPieces(connection, pieces, answered, update.byteLength, between);
      else await this.applyClientUpdate(connection, update, answered);
    } finally {
      this.between = null;
    }
    // Before anything queued after the large update, in the order they came.
    for (const { connection: sender, update: small, answered: ready } of between.close()) {
      await this.applyClientUpdate(sender, small, ready);
    }
  }

  /**
   * Checks and applies the pieces of an update one by one, reading each section for the
   * extensions' second look before the first piece that touches it and judging them once
   * all are applied; then stores and sends on what the whole brought. Refused at any
   * point, what was applied is taken back.
   */
  private async applyInPieces(
    connection: Connection,
    pieces: UpdatePieces,
    answered: boolean,
    bytes: number,
    between: BetweenPieces,
  ): Promise<void> {
    const before = Y.encodeStateVector(this.host.document.doc);
    const owner = ownerKeyOf(connection.context);
    const clientIds = new Set<number>();
    const touchedRoots = new Set<string>();
    let applied = false;
    const reviews: ReviewCheck[] = [];
    // What the pieces' transactions deleted, as Yjs writes it in the update of each
    // (not those of the updates taken in between).
    const deleted: DeleteSet[] = [];
    const noteDeletions = (transaction: Y.Transaction) => {
      if (transaction.origin === connection) deleted.push(transaction.deleteSet);
    };
    // Applied pieces are not stored on their own; what the whole brought is stored below.
    this.host.document.capturing(false);
    this.host.document.doc.on('afterTransaction', noteDeletions);
    try {
      for (
        let piece = pieces.next(this.host.document.doc);
        piece;
        piece = pieces.next(this.host.document.doc)
      ) {
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
          if (applied) await this.host.reload();
          return;
        }
        // A section is read for the second look before the first piece that touches it.
        const unreviewed = [...checked.touchedRoots].filter((root) => !touchedRoots.has(root));
        const review =
          unreviewed.length > 0
            ? this.host.env.extensions.reviewUpdate(
                this.updateCheck(connection, new Set(unreviewed)),
              )
            : null;
        if (review) reviews.push(review);
        Y.applyUpdate(this.host.document.doc, piece, connection);
        applied = true;
        this.host.ownership.record(owner, checked.claims);
        for (const id of checked.clientIds) clientIds.add(id);
        for (const root of checked.touchedRoots) touchedRoots.add(root);
        between.noteApplied(checked.clientIds, checked.touchedRoots);
        const wait = nextTurn();
        if (wait) await wait;
        await this.takeInBetween(between);
      }
      // A suggester's update is judged whole once all of it is applied, in steps.
      for (const review of reviews) {
        const problem = await review(nextTurn);
        if (problem) {
          this.host.refuse(connection, CloseCode.FORBIDDEN, problem, bytes);
          await this.host.reload();
          return;
        }
      }
    } finally {
      this.host.document.doc.off('afterTransaction', noteDeletions);
      this.host.document.capturing(true);
      this.host.document.takeCaptured();
    }
    // Nothing new (a reconnect resending what the server has) needs no storing.
    if (clientIds.size === 0 && touchedRoots.size === 0) return;
    // Written from the document, as Yjs would have: what the server had is left out, and
    // runs of structs are merged (20,000 one-clock GC structs are stored as one). Only its
    // own client ids: the updates taken in between are stored on their own.
    const since = Y.decodeStateVector(before);
    const { store } = this.host.document.doc;
    for (const client of store.clients.keys()) {
      if (!clientIds.has(client)) since.set(client, Y.getState(store, client));
    }
    const deletions = Y.mergeDeleteSets(deleted);
    const brought = await encodeUpdateSince(this.host.document.doc, since, nextTurn, {
      deletions,
    });
    // What it wrote and deleted, known here without decoding it (see `ClientUpdateEvent`).
    const clocks: UpdateClocks = new Map();
    for (const client of clientIds) {
      addClockRange(clocks, client, since.get(client) ?? 0, Y.getState(store, client));
    }
    for (const [client, ranges] of deletions.clients) {
      for (const { clock, len } of ranges) addClockRange(clocks, client, clock, clock + len);
    }
    const { participantId } = connection.context;
    this.storeAndSend(
      brought,
      connection,
      { clientIds: [...clientIds], participantId, owner, sender: connection },
      touchedRoots,
      () => clocks,
    );
  }

  /**
   * Takes in the other sockets' updates that may come between two pieces (see
   * `BetweenPieces`), each stored and sent on by itself, as if queued.
   */
  private async takeInBetween(between: BetweenPieces): Promise<void> {
    this.host.document.capturing(true);
    try {
      await between.takeQualifying(this.host.document.doc, ({ connection, update, answered }) =>
        this.applyClientUpdate(connection, update, answered, { between: true }),
      );
    } finally {
      this.host.document.capturing(false);
    }
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
    knownClocks: (() => UpdateClocks) | null = null,
  ): void {
    const clocks = knownClocks ?? once(() => updateClocksOf([update]));
    this.host
      .commit(update, sender, origin)
      .then(() =>
        this.host.env.extensions.onClientUpdate({
          planId: this.host.planId,
          touchedRoots,
          update,
          clocks,
          participantId: origin.participantId,
        }),
      )
      .catch((error: unknown) => {
        if (!(error instanceof RefusedUpdate)) this.host.fail(error);
      });
  }

  /** An update of `connection` as the extensions' checks see it: against the document now. */
  private updateCheck(connection: Connection, touchedRoots: ReadonlySet<string>): UpdateCheck {
    return {
      planId: this.host.planId,
      context: connection.context,
      touchedRoots,
      doc: this.host.document.doc,
    };
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
    const crowded = this.host.ownership.crowdedUpdate(update, this.host.document.doc);
    if (crowded) {
      this.host.refuse(connection, CloseCode.FORBIDDEN, crowded, update.byteLength);
      return null;
    }
    const inspection = inspectUpdate(this.host.document.doc, update);
    if (isUpdateProblem(inspection)) {
      // Sent before the client's sync answer, which will carry it (see `syncAnswered`).
      if (inspection.missing && !answered) {
        const { reason } = inspection;
        connection.awaitAnswer(() =>
          this.host.refuse(connection, CloseCode.UPDATE_DOES_NOT_APPLY, reason, update.byteLength),
        );
        return null;
      }
      this.host.refuse(
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
    const ownership = this.host.ownership.check(
      ownerKeyOf(connection.context),
      clientIds,
      this.host.document.doc,
    );
    const refusal =
      (bringsNew
        ? this.host.env.extensions.beforeUpdate(this.updateCheck(connection, touchedRoots))
        : null) ??
      ownership.refusal ??
      clockRefusal(highestClock);
    if (refusal) {
      this.host.refuse(connection, CloseCode.FORBIDDEN, refusal, update.byteLength);
      return null;
    }
    return { clientIds, touchedRoots, claims: ownership.claims };
  }

  /**
   * Checks, applies, stores and sends on one update; true once done with it. Between the
   * pieces of a large update, one that needs a second look is left as it is (false):
   * refused, it would be taken back by loading the plan again, pieces and all.
   */
  private async applyClientUpdate(
    connection: Connection,
    update: Uint8Array,
    answered = true,
    { between }: { between: boolean } = { between: false },
  ): Promise<boolean> {
    if (connection.closed) return true;
    const checked = this.checkClientUpdate(connection, update, answered);
    if (!checked) return true;
    const { clientIds, touchedRoots, claims } = checked;
    const owner = ownerKeyOf(connection.context);
    const review = this.host.env.extensions.reviewUpdate(
      this.updateCheck(connection, touchedRoots),
    );
    if (review && between) return false;
    this.host.document.takeCaptured();
    Y.applyUpdate(this.host.document.doc, update, connection);
    const applied = this.host.document.takeCapturedWithTransaction();
    // Judged in steps a pass of the event loop apart (the queue waits meanwhile).
    const problem = applied && review ? await review(nextTurn) : null;
    if (problem) {
      this.host.refuse(connection, CloseCode.FORBIDDEN, problem, update.byteLength);
      await this.host.reload();
      return true;
    }
    // Claimed now, before storing, so no presence frame meanwhile takes these ids; should
    // storing fail, the room closes and forgets them.
    this.host.ownership.record(owner, claims);
    // Nothing new (a reconnect resending what the server has) needs no storing.
    if (!applied) return true;
    const { participantId } = connection.context;
    const origin = { clientIds, participantId, owner, sender: connection };
    const { transaction } = applied;
    // Known from the transaction, else (several wrote it) read from the update when asked.
    const clocks = transaction ? once(() => clocksOf(transaction, clientIds)) : null;
    this.storeAndSend(applied.update, connection, origin, touchedRoots, clocks);
    return true;
  }
}

/** `compute`, run the first time it is asked for and remembered. */
function once<T>(compute: () => T): () => T {
  let value: { result: T } | null = null;
  return () => {
    value ??= { result: compute() };
    return value.result;
  };
}
