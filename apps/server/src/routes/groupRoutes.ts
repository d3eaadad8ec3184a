import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import {
  addGroup,
  archiveGroup,
  CloseCode,
  GROUP_COLORS,
  newGroupId,
  readPlan,
  setPhase,
  setSuggestingPolicy,
  updateGroup,
} from '@plenary/model';
import { principalFor, requireRight } from '../access/requestAccess.ts';
import { authorOf } from '../versions/versionSummary.ts';
import {
  CreateGroupBody,
  GroupParams,
  PhaseBody,
  PlanParams,
  SuggestingBody,
  UpdateGroupBody,
} from './schemas.ts';

/** The plan's phase and its breakout groups: the facilitator's levers. */
export const groupRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { relay, access } = app;

  app.put(
    '/plans/:planId/phase',
    { schema: { params: PlanParams, body: PhaseBody } },
    async (request) => {
      const { planId } = request.params;
      const principal = await principalFor(request, planId);
      // A version of the plan as it enters the new phase, made once the change is in.
      return app.autoVersions.versionPhaseChange(relay, planId, authorOf(principal), () =>
        relay.transact(
          planId,
          (doc) => {
            requireRight(principal, 'set-phase', readPlan(doc));
            setPhase(doc, request.body.phase);
            return { phase: readPlan(doc).phase };
          },
          principal.participantId,
        ),
      );
    },
  );

  // Who suggests by default goes with the phase: the facilitator sets both.
  app.put(
    '/plans/:planId/suggesting',
    { schema: { params: PlanParams, body: SuggestingBody } },
    async (request) => {
      const { planId } = request.params;
      const principal = await principalFor(request, planId);
      return relay.transact(
        planId,
        (doc) => {
          requireRight(principal, 'set-phase', readPlan(doc));
          return { suggesting: setSuggestingPolicy(doc, request.body) };
        },
        principal.participantId,
      );
    },
  );

  app.post(
    '/plans/:planId/groups',
    { schema: { params: PlanParams, body: CreateGroupBody } },
    async (request, reply) => {
      const { planId } = request.params;
      const principal = await principalFor(request, planId);
      const group = await relay.transact(
        planId,
        (doc) => {
          const plan = readPlan(doc);
          requireRight(principal, 'edit-structure', plan);
          const id = newGroupId();
          const color =
            request.body.color ??
            GROUP_COLORS[plan.groups.length % GROUP_COLORS.length] ??
            '#555555';
          addGroup(doc, { id, name: request.body.name, color });
          return readPlan(doc).groups.find((g) => g.id === id);
        },
        principal.participantId,
      );
      return reply.status(201).send(group);
    },
  );

  app.patch(
    '/plans/:planId/groups/:groupId',
    { schema: { params: GroupParams, body: UpdateGroupBody } },
    async (request) => {
      const { planId, groupId } = request.params;
      const principal = await principalFor(request, planId);
      return relay.transact(
        planId,
        (doc) => {
          requireRight(principal, 'edit-structure', readPlan(doc));
          updateGroup(doc, groupId, request.body);
          return readPlan(doc).groups.find((g) => g.id === groupId);
        },
        principal.participantId,
      );
    },
  );

  app.delete(
    '/plans/:planId/groups/:groupId',
    { schema: { params: GroupParams } },
    async (request, reply) => {
      const { planId, groupId } = request.params;
      const principal = await principalFor(request, planId);
      await relay.transact(
        planId,
        (doc) => {
          requireRight(principal, 'edit-structure', readPlan(doc));
          archiveGroup(doc, groupId);
        },
        principal.participantId,
      );
      // The group's links stop working and their holders are disconnected at once.
      const revoked = await access.revokeInvitesOfGroup(planId, groupId);
      relay.disconnectInvites(
        planId,
        revoked.map((invite) => invite.id),
        CloseCode.LINK_REVOKED,
        'the facilitator removed your group',
      );
      return reply.status(204).send();
    },
  );
};
