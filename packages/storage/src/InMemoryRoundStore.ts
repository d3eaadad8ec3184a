/** The RoundStore kept in memory, beside an InMemoryDocumentStore: for server tests. */
import type { InMemoryDatabase } from './InMemoryDatabase.ts';
import type { NewRound, RoundStore, StoredRound, StoredVote } from './RoundStore.ts';
import { planNotFound, roundClosed, roundExists, roundNotFound } from './storeErrors.ts';

// Copies in and out, as a database would.
const copyRound = (round: StoredRound): StoredRound => ({
  ...round,
  items: round.items.map((item) => ({ ...item })),
  openedAt: new Date(round.openedAt),
  closedAt: round.closedAt && new Date(round.closedAt),
});

/** The RoundStore of an InMemoryStorage; its contents go when the process does. */
export class InMemoryRoundStore implements RoundStore {
  /** Oldest first. */
  private readonly rounds: StoredRound[] = [];
  /** Oldest change first: a changed answer moves to the end, as its time does. */
  private votes: (StoredVote & { planId: string })[] = [];

  constructor(private readonly db: InMemoryDatabase) {}

  private find(planId: string, roundId: string): StoredRound | undefined {
    this.db.assertOpen();
    return this.rounds.find((r) => r.planId === planId && r.id === roundId);
  }

  async openRound(planId: string, round: NewRound): Promise<StoredRound> {
    this.db.assertOpen();
    if (!this.db.plans.has(planId)) throw planNotFound(planId);
    if (this.rounds.some((r) => r.id === round.id)) throw roundExists(round.id);
    const stored: StoredRound = {
      ...round,
      planId,
      status: 'open',
      openedAt: new Date(),
      closedAt: null,
      eligible: null,
    };
    this.rounds.push(copyRound(stored));
    return copyRound(stored);
  }

  async getRound(planId: string, roundId: string): Promise<StoredRound | null> {
    const round = this.find(planId, roundId);
    return round ? copyRound(round) : null;
  }

  async listRounds(planId: string): Promise<StoredRound[]> {
    this.db.assertOpen();
    return this.rounds.filter((r) => r.planId === planId).map(copyRound);
  }

  async closeRound(planId: string, roundId: string, eligible: number): Promise<StoredRound | null> {
    const round = this.find(planId, roundId);
    if (!round) return null;
    if (round.status === 'open') {
      round.status = 'closed';
      round.closedAt = new Date();
      round.eligible = eligible;
    }
    return copyRound(round);
  }

  async putVote(planId: string, vote: Omit<StoredVote, 'at'>): Promise<StoredVote> {
    const round = this.find(planId, vote.roundId);
    if (!round?.items.some((item) => item.id === vote.itemId)) {
      throw roundNotFound(planId, vote.roundId, vote.itemId);
    }
    if (round.status === 'closed') throw roundClosed(vote.roundId);
    const stored = { ...vote, at: new Date() };
    this.votes = this.votes.filter(
      (v) =>
        !(
          v.roundId === vote.roundId &&
          v.itemId === vote.itemId &&
          v.participantId === vote.participantId
        ),
    );
    this.votes.push({ ...stored, planId });
    return { ...stored, at: new Date(stored.at) };
  }

  async listVotes(planId: string, roundId: string): Promise<StoredVote[]> {
    this.db.assertOpen();
    return this.votes
      .filter((v) => v.planId === planId && v.roundId === roundId)
      .map(({ planId: _plan, ...vote }) => ({ ...vote, at: new Date(vote.at) }));
  }
}
