import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import {
  addSection,
  assignSection,
  moveSection,
  readPlan,
  removeSection,
  renameSection,
  restoreSection,
  setPlanTitle,
} from '@plenary/model';
import type * as Y from 'yjs';
import { baseUrl } from '../baseUrl.ts';
import { ApiError } from '../errors.ts';
import { createPlan } from '../plans/createPlan.ts';
import { planResponse, planUrl, sectionResponse } from '../plans/planResponse.ts';
import {
  CreatePlanBody,
  CreateSectionBody,
  PlanParams,
  SectionParams,
  UpdatePlanBody,
  UpdateSectionBody,
} from './schemas.ts';

/**
 * Plans and their sections. Structural changes are Yjs transactions on the plan's live
 * document (through the relay), so every open editor sees them at once.
 */
export const planRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { relay, store } = app;

  const sectionOf = (doc: Y.Doc, sectionId: string) => {
    const section = sectionResponse(readPlan(doc), sectionId);
    if (!section)
      throw new ApiError(404, 'section-not-found', `This plan has no section "${sectionId}".`);
    return section;
  };

  app.post('/plans', { schema: { body: CreatePlanBody } }, async (request, reply) => {
    const { id, state } = await createPlan(store, request.body.title, request.body.template);
    return reply.status(201).send(planResponse(baseUrl(request), id, state));
  });

  app.get('/plans', async (request) => {
    const plans = await store.listPlans();
    return {
      plans: plans.map((plan) => ({
        id: plan.id,
        title: plan.title,
        url: planUrl(baseUrl(request), plan.id),
        createdAt: plan.createdAt.toISOString(),
        updatedAt: plan.updatedAt.toISOString(),
      })),
    };
  });

  app.get('/plans/:planId', { schema: { params: PlanParams } }, async (request) => {
    const state = await relay.read(request.params.planId, readPlan);
    return planResponse(baseUrl(request), request.params.planId, state);
  });

  app.patch(
    '/plans/:planId',
    { schema: { params: PlanParams, body: UpdatePlanBody } },
    async (request) => {
      const { planId } = request.params;
      const state = await relay.transact(planId, (doc) => {
        setPlanTitle(doc, request.body.title);
        return readPlan(doc);
      });
      await store.setPlanTitle(planId, request.body.title);
      return planResponse(baseUrl(request), planId, state);
    },
  );

  app.post(
    '/plans/:planId/sections',
    { schema: { params: PlanParams, body: CreateSectionBody } },
    async (request, reply) => {
      const section = await relay.transact(request.params.planId, (doc) =>
        sectionOf(doc, addSection(doc, request.body)),
      );
      return reply.status(201).send(section);
    },
  );

  app.patch(
    '/plans/:planId/sections/:sectionId',
    { schema: { params: SectionParams, body: UpdateSectionBody } },
    async (request) => {
      const { planId, sectionId } = request.params;
      const { title, groupId, index } = request.body;
      return relay.transact(planId, (doc) => {
        // Checked before anything changes: a transaction that throws half way would
        // still keep its first changes.
        sectionOf(doc, sectionId);
        if (index !== undefined && index >= readPlan(doc).sections.length) {
          throw new ApiError(
            400,
            'bad-index',
            `A section can move to positions 0 to ${readPlan(doc).sections.length - 1}.`,
          );
        }
        if (groupId !== undefined) assignSection(doc, sectionId, groupId);
        if (title !== undefined) renameSection(doc, sectionId, title);
        if (index !== undefined) moveSection(doc, sectionId, index);
        return sectionOf(doc, sectionId);
      });
    },
  );

  app.delete(
    '/plans/:planId/sections/:sectionId',
    { schema: { params: SectionParams } },
    async (request, reply) => {
      const { planId, sectionId } = request.params;
      await relay.transact(planId, (doc) => removeSection(doc, sectionId));
      return reply.status(204).send();
    },
  );

  app.post(
    '/plans/:planId/sections/:sectionId/restore',
    { schema: { params: SectionParams } },
    async (request) => {
      const { planId, sectionId } = request.params;
      return relay.transact(planId, (doc) => {
        restoreSection(doc, sectionId);
        return sectionOf(doc, sectionId);
      });
    },
  );
};
