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
  setSectionStatus,
} from '@plenary/model';
import type * as Y from 'yjs';
import {
  principalFor,
  requireAdmin,
  requireAdminForList,
  requireRight,
} from '../access/requestAccess.ts';
import { baseUrl } from '../baseUrl.ts';
import { ApiError } from '../errors.ts';
import { createdPlanResponse } from '../plans/createdPlanResponse.ts';
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
 * document (through the relay), so every open editor sees them at once; each checks
 * the caller's rights against the document's state inside the same transaction.
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
    requireAdmin(request);
    const { id, state } = await createPlan(store, request.body.title, request.body.template);
    return reply.status(201).send(await createdPlanResponse(request, id, state));
  });

  app.get('/plans', async (request) => {
    requireAdminForList(request);
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
    const { planId } = request.params;
    await principalFor(request, planId);
    const state = await relay.read(planId, readPlan);
    return planResponse(baseUrl(request), planId, state);
  });

  app.patch(
    '/plans/:planId',
    { schema: { params: PlanParams, body: UpdatePlanBody } },
    async (request) => {
      const { planId } = request.params;
      const principal = await principalFor(request, planId);
      const state = await relay.transact(
        planId,
        (doc) => {
          requireRight(principal, 'edit-structure', readPlan(doc));
          setPlanTitle(doc, request.body.title);
          return readPlan(doc);
        },
        principal.participantId,
      );
      await store.setPlanTitle(planId, request.body.title);
      return planResponse(baseUrl(request), planId, state);
    },
  );

  app.post(
    '/plans/:planId/sections',
    { schema: { params: PlanParams, body: CreateSectionBody } },
    async (request, reply) => {
      const principal = await principalFor(request, request.params.planId);
      const section = await relay.transact(
        request.params.planId,
        (doc) => {
          requireRight(principal, 'edit-structure', readPlan(doc));
          return sectionOf(doc, addSection(doc, request.body));
        },
        principal.participantId,
      );
      return reply.status(201).send(section);
    },
  );

  app.patch(
    '/plans/:planId/sections/:sectionId',
    { schema: { params: SectionParams, body: UpdateSectionBody } },
    async (request) => {
      const { planId, sectionId } = request.params;
      const principal = await principalFor(request, planId);
      const { title, groupId, index, status } = request.body;
      return relay.transact(
        planId,
        (doc) => {
          // Everything is checked before anything changes: a transaction that throws
          // half way would still keep its first changes.
          const plan = readPlan(doc);
          sectionOf(doc, sectionId);
          if (title !== undefined || groupId !== undefined || index !== undefined) {
            requireRight(principal, 'edit-structure', plan);
          }
          if (status !== undefined) requireRight(principal, 'approve-section', plan);
          if (index !== undefined && index >= plan.sections.length) {
            throw new ApiError(
              400,
              'bad-index',
              `A section can move to positions 0 to ${plan.sections.length - 1}.`,
            );
          }
          if (
            groupId !== undefined &&
            groupId !== null &&
            !plan.groups.some((g) => g.id === groupId && !g.archived)
          ) {
            throw new ApiError(404, 'group-not-found', `This plan has no group "${groupId}".`);
          }
          if (groupId !== undefined) assignSection(doc, sectionId, groupId);
          if (title !== undefined) renameSection(doc, sectionId, title);
          if (index !== undefined) moveSection(doc, sectionId, index);
          if (status !== undefined) setSectionStatus(doc, sectionId, status);
          return sectionOf(doc, sectionId);
        },
        principal.participantId,
      );
    },
  );

  app.delete(
    '/plans/:planId/sections/:sectionId',
    { schema: { params: SectionParams } },
    async (request, reply) => {
      const { planId, sectionId } = request.params;
      const principal = await principalFor(request, planId);
      await relay.transact(
        planId,
        (doc) => {
          requireRight(principal, 'edit-structure', readPlan(doc));
          removeSection(doc, sectionId);
        },
        principal.participantId,
      );
      return reply.status(204).send();
    },
  );

  app.post(
    '/plans/:planId/sections/:sectionId/restore',
    { schema: { params: SectionParams } },
    async (request) => {
      const { planId, sectionId } = request.params;
      const principal = await principalFor(request, planId);
      return relay.transact(
        planId,
        (doc) => {
          requireRight(principal, 'edit-structure', readPlan(doc));
          restoreSection(doc, sectionId);
          return sectionOf(doc, sectionId);
        },
        principal.participantId,
      );
    },
  );
};
