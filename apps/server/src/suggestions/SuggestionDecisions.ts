import { randomUUID } from 'node:crypto';
import { readPlan } from '@plenary/model';
import type { PlanDocuments, RelayLogger } from '@plenary/relay';
import type { DecisionLog, NewDecision, StoredDecision } from '@plenary/storage';
import type { DecidedSuggestion, Suggestion, SuggestionDecision } from '@plenary/suggestions';
import type { Principal } from '../access/Principal.ts';
import { requireRight } from '../access/requestAccess.ts';
import { loadEditor } from '../editorModule.ts';
import { ApiError } from '../errors.ts';
import { sectionFragment } from '../plans/sectionFragment.ts';
import type { SuggestionRepair } from './SuggestionRepair.ts';

/** What deciding works through. */
export interface SuggestionDecisionsOptions {
  plans: PlanDocuments;
  decisions: DecisionLog;
  /** Told which decisions are under way and what each saw, for the repair of leftovers. */
  repair: Pick<SuggestionRepair, 'beginDecisions' | 'endDecisions'>;
  logger: RelayLogger;
}

/** A pending suggestion of a section. */
interface Pending {
  sectionId: string;
  suggestion: Suggestion;
}

/** A suggestion named by its section, as a reviewer picks it. */
export interface ChosenSuggestion {
  sectionId: string;
  suggestionId: string;
}

/**
 * The focal point's decisions on suggestions: a decision is a command the server carries
 * out on its own copy of the plan, so every client sees it at once.
 *
 * The log and the document are kept consistent by logging first: the decision is
 * previewed (pure), its entries are appended, and only then is exactly that set of
 * suggestions decided in the live document. If the log cannot be written, nothing has
 * changed. If the document change fails, or a suggestion vanished in between (its author
 * withdrew it, say), the entries for what did not happen are withdrawn from the log
 * again. So the log may briefly hold a decision about to be made, never miss one made.
 */
export class SuggestionDecisions {
  constructor(private readonly options: SuggestionDecisionsOptions) {}

  /**
   * Decides a section's suggestions that match `decision` (one by id, or all of an author
   * or a group); 404 when one was named by id and none matches, 403 unless the principal
   * decides suggestions. Returns the decisions made.
   */
  async decideInSection(
    principal: Principal,
    sectionId: string,
    decision: SuggestionDecision,
  ): Promise<StoredDecision[]> {
    const { planId } = principal;
    const { listFragmentSuggestions, matchesDecision } = await loadEditor();
    const pending = await this.options.plans.read(planId, (doc) => {
      requireRight(principal, 'decide-suggestions', readPlan(doc));
      return listFragmentSuggestions(sectionFragment(doc, sectionId))
        .filter((s) => matchesDecision(s, decision))
        .map((suggestion) => ({ sectionId, suggestion }));
    });
    if (pending.length === 0 && decision.id !== undefined) {
      throw new ApiError(
        404,
        'suggestion-not-found',
        `Section "${sectionId}" has no pending suggestion "${decision.id}" that matches; ` +
          'it may have been decided or withdrawn already.',
      );
    }
    return this.decideLogged(principal, decision.action, pending);
  }

  /**
   * Decides exactly the suggestions a reviewer chose (a bulk action over a filter), in any
   * sections; 403 unless the principal decides suggestions. Returns the decisions made and
   * the chosen suggestions that were gone (withdrawn, or decided by someone else meanwhile).
   */
  async decideChosen(
    principal: Principal,
    action: SuggestionDecision['action'],
    chosen: readonly ChosenSuggestion[],
  ): Promise<{ decided: StoredDecision[]; gone: ChosenSuggestion[] }> {
    const { planId } = principal;
    const keys = new Set(chosen.map(keyOf));
    const { listFragmentSuggestions } = await loadEditor();
    const pending = await this.options.plans.read(planId, (doc) => {
      requireRight(principal, 'decide-suggestions', readPlan(doc));
      const sectionIds = [...new Set(chosen.map((s) => s.sectionId))];
      return sectionIds.flatMap((sectionId) =>
        listFragmentSuggestions(sectionFragment(doc, sectionId))
          .filter((suggestion) => keys.has(keyOf({ sectionId, suggestionId: suggestion.id })))
          .map((suggestion) => ({ sectionId, suggestion })),
      );
    });
    const decided = await this.decideLogged(principal, action, pending);
    const done = new Set(decided.map(keyOf));
    return { decided, gone: chosen.filter((s) => !done.has(keyOf(s))) };
  }

