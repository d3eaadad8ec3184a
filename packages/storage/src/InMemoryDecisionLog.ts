/**
 * The DecisionLog kept in an array, beside an InMemoryDocumentStore: for server tests,
 * and as the reference for what the decision log contract asks.
 */
import type { DecisionLog, NewDecision, StoredDecision } from './DecisionLog.ts';
import type { InMemoryDatabase } from './InMemoryDatabase.ts';
import { decisionExists, planNotFound } from './storeErrors.ts';

// Copies in and out, as a database would.
const copyDecision = (decision: StoredDecision): StoredDecision => ({
  ...decision,
  suggestedAt: decision.suggestedAt && new Date(decision.suggestedAt),
  decidedAt: new Date(decision.decidedAt),
});

/** The DecisionLog of an InMemoryStorage; its contents go when the process does. */
export class InMemoryDecisionLog implements DecisionLog {
  /** Oldest first, in the order appended. */
  private decisions: StoredDecision[] = [];
  /** What each decision saw, by entry id (see `recordWhatDecisionsSaw`). */
  private readonly saw = new Map<string, string>();

  constructor(private readonly db: InMemoryDatabase) {}

  async appendDecisions(planId: string, decisions: NewDecision[]): Promise<StoredDecision[]> {
    this.db.assertOpen();
    if (!this.db.plans.has(planId)) throw planNotFound(planId);
    // Checked before anything is stored, so a refused call stores none, as in SQLite.
    const taken = new Set(this.decisions.map((decision) => decision.id));
    for (const { id } of decisions) {
      if (taken.has(id)) throw decisionExists(id);
      taken.add(id);
    }
    const decidedAt = new Date();
    const stored = decisions.map((decision) => copyDecision({ ...decision, planId, decidedAt }));
    this.decisions.push(...stored);
    return stored.map(copyDecision);
  }

  async listDecisions(
    planId: string,
    filter: { sectionId?: string } = {},
  ): Promise<StoredDecision[]> {
    this.db.assertOpen();
    // Reversed, then a stable sort: ties in time keep the last appended first, as SQLite's rowid.
    return this.decisions
      .filter(
        (decision) =>
          decision.planId === planId &&
          (filter.sectionId === undefined || decision.sectionId === filter.sectionId),
      )
      .reverse()
      .sort((a, b) => b.decidedAt.getTime() - a.decidedAt.getTime())
      .map(copyDecision);
  }

  async withdrawDecisions(planId: string, ids: string[]): Promise<void> {
    this.db.assertOpen();
    const withdrawn = new Set(ids);
    this.decisions = this.decisions.filter(
      (decision) => decision.planId !== planId || !withdrawn.has(decision.id),
    );
    for (const id of withdrawn) this.saw.delete(id);
  }

  async recordWhatDecisionsSaw(planId: string, saw: ReadonlyMap<string, string>): Promise<void> {
    this.db.assertOpen();
    for (const decision of this.decisions) {
      const record = saw.get(decision.id);
      if (decision.planId === planId && record !== undefined && !this.saw.has(decision.id)) {
        this.saw.set(decision.id, record);
      }
    }
  }

  async whatDecisionsSaw(planId: string): Promise<Map<string, string>> {
    this.db.assertOpen();
    return new Map(
      this.decisions.flatMap((decision) => {
        const record = this.saw.get(decision.id);
        return decision.planId === planId && record !== undefined ? [[decision.id, record]] : [];
      }),
    );
  }
}
