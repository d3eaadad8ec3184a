import { randomUUID } from 'node:crypto';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { readPlan, sectionFragmentName } from '@plenary/model';
import type { NewDecision, StoredDecision } from '@plenary/storage';
import type { DecidedSuggestion, Suggestion, SuggestionDecision } from '@plenary/suggestions';
import type { FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import type { Principal } from '../access/Principal.ts';
import { principalFor, requireRight } from '../access/requestAccess.ts';
import { loadEditor } from '../editorModule.ts';
import { ApiError } from '../errors.ts';
import { sectionFragment } from '../plans/sectionFragment.ts';
import { PlanParams, SectionParams } from './schemas.ts';

// One flat object rather than a union of objects (see JoinBody). Null first: Ajv coerces
// types, and would turn a null into "" for a string branch tried before it.
const DecisionBody = Type.Object(
  {
    action: Type.Union([Type.Literal('accept'), Type.Literal('reject')]),
    suggestionId: Type.Optional(Type.String({ minLength: 1, maxLength: 128 })),
    authorId: Type.Optional(Type.String({ minLength: 1, maxLength: 128 })),
    /** A group's suggestions, or null for the plenary's. */
    groupId: Type.Optional(Type.Union([Type.Null(), Type.String({ minLength: 1, maxLength: 64 })])),
  },
  { additionalProperties: false },
);

/** Exactly the suggestions a reviewer chose (a bulk action over a filter), in any sections. */
const BulkDecisionBody = Type.Object(
  {
    action: Type.Union([Type.Literal('accept'), Type.Literal('reject')]),
    suggestions: Type.Array(
      Type.Object(
        {
          sectionId: Type.String({ pattern: '^[0-9a-z]{1,64}$' }),
          suggestionId: Type.String({ minLength: 1, maxLength: 128 }),
        },
        { additionalProperties: false },
      ),
      { minItems: 1, maxItems: 1000 },
    ),
  },
  { additionalProperties: false },
);

const DecisionsQuery = Type.Object(
  { sectionId: Type.Optional(Type.String({ pattern: '^[0-9a-z]{1,64}$' })) },
  { additionalProperties: false },
);

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

/**
 * The review panel's reads and the focal point's decisions. A decision is a command the
 * server carries out on its own copy of the plan, so every client sees it at once.
 *
 * The log and the document are kept consistent by logging first: the decision is
 * previewed (pure), its entries are appended, and only then is exactly that set of
 * suggestions decided in the live document. If the log cannot be written, nothing has
 * changed. If the document change fails, or a suggestion vanished in between (its author
 * withdrew it, say), the entries for what did not happen are withdrawn from the log
 * again. So the log may briefly hold a decision about to be made, never miss one made.
 */
export const decisionRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { relay, decisions, suggestionRepair } = app;

  /** Takes back log entries whose decision did not reach the document. */
  const withdraw = async (planId: string, entries: NewDecision[], why: string) => {
    if (entries.length === 0) return;
    await decisions
      .withdrawDecisions(
        planId,
        entries.map((entry) => entry.id),
      )
      .catch((error: unknown) => {
        // The log now names decisions that were not made; say exactly which, for repair.
        app.log.error(
          { err: error, planId, entries, why },
          'could not withdraw decision log entries',
        );
      });
  };

  app.get('/plans/:planId/suggestions', { schema: { params: PlanParams } }, async (request) => {
    const { planId } = request.params;
    await principalFor(request, planId);
    const { listFragmentSuggestions } = await loadEditor();
    const suggestions = await relay.read(planId, (doc) =>
      readPlan(doc).sections.flatMap((section) =>
        listFragmentSuggestions(doc.getXmlFragment(sectionFragmentName(section.id))).map(
          (suggestion) => ({ ...suggestion, sectionId: section.id, sectionTitle: section.title }),
        ),
      ),
    );
    return { suggestions };
  });

  app.get(
    '/plans/:planId/decisions',
    { schema: { params: PlanParams, querystring: DecisionsQuery } },
    async (request) => {
      const { planId } = request.params;
      const principal = await principalFor(request, planId);
      requireRight(principal, 'decide-suggestions', await relay.read(planId, readPlan));
      const { sectionId } = request.query;
      return {
        decisions: await decisions.listDecisions(
          planId,
          sectionId === undefined ? {} : { sectionId },
        ),
      };
    },
  );

  // What became of the asker's own suggestions, so that a member learns the outcome. Only
  // their own: the whole log is for those who decide. A plan's log holds thousands of
  // entries at most, so it is filtered here rather than by every storage adapter.
  app.get('/plans/:planId/decisions/mine', { schema: { params: PlanParams } }, async (request) => {
    const { planId } = request.params;
    const { participantId } = await principalFor(request, planId);
    if (participantId === null) return { decisions: [] };
    const all = await decisions.listDecisions(planId);
    return { decisions: all.filter((decision) => decision.authorId === participantId) };
  });

  app.post(
    '/plans/:planId/sections/:sectionId/decisions',
    { schema: { params: SectionParams, body: DecisionBody } },
    async (request): Promise<{ decided: StoredDecision[] }> => {
      const { planId, sectionId } = request.params;
      const principal = await principalFor(request, planId);
      const { action, suggestionId, authorId, groupId } = request.body;
      const decision: SuggestionDecision = {
        action,
        ...(suggestionId === undefined ? {} : { id: suggestionId }),
        ...(authorId === undefined ? {} : { authorId }),
        ...(groupId === undefined ? {} : { groupId }),
      };

      const { listFragmentSuggestions, matchesDecision } = await loadEditor();
      const pending = await relay.read(planId, (doc) => {
        requireRight(principal, 'decide-suggestions', readPlan(doc));
        return listFragmentSuggestions(sectionFragment(doc, sectionId))
          .filter((s) => matchesDecision(s, decision))
          .map((suggestion) => ({ sectionId, suggestion }));
      });
      if (pending.length === 0 && suggestionId !== undefined) {
        throw new ApiError(
          404,
          'suggestion-not-found',
          `Section "${sectionId}" has no pending suggestion "${suggestionId}" that matches; ` +
            'it may have been decided or withdrawn already.',
        );
      }
      return { decided: await decideLogged(request, planId, principal, action, pending) };
    },
  );

  app.post(
    '/plans/:planId/decisions',
    { schema: { params: PlanParams, body: BulkDecisionBody } },
    async (
      request,
    ): Promise<{
      decided: StoredDecision[];
      gone: { sectionId: string; suggestionId: string }[];
    }> => {
      const { planId } = request.params;
      const principal = await principalFor(request, planId);
      const { action, suggestions } = request.body;
      const chosen = new Set(suggestions.map((s) => `${s.sectionId}/${s.suggestionId}`));
      const { listFragmentSuggestions } = await loadEditor();
      const pending = await relay.read(planId, (doc) => {
        requireRight(principal, 'decide-suggestions', readPlan(doc));
        const sectionIds = [...new Set(suggestions.map((s) => s.sectionId))];
        return sectionIds.flatMap((sectionId) =>
          listFragmentSuggestions(sectionFragment(doc, sectionId))
            .filter((suggestion) => chosen.has(`${sectionId}/${suggestion.id}`))
            .map((suggestion) => ({ sectionId, suggestion })),
        );
      });
      const decided = await decideLogged(request, planId, principal, action, pending);
      const done = new Set(decided.map((d) => `${d.sectionId}/${d.suggestionId}`));
      // Withdrawn or decided by someone else in the meantime: the reviewer is told which.
      const gone = suggestions.filter((s) => !done.has(`${s.sectionId}/${s.suggestionId}`));
      return { decided, gone };
    },
  );

  /**
   * Logs the decisions on `pending`, then carries out exactly those in one change to the
   * live plan, and withdraws the entries of any that had vanished by then.
   */
  async function decideLogged(
    request: FastifyRequest,
    planId: string,
    principal: Principal,
    action: SuggestionDecision['action'],
    pending: { sectionId: string; suggestion: Suggestion }[],
  ): Promise<StoredDecision[]> {
    if (pending.length === 0) return [];
    const entries = pending.map(({ sectionId, suggestion }) =>
      entryOf(suggestion, sectionId, action, principal),
    );
    // Logged but not yet made, these are no leftovers for the repair to carry out.
    const ids = entries.map((entry) => entry.suggestionId);
    suggestionRepair.beginDecisions(planId, ids);
    try {
      const { logged, records } = await logAndDecide(
        request,
        planId,
        principal,
        action,
        pending,
        entries,
      );
      await suggestionRepair.endDecisions(planId, ids, logged, records);
      return logged;
    } catch (error) {
      await suggestionRepair.endDecisions(planId, ids, [], new Map());
      throw error;
    }
  }

  async function logAndDecide(
    request: FastifyRequest,
    planId: string,
    principal: Principal,
    action: SuggestionDecision['action'],
    pending: { sectionId: string; suggestion: Suggestion }[],
    entries: NewDecision[],
  ): Promise<{ logged: StoredDecision[]; records: Map<string, DecidedSuggestion> }> {
    const { decideSuggestions, decisionRecords } = await loadEditor();
    let logged: StoredDecision[];
    try {
      logged = await decisions.appendDecisions(planId, entries);
    } catch (error) {
      request.log.error({ err: error }, 'decision log append failed');
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
      applied = await relay.transact(
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
            return decideSuggestions(fragment, { action, ids }).decided.map(
              (s) => `${sectionId}/${s.id}`,
            );
          });
          return new Set(decided);
        },
        principal.participantId,
      );
    } catch (error) {
      await withdraw(planId, entries, 'the document change failed');
      throw error;
    }
    const wasApplied = (entry: { sectionId: string; suggestionId: string }) =>
      applied.has(`${entry.sectionId}/${entry.suggestionId}`);
    await withdraw(
      planId,
      entries.filter((entry) => !wasApplied(entry)),
      'the suggestion was gone when the decision was applied',
    );
    return { logged: logged.filter(wasApplied), records };
  }
};
