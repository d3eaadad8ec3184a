import * as Y from 'yjs';
import type { Connection } from './Connection.ts';
import type { ClientOwnership } from './clientOwnership.ts';
import { FROM_OTHER_PROCESS, type PlanMessage } from './fanOut.ts';
import { updateFrame } from './frames.ts';
import type { RoomDocument } from './RoomDocument.ts';
import type { RoomEnvironment } from './RoomEnvironment.ts';
import type { RoomPresence } from './RoomPresence.ts';
import { StorageFailure } from './roomErrors.ts';
import type { RelayPersistence } from './types.ts';

/** What taking in the other processes' messages needs from the room. */
export interface OtherProcessesHost {
  readonly planId: string;
  readonly env: Pick<RoomEnvironment, 'persistence' | 'fanOut' | 'extensions'>;
  /** Who owns which Yjs client id, as the other processes learn it too. */
  readonly ownership: ClientOwnership;
  readonly presence: RoomPresence;
  /** The room's sockets. */
  readonly connections: ReadonlySet<Connection>;
  isClosed(): boolean;
  /** The plan's live document, what it wrote since last asked, which stored updates it holds. */
  readonly document: RoomDocument;
  /** Runs a task in the room's queue (see `Room#enqueue`). */
  enqueue<T>(task: () => T | Promise<T>): Promise<T>;
  /** Closes the room: something it cannot recover from broke. */
  fail(error: unknown): void;
  /** Closes the room's sockets that match (see `Room#disconnectWhere`). */
  disconnectWhere(match: (connection: Connection) => boolean, code: number, reason: string): number;
}

/**
 * Takes in what the other processes serving a plan say (through Redis): their stored
 * updates, claims and presence reach this room's sockets as if they had come from here,
 * and the room reads storage again when a message was lost or is overdue.
 */
export class OtherProcesses {
  /** Set while a gap in the seqs heard from other processes waits to close by itself. */
  private gapTimer: NodeJS.Timeout | null = null;

  constructor(private readonly host: OtherProcessesHost) {}

  /**
   * Takes in what another process serving this plan says: its stored updates and its
   * sockets' presence go to this room's sockets, as if they had come from here.
   */
  receive(message: PlanMessage): void {
    if (this.host.isClosed()) return;
    switch (message.kind) {
      case 'update':
        this.host
          .enqueue(() => {
            const { doc } = this.host.document;
            this.host.ownership.learn(message.owner, message.claims, doc);
            // Parked updates this one completes would be taken for its sender's.
            const alone = doc.store.pendingStructs === null && doc.store.pendingDs === null;
            const applied = this.applyStored([message.update]);
            this.host.document.seqs.note(message.seq);
            this.watchForGap();
            const touchedRoots = rootsChangedBy(applied);
            if (alone && message.participantId && touchedRoots.size > 0) {
              this.host.env.extensions.onOtherProcessUpdate({
                planId: this.host.planId,
                touchedRoots,
                participantId: message.participantId,
              });
            }
          })
          .catch((error: unknown) => this.host.fail(error));
        return;
      case 'claim':
        this.host.ownership.learn(message.owner, message.claims, this.host.document.doc);
        return;
      case 'note':
        // In the queue: after the updates the other process stored before it are applied.
        this.host
          .enqueue(() =>
            this.host.env.extensions.onOtherProcessNote(message.extension, {
              planId: this.host.planId,
              note: message.note,
            }),
          )
          .catch((error: unknown) => this.host.fail(error));
        return;
      case 'awareness':
        this.host.presence.hearFromOtherProcess(message.update);
        return;
      case 'awareness-query':
        this.host.presence.publishOwn();
        return;
      case 'catch-up':
        this.catchUp();
        return;
      case 'disconnect-invites': {
        const inviteIds = new Set(message.inviteIds);
        this.host.disconnectWhere(
          (connection) =>
            connection.context.inviteId !== null && inviteIds.has(connection.context.inviteId),
          message.code,
          message.reason,
        );
        return;
      }
      case 'disconnect-participants': {
        const participantIds = new Set(message.participantIds);
        this.host.disconnectWhere(
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
  greet(): void {
    this.host.presence.publishOwn();
    this.host.env.fanOut?.publish(this.host.planId, { kind: 'awareness-query' });
  }

  /**
   * Reads the plan from storage again and sends this room's sockets what it lacked: for
   * messages from other processes that were lost (Redis away) or are overdue.
   */
  catchUp(): void {
    this.host
      .enqueue(async () => {
        let stored: Awaited<ReturnType<RelayPersistence['loadDocument']>>;
        try {
          stored = await this.host.env.persistence.loadDocument(this.host.planId);
        } catch (error) {
          throw new StorageFailure(error);
        }
        if (!stored) return;
        for (const { clientId, owner } of stored.clientOwners) {
          this.host.ownership.learn(owner, [clientId], this.host.document.doc);
        }
        // Applied as stored, one after another, not merged first: `Y.mergeUpdates` of a
        // snapshot with the log rows it overlaps left a gap in a client's structs when the
        // snapshot's clients were not written highest first, as snapshots stored before
        // 2026-12-07 were (see updateSince.ts), and that client's text never showed.
        this.applyStored(stored.updates);
        this.host.document.loaded(stored);
      })
      .catch((error: unknown) => this.host.fail(error));
  }

  /**
   * Applies updates that are already stored, in one transaction, and sends this room's
   * sockets what they brought that was new, as one update. Returns the transaction.
   */
  private applyStored(updates: readonly Uint8Array[]): Y.Transaction {
    const { doc } = this.host.document;
    this.host.document.takeCaptured();
    const transaction = doc.transact((applying) => {
      for (const update of updates) Y.applyUpdate(doc, update, FROM_OTHER_PROCESS);
      return applying;
    }, FROM_OTHER_PROCESS);
    const applied = this.host.document.takeCaptured();
    if (applied) {
      const frame = updateFrame(applied);
      for (const connection of this.host.connections) connection.send(frame);
    }
    return transaction;
  }

  /** Reads from storage when a gap in the seqs heard has not closed after a while. */
  watchForGap(): void {
    if (!this.host.document.seqs.hasGap || this.gapTimer) return;
    this.gapTimer = setTimeout(() => {
      this.gapTimer = null;
      if (this.host.document.seqs.hasGap) this.catchUp();
    }, GAP_WAIT_MS);
    this.gapTimer.unref();
  }

  /** Stops waiting for a gap to close; the room is closed. */
  stop(): void {
    if (this.gapTimer) clearTimeout(this.gapTimer);
  }
}

/**
 * The roots of the plan a transaction changed, from the types Yjs noted as it applied it (a
 * deletion notes the type it deleted from): nothing decoded again.
 */
function rootsChangedBy(transaction: Y.Transaction): Set<string> {
  const roots = new Set<string>();
  for (const changed of transaction.changed.keys()) {
    let type = changed;
    while (type._item) type = type._item.parent as typeof type;
    roots.add(Y.findRootTypeKey(type));
  }
  return roots;
}

/**
 * How long an update from another process may stay missing while later ones arrived
 * (their messages cross in Redis) before the room reads the plan from storage.
 */
const GAP_WAIT_MS = 1_000;
