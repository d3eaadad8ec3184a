/**
 * The focal point's decisions on suggestions, one entry per suggestion decided. The log
 * keeps each suggestion's text and author, so what a decision removed from the plan can
 * always be read again (and the outcomes report's annex can list it). Entries are only
 * appended, never edited; `withdrawDecisions` exists for the server to take back entries
 * whose decision did not reach the document. Every adapter passes `decisionLogContract.ts`.
 */

/** Whether a suggestion was taken into the plan or dropped. */
export type DecisionAction = 'accept' | 'reject';

/** One decided suggestion, as the caller hands it to `appendDecisions`. */
export interface NewDecision {
  /** Unique across every plan: the caller mints it. */
  id: string;
  sectionId: string;
  suggestionId: string;
  action: DecisionAction;
  /** What the suggestion did (insert, delete, replace, structure), as the editor named it. */
  kind: string;
  /** The text it would add, blocks separated by newlines. */
  insertedText: string;
  /** The text it would remove, blocks separated by newlines. */
  deletedText: string;
  authorId: string;
  authorName: string;
  /** The author's breakout group, or null for the plenary. */
  groupId: string | null;
  /** When the suggestion was made, or null when its marks carried no time. */
  suggestedAt: Date | null;
  /** The participant who decided, or null when the token was an invite link. */
  decidedBy: string | null;
  /** Their display name (or role) at the time, so the log reads on its own. */
  decidedByName: string;
}

/** A logged decision: what was decided, and in which plan and when. */
export interface StoredDecision extends NewDecision {
  planId: string;
  decidedAt: Date;
}

/** The storage port for the decision log. */
export interface DecisionLog {
  /**
   * Logs decisions made together, all at one time (now), all or none. Fails with
   * `plan-not-found` for a plan the store does not hold and `decision-exists` when an id
   * is already logged or repeats within the call.
   */
  appendDecisions(planId: string, decisions: NewDecision[]): Promise<StoredDecision[]>;
  /** The plan's decisions, newest first (the last appended first), of one section if given. */
  listDecisions(planId: string, filter?: { sectionId?: string }): Promise<StoredDecision[]>;
  /**
   * Removes the plan's entries with these ids (ids it does not have are ignored): for
   * the server to take back what it logged for a decision that never reached the plan.
   */
  withdrawDecisions(planId: string, ids: string[]): Promise<void>;
  /**
   * Stores with logged decisions (by entry id) what the document held when they were made,
   * as the server encodes it for its repair of leftovers: decisions are logged before
   * they are made, so this comes after. Ids the plan has not logged are ignored; an entry's
   * record is written once.
   */
  recordWhatDecisionsSaw(planId: string, saw: ReadonlyMap<string, string>): Promise<void>;
  /** What `recordWhatDecisionsSaw` stored for the plan's decisions, by entry id. */
  whatDecisionsSaw(planId: string): Promise<Map<string, string>>;
}
