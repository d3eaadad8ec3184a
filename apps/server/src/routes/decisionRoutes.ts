import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { readPlan, sectionFragmentName } from '@plenary/model';
import type { StoredDecision } from '@plenary/storage';
import type { SuggestionDecision } from '@plenary/suggestions';
import { Type } from 'typebox';
import { principalFor, requireRight } from '../access/requestAccess.ts';
import { loadEditor } from '../editorModule.ts';
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

/**
 * The review panel's reads and the focal point's decisions; the decisions themselves are
 * made by the `SuggestionDecisions` service.
 */
export const decisionRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { relay, decisions, suggestionDecisions } = app;

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
      return { decided: await suggestionDecisions.decideInSection(principal, sectionId, decision) };
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
      return suggestionDecisions.decideChosen(principal, action, suggestions);
    },
  );
};
