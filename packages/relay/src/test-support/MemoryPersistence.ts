import { CLIENT_OWNED_ELSEWHERE, type ClientOwnerKey } from '../clientOwner.ts';
import type { RelayPersistence, UpdateOrigin } from '../types.ts';

interface StoredLog {
  snapshot: Uint8Array | null;
  updates: { seq: number; update: Uint8Array; origin: UpdateOrigin }[];
  lastSeq: number;
  /** First claim wins, and compaction keeps them, as in storage. */
  owners: Map<number, ClientOwnerKey>;
}

/**
 * The relay's persistence port kept in memory, with switches to make appends fail or
 * wait, for testing what the relay does when storage misbehaves. Like storage, it refuses
 * an update under a client id that someone else owns, and every later one of its sender.
 */
export class MemoryPersistence implements RelayPersistence {
  readonly logs = new Map<string, StoredLog>();
  compactions = 0;
  /** When set, appends reject with this error. */
  failAppends: Error | null = null;
  /** When set, appends wait for this promise before storing. */
  stallAppends: Promise<void> | null = null;
  /** When set, loading a plan waits for this promise. */
  stallLoads: Promise<void> | null = null;
  /** When set, compacting waits for this promise before storing the snapshot. */
  stallCompactions: Promise<void> | null = null;
  /** Senders that had an update refused as someone else's: their later ones are too. */
  private readonly refusedSenders = new WeakSet<object>();

  /** Creates a plan whose document starts with `initial`. */
  createPlan(planId: string, initial: Uint8Array): void {
    this.logs.set(planId, { snapshot: initial, updates: [], lastSeq: 0, owners: new Map() });
  }

  async loadDocument(planId: string) {
    if (this.stallLoads) await this.stallLoads;
    const log = this.logs.get(planId);
    if (!log) return null;
    return {
      updates: [...(log.snapshot ? [log.snapshot] : []), ...log.updates.map((u) => u.update)],
      lastSeq: log.lastSeq,
      logLength: log.updates.length,
      clientOwners: [...log.owners].map(([clientId, owner]) => ({ clientId, owner })),
    };
  }

  async appendUpdate(planId: string, update: Uint8Array, origin: UpdateOrigin) {
    if (this.stallAppends) await this.stallAppends;
    if (this.failAppends) throw this.failAppends;
    const log = this.logs.get(planId);
    if (!log) throw new Error(`no plan ${planId}`);
    const taken = origin.clientIds.filter(
      (clientId) => log.owners.has(clientId) && log.owners.get(clientId) !== origin.owner,
    );
    const senderRefused = origin.sender !== undefined && this.refusedSenders.has(origin.sender);
    if (taken.length > 0 || senderRefused) {
      if (origin.sender) this.refusedSenders.add(origin.sender);
      const what = senderRefused
        ? 'an earlier update of this sender'
        : `client ids ${taken.join(', ')}`;
      throw Object.assign(new Error(`${what} are owned elsewhere`), {
        code: CLIENT_OWNED_ELSEWHERE,
      });
    }
    log.lastSeq += 1;
    log.updates.push({ seq: log.lastSeq, update: update.slice(), origin });
    await this.claimClients(planId, origin);
    return { seq: log.lastSeq, logLength: log.updates.length };
  }

  async claimClients(planId: string, origin: UpdateOrigin) {
    const log = this.logs.get(planId);
    if (!log) throw new Error(`no plan ${planId}`);
    for (const clientId of origin.clientIds) {
      if (!log.owners.has(clientId)) log.owners.set(clientId, origin.owner);
    }
    return origin.clientIds.map((clientId) => ({
      clientId,
      owner: log.owners.get(clientId) ?? null,
    }));
  }

  async compact(planId: string, snapshot: Uint8Array, throughSeq: number) {
    if (this.stallCompactions) await this.stallCompactions;
    const log = this.logs.get(planId);
    if (!log) throw new Error(`no plan ${planId}`);
    log.snapshot = snapshot.slice();
    log.updates = log.updates.filter((u) => u.seq > throughSeq);
    this.compactions += 1;
  }
}
