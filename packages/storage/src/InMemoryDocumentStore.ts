/**
 * The DocumentStore kept in Maps: for relay tests, and as the reference that shows what
 * the contract asks of an adapter without any database in the way.
 */

import { idsOwnedElsewhere, ownerOf } from './clientOwner.ts';
import { shouldCompact } from './compactionRange.ts';
import type {
  AppendResult,
  ClientAttribution,
  ClientOwner,
  DocumentStore,
  LoadedDocument,
  ParticipantDeletions,
  StoredPlan,
  UpdateOrigin,
} from './DocumentStore.ts';
import { deletionList, foldDeletions } from './deletions.ts';
import type { InMemoryDatabase, InMemoryPlan } from './InMemoryDatabase.ts';
import { RefusedSenders } from './RefusedSenders.ts';
import { clientOwnedElsewhere, planExists, planNotFound } from './storeErrors.ts';

// Copies in and out, as a database would: callers may reuse or mutate their buffers and
// the objects they got back without touching what is stored.
const copyPlan = (plan: StoredPlan): StoredPlan => ({
  ...plan,
  createdAt: new Date(plan.createdAt),
  updatedAt: new Date(plan.updatedAt),
});

const lastSeqOf = (record: InMemoryPlan): number => record.throughSeq + record.updates.length;

const byMostRecentlyUpdated = (a: StoredPlan, b: StoredPlan): number =>
  b.updatedAt.getTime() - a.updatedAt.getTime() || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** Records the origin's client ids that the plan does not know yet; first claim wins. */
function recordClients(record: InMemoryPlan, origin: UpdateOrigin, now: Date): void {
  for (const clientId of origin.clientIds) {
    if (record.clients.has(clientId)) continue;
    const { participantId } = origin;
    record.clients.set(clientId, {
      clientId,
      participantId,
      owner: ownerOf(origin),
      firstSeenAt: now,
    });
  }
}

/** The DocumentStore of an InMemoryStorage; its contents go when the process does. */
export class InMemoryDocumentStore implements DocumentStore {
  private readonly refusedSenders = new RefusedSenders();
  private readonly plans: Map<string, InMemoryPlan>;

  constructor(private readonly db: InMemoryDatabase) {
    this.plans = db.plans;
  }

  async createPlan(plan: {
    id: string;
    title: string;
    initialState: Uint8Array;
  }): Promise<StoredPlan> {
    this.db.assertOpen();
    if (this.plans.has(plan.id)) throw planExists(plan.id);
    const now = new Date();
    const stored = { id: plan.id, title: plan.title, createdAt: now, updatedAt: now };
    this.plans.set(plan.id, {
      plan: stored,
      // The initial state is the first snapshot, as in the SQLite adapter.
      snapshot: plan.initialState.slice(),
      throughSeq: 0,
      updates: [],
      clients: new Map(),
      deletions: new Map(),
    });
    return copyPlan(stored);
  }

  async getPlan(planId: string): Promise<StoredPlan | null> {
    this.db.assertOpen();
    const record = this.plans.get(planId);
    return record ? copyPlan(record.plan) : null;
  }

  async listPlans(): Promise<StoredPlan[]> {
    this.db.assertOpen();
    return [...this.plans.values()]
      .map((record) => copyPlan(record.plan))
      .sort(byMostRecentlyUpdated);
  }

  async setPlanTitle(planId: string, title: string): Promise<void> {
    this.record(planId).plan.title = title;
  }

  async appendUpdate(
    planId: string,
    update: Uint8Array,
    origin: UpdateOrigin,
  ): Promise<AppendResult> {
    const record = this.record(planId);
    const refused = this.refusedSenders.check(planId, origin);
    if (refused) throw refused;
    const taken = idsOwnedElsewhere(origin, (clientId) => record.clients.get(clientId)?.owner);
    if (taken.length > 0) {
      this.refusedSenders.note(origin);
      throw clientOwnedElsewhere(planId, taken);
    }
    const now = new Date();
    record.updates.push({ participantId: origin.participantId, update: update.slice() });
    recordClients(record, origin, now);
    record.plan.updatedAt = now;
    return { seq: lastSeqOf(record), logLength: record.updates.length };
  }

  async claimClients(planId: string, origin: UpdateOrigin): Promise<ClientOwner[]> {
    const record = this.record(planId);
    recordClients(record, origin, new Date());
    return origin.clientIds.map((clientId) => ({
      clientId,
      owner: record.clients.get(clientId)?.owner ?? null,
    }));
  }

  async loadDocument(planId: string): Promise<LoadedDocument | null> {
    this.db.assertOpen();
    const record = this.plans.get(planId);
    if (!record) return null;
    return {
      updates: [record.snapshot, ...record.updates.map((entry) => entry.update)].map((update) =>
        update.slice(),
      ),
      lastSeq: lastSeqOf(record),
      logLength: record.updates.length,
      clientOwners: [...record.clients.values()].map(({ clientId, owner }) => ({
        clientId,
        owner,
      })),
    };
  }

  async compact(planId: string, snapshot: Uint8Array, throughSeq: number): Promise<void> {
    const record = this.record(planId);
    const log = { throughSeq: record.throughSeq, lastSeq: lastSeqOf(record) };
    if (!shouldCompact(planId, throughSeq, log)) return;
    const removed = record.updates.splice(0, throughSeq - record.throughSeq);
    record.deletions = foldDeletions(record.deletions, removed);
    record.snapshot = snapshot.slice();
    record.throughSeq = throughSeq;
  }

  async clientAttribution(planId: string): Promise<ClientAttribution[]> {
    return [...this.record(planId).clients.values()].map(
      ({ clientId, participantId, firstSeenAt }) => ({
        clientId,
        participantId,
        firstSeenAt: new Date(firstSeenAt),
      }),
    );
  }

  async deletionAttribution(planId: string): Promise<ParticipantDeletions[]> {
    const record = this.record(planId);
    return deletionList(foldDeletions(record.deletions, record.updates)).map((entry) => ({
      ...entry,
      deletions: entry.deletions.slice(),
    }));
  }

  async ping(): Promise<void> {
    this.db.assertOpen();
  }

  /** The plan's record, for operations that reject an unknown plan. */
  private record(planId: string): InMemoryPlan {
    this.db.assertOpen();
    const record = this.plans.get(planId);
    if (!record) throw planNotFound(planId);
    return record;
  }
}