  /**
   * Logs the decisions on `pending`, then carries out exactly those in one change to the
   * live plan, and withdraws the entries of any that had vanished by then.
   */
  private async decideLogged(
    principal: Principal,
    action: SuggestionDecision['action'],
    pending: Pending[],
  ): Promise<StoredDecision[]> {
    if (pending.length === 0) return [];
    const { planId } = principal;
    const { repair } = this.options;
    const entries = pending.map(({ sectionId, suggestion }) =>
      entryOf(suggestion, sectionId, action, principal),
    );
    // Logged but not yet made, these are no leftovers for the repair to carry out.
    const ids = entries.map((entry) => entry.suggestionId);
    repair.beginDecisions(planId, ids);
    try {
      const { logged, records } = await this.logAndDecide(principal, action, pending, entries);
      await repair.endDecisions(this.options.plans, planId, ids, logged, records);
      return logged;
    } catch (error) {
      await repair.endDecisions(this.options.plans, planId, ids, [], new Map());
      throw error;
    }
  }

  private async logAndDecide(
    principal: Principal,
    action: SuggestionDecision['action'],
    pending: Pending[],
    entries: NewDecision[],
  ): Promise<{ logged: StoredDecision[]; records: Map<string, DecidedSuggestion> }> {
    const { planId } = principal;
    const { plans, decisions, logger } = this.options;
    const { decideSuggestions, decisionRecords } = await loadEditor();
    let logged: StoredDecision[];
    try {
      logged = await decisions.appendDecisions(planId, entries);
    } catch (error) {
      logger.error({ err: error, planId }, 'decision log append failed');
      throw new ApiError(
        503,
        'decision-log-unavailable',
        'Nothing was decided: the server could not write the decision log. ' +
          'Try again in a few seconds.',
      );
    }

    let applied: Set<string>;
    // What the document held as the decision was made (anything newer was never seen),
    // and the decided insertions' text, for the repair of leftovers.
    const records = new Map<string, DecidedSuggestion>();
    try {
      // Exactly the logged suggestions, so nothing is decided unlogged even if new
      // suggestions that match the filter arrived since the preview; one Yjs change for
      // all sections, so every client sees a bulk decision whole.
      applied = await plans.transact(
        planId,
        (doc) => {
          const idsBySection = new Map<string, string[]>();
          for (const { sectionId, suggestion } of pending) {
            idsBySection.set(sectionId, [...(idsBySection.get(sectionId) ?? []), suggestion.id]);
          }
          const decided = [...idsBySection].flatMap(([sectionId, ids]) => {
            const fragment = sectionFragment(doc, sectionId);
            for (const [id, record] of decisionRecords(fragment, new Set(ids), action)) {
              records.set(id, record);
            }
            return decideSuggestions(fragment, { action, ids }).decided.map((s) =>
              keyOf({ sectionId, suggestionId: s.id }),
            );
          });
          return new Set(decided);
        },
        principal.participantId,
      );
    } catch (error) {
      await this.withdraw(planId, entries, 'the document change failed');
      throw error;
    }
    const wasApplied = (entry: ChosenSuggestion) => applied.has(keyOf(entry));
    await this.withdraw(
      planId,
      entries.filter((entry) => !wasApplied(entry)),
      'the suggestion was gone when the decision was applied',
    );
    return { logged: logged.filter(wasApplied), records };
  }

  /** Takes back log entries whose decision did not reach the document. */
  private async withdraw(planId: string, entries: NewDecision[], why: string): Promise<void> {
    if (entries.length === 0) return;
    await this.options.decisions
      .withdrawDecisions(
        planId,
        entries.map((entry) => entry.id),
      )
      .catch((error: unknown) => {
        // The log now names decisions that were not made; say exactly which, for repair.
        this.options.logger.error(
          { err: error, planId, entries, why },
          'could not withdraw decision log entries',
        );
      });
  }
}

/** One key for a suggestion of a section, to compare what was chosen, logged and made. */
function keyOf({ sectionId, suggestionId }: ChosenSuggestion): string {
  return `${sectionId}/${suggestionId}`;
}

/** The log entry for a suggestion the principal decides. */
function entryOf(
  suggestion: Suggestion,
  sectionId: string,
  action: SuggestionDecision['action'],
  principal: Principal,
): NewDecision {
  return {
    id: randomUUID(),
    sectionId,
    suggestionId: suggestion.id,
    action,
    kind: suggestion.kind,
    insertedText: suggestion.insertedText,
    deletedText: suggestion.deletedText,
    authorId: suggestion.authorId,
    authorName: suggestion.authorName,
    groupId: suggestion.groupId,
    suggestedAt: suggestion.at ? new Date(suggestion.at) : null,
    decidedBy: principal.participantId,
    decidedByName: principal.name ?? principal.actor.role,
  };
}
