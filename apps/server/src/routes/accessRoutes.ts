import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { CloseCode, randomId, readPlan } from '@plenary/model';
import { Type } from 'typebox';
import { inviteUrl, issueInvite } from '../access/invites.ts';
import { principalFor, requireRight } from '../access/requestAccess.ts';
import { baseUrl } from '../baseUrl.ts';
import { ApiError } from '../errors.ts';
import { InviteParams, PlanParams } from './schemas.ts';

const RoleSchema = Type.Union([
  Type.Literal('facilitator'),
  Type.Literal('focal-point'),
  Type.Literal('member'),
  Type.Literal('observer'),
]);

const CreateInviteBody = Type.Object(
  {
    role: RoleSchema,
    groupId: Type.Optional(Type.Union([Type.String({ minLength: 1, maxLength: 64 }), Type.Null()])),
    expiresAt: Type.Optional(Type.Union([Type.String({ format: 'date-time' }), Type.Null()])),
    /** Whom a per-person link is for; without it the link is shared. */
    personName: Type.Optional(
      Type.Union([Type.String({ minLength: 1, maxLength: 60, pattern: '\\S' }), Type.Null()]),
    ),
  },
  { additionalProperties: false },
);

const ParticipantParams = Type.Object({
  planId: PlanParams.properties.planId,
  participantId: Type.String({ pattern: '^[0-9a-z]{1,64}$' }),
});

// Joining through a shared link always makes a new participant. Someone who joined before
// comes back with the session token their device was given, which no one else holds: a
// participant id alone (shown to everyone in presence) must never be enough to act as
// that person. A per-person link is that person's own: opening it again (another device,
// a cleared browser) continues as the participant who first joined with it.
const JoinBody = Type.Object(
  { name: Type.String({ minLength: 1, maxLength: 60 }) },
  { additionalProperties: false },
);

/** Invite links, joining a plan, and who you are in it. */
export const accessRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { access, relay, vault } = app;
  const phaseOf = (planId: string) => relay.read(planId, (doc) => readPlan(doc));

  app.get('/plans/:planId/me', { schema: { params: PlanParams } }, async (request) => {
    const principal = await principalFor(request, request.params.planId);
    return {
      participantId: principal.participantId,
      name: principal.name,
      role: principal.actor.role,
      groupId: principal.actor.groupId,
      inviteId: principal.inviteId,
      expiresAt: principal.expiresAt?.toISOString() ?? null,
    };
  });

  app.get('/plans/:planId/join', { schema: { params: PlanParams } }, async (request) => {
    const { planId } = request.params;
    const principal = await principalFor(request, planId);
    const plan = await phaseOf(planId);
    const group = plan.groups.find((g) => g.id === principal.actor.groupId) ?? null;
    // No one else's name or id: the link is shared by a whole group (the observer link
    // by the whole room), and who else joined with it is not theirs to see.
    return {
      planTitle: plan.title,
      role: principal.actor.role,
      group: group ? { id: group.id, name: group.name, color: group.color } : null,
    };
  });

  app.post(
    '/plans/:planId/participants',
    { schema: { params: PlanParams, body: JoinBody } },
    async (request, reply) => {
      const { planId } = request.params;
      const principal = await principalFor(request, planId);
      const invite = await access.getInvite(planId, principal.inviteId);
      const earlier = invite?.personName
        ? (await access.listParticipants(planId, { inviteId: invite.id }))[0]
        : undefined;
      const participant =
        earlier ??
        (await access.createParticipant({
          id: randomId(12),
          planId,
          inviteId: principal.inviteId,
          name: request.body.name.trim() || 'Participant',
        }));
      const sessionToken = vault.newToken();
      await access.createSession({
        tokenHash: vault.hash(sessionToken),
        planId,
        participantId: participant.id,
      });
      return reply.status(201).send({
        participant: {
          id: participant.id,
          name: participant.name,
          role: participant.role,
          groupId: participant.groupId,
        },
        sessionToken,
      });
    },
  );

  app.get('/plans/:planId/participants', { schema: { params: PlanParams } }, async (request) => {
    const { planId } = request.params;
    const principal = await principalFor(request, planId);
    // Names are sensitive in an atrocity-prevention dialogue: facilitator and focal point only.
    if (principal.actor.role !== 'facilitator' && principal.actor.role !== 'focal-point') {
      throw new ApiError(
        403,
        'forbidden',
        'Only the facilitator and the focal point see the list of participants.',
      );
    }
    const participants = await access.listParticipants(planId);
    return {
      participants: participants.map((p) => ({
        id: p.id,
        name: p.name,
        role: p.role,
        groupId: p.groupId,
        inviteId: p.inviteId,
        joinedAt: p.createdAt.toISOString(),
        lastSeenAt: p.lastSeenAt.toISOString(),
        removedAt: p.removedAt?.toISOString() ?? null,
      })),
    };
  });

  app.get('/plans/:planId/invites', { schema: { params: PlanParams } }, async (request) => {
    const { planId } = request.params;
    const principal = await principalFor(request, planId);
    requireRight(principal, 'manage-links', await phaseOf(planId));
    const invites = await access.listInvites(planId);
    return {
      invites: invites.map((invite) => {
        const token = vault.unseal(invite.sealedToken);
        return {
          id: invite.id,
          role: invite.role,
          groupId: invite.groupId,
          url: token ? inviteUrl(baseUrl(request), planId, token) : null,
          createdAt: invite.createdAt.toISOString(),
          expiresAt: invite.expiresAt?.toISOString() ?? null,
          revokedAt: invite.revokedAt?.toISOString() ?? null,
          participantCount: invite.participantCount,
          personName: invite.personName,
        };
      }),
    };
  });

  app.post(
    '/plans/:planId/invites',
    { schema: { params: PlanParams, body: CreateInviteBody } },
    async (request, reply) => {
      const { planId } = request.params;
      const principal = await principalFor(request, planId);
      const plan = await phaseOf(planId);
      requireRight(principal, 'manage-links', plan);
      const { role } = request.body;
      const groupId = request.body.groupId ?? null;
      if (groupId !== null && !plan.groups.some((g) => g.id === groupId && !g.archived)) {
        throw new ApiError(404, 'group-not-found', `This plan has no group "${groupId}".`);
      }
      if (role === 'member' && groupId === null) {
        throw new ApiError(
          400,
          'group-required',
          'A member link belongs to a breakout group: choose one.',
        );
      }
      const expiresAt = request.body.expiresAt ? new Date(request.body.expiresAt) : null;
      if (expiresAt && expiresAt.getTime() <= Date.now()) {
        throw new ApiError(400, 'expiry-in-past', 'A link cannot expire in the past.');
      }
      const { invite, token } = await issueInvite(access, vault, {
        planId,
        role,
        groupId,
        expiresAt,
        createdBy: principal.participantId,
        personName: request.body.personName?.trim() ?? null,
      });
      return reply.status(201).send({
        id: invite.id,
        token,
        url: inviteUrl(baseUrl(request), planId, token),
        role: invite.role,
        groupId: invite.groupId,
        expiresAt: invite.expiresAt?.toISOString() ?? null,
        personName: invite.personName,
      });
    },
  );

  app.delete(
    '/plans/:planId/participants/:participantId',
    { schema: { params: ParticipantParams } },
    async (request, reply) => {
      const { planId, participantId } = request.params;
      const principal = await principalFor(request, planId);
      requireRight(principal, 'manage-links', await phaseOf(planId));
      if (participantId === principal.participantId) {
        throw new ApiError(400, 'cannot-remove-self', 'You cannot remove yourself from the plan.');
      }
      const removed = await access.removeParticipant(planId, participantId);
      if (!removed) {
        throw new ApiError(
          404,
          'participant-not-found',
          `This plan has no participant "${participantId}".`,
        );
      }
      relay.disconnectParticipants(
        planId,
        [participantId],
        CloseCode.PARTICIPANT_REMOVED,
        'the facilitator removed you from this plan',
      );
      // A per-person link was theirs alone: it goes with them, so it cannot bring them back.
      const invite = await access.getInvite(planId, removed.inviteId);
      if (invite?.personName && !invite.revokedAt) {
        await access.revokeInvite(planId, invite.id);
      }
      return reply.status(204).send();
    },
  );

  app.delete(
    '/plans/:planId/invites/:inviteId',
    { schema: { params: InviteParams } },
    async (request, reply) => {
      const { planId, inviteId } = request.params;
      const principal = await principalFor(request, planId);
      requireRight(principal, 'manage-links', await phaseOf(planId));
      const revoked = await access.revokeInvite(planId, inviteId);
      if (!revoked)
        throw new ApiError(404, 'invite-not-found', `This plan has no link "${inviteId}".`);
      relay.disconnectInvites(
        planId,
        [inviteId],
        CloseCode.LINK_REVOKED,
        'the facilitator withdrew this link',
      );
      return reply.status(204).send();
    },
  );
};
