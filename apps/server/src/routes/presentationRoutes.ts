import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import {
  nextTimer,
  type PresentationState,
  readPlan,
  readTimer,
  setPresentation,
  writeTimer,
} from '@plenary/model';
import type { FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { inviteUrl } from '../access/invites.ts';
import { principalFor, requireRight } from '../access/requestAccess.ts';
import { baseUrl } from '../baseUrl.ts';
import { ApiError } from '../errors.ts';
import { PlanParams } from './schemas.ts';

// Null first: Fastify's Ajv coerces types, and would turn a null into "" for a string
// branch tried before it (and "" means "leave it as it is" below).
const PresentationBody = Type.Object(
  {
    mode: Type.Optional(Type.Union([Type.Literal('section'), Type.Literal('follow')])),
    sectionId: Type.Optional(Type.Union([Type.Null(), Type.String({ maxLength: 64 })])),
    suggestions: Type.Optional(Type.Union([Type.Literal('marked'), Type.Literal('accepted')])),
    /** An invite link to show as a QR code on the projectors, or null to hide it. */
    joinOverlayInviteId: Type.Optional(Type.Union([Type.Null(), Type.String({ maxLength: 64 })])),
    /** Comment threads beside the projected text. */
    showComments: Type.Optional(Type.Boolean()),
    /** A consensus round to show full screen, or null for the text. */
    roundId: Type.Optional(Type.Union([Type.Null(), Type.String({ maxLength: 64 })])),
  },
  { additionalProperties: false, minProperties: 1 },
);

const MINUTE = 60_000;
// One flat object with an action rather than a union of objects (see JoinBody).
const TimerBody = Type.Object(
  {
    action: Type.Union([
      Type.Literal('start'),
      Type.Literal('pause'),
      Type.Literal('resume'),
      Type.Literal('add'),
      Type.Literal('clear'),
    ]),
    durationMs: Type.Optional(Type.Integer({ minimum: 1_000, maximum: 24 * 60 * MINUTE })),
    ms: Type.Optional(Type.Integer({ minimum: -60 * MINUTE, maximum: 4 * 60 * MINUTE })),
    label: Type.Optional(Type.String({ maxLength: 80 })),
  },
  { additionalProperties: false },
);

/** What projectors show, the breakout timer, and the server's clock. */
export const presentationRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { relay, access, vault } = app;

  // Clients measure their offset from this clock, so a timer ends at the same moment on
  // every device whatever its own clock says.
  app.get('/time', async () => ({ now: Date.now() }));

  app.put(
    '/plans/:planId/presentation',
    { schema: { params: PlanParams, body: PresentationBody } },
    async (request) => {
      const { planId } = request.params;
      const principal = await principalFor(request, planId);
      const { joinOverlayInviteId, ...rest } = request.body;
      let joinOverlay: PresentationState['joinOverlay'] | undefined;
      if (joinOverlayInviteId === null) joinOverlay = null;
      if (joinOverlayInviteId) {
        const invite = await access.getInvite(planId, joinOverlayInviteId);
        const token = invite && !invite.revokedAt ? vault.unseal(invite.sealedToken) : null;
        if (!invite || !token)
          throw new ApiError(404, 'invite-not-found', 'That link does not exist or was withdrawn.');
        // Whatever is on the projector is public to the room: one person's own link is not.
        if ((invite.role !== 'member' && invite.role !== 'observer') || invite.personName) {
          throw new ApiError(
            400,
            'invite-not-public',
            'Only shared member and observer links can be shown to the room.',
          );
        }
        const group = invite.groupId
          ? (await relay.read(planId, readPlan)).groups.find((g) => g.id === invite.groupId)
          : null;
        joinOverlay = {
          url: inviteUrl(baseUrl(request), planId, token),
          label: group?.name ?? invite.role,
          inviteId: invite.id,
        };
      }
      if (rest.roundId && !(await app.rounds.getRound(planId, rest.roundId))) {
        throw new ApiError(404, 'round-not-found', `This plan has no round "${rest.roundId}".`);
      }
      return relay.transact(
        planId,
        (doc) => {
          const plan = readPlan(doc);
          requireRight(principal, 'present', plan);
          if (rest.sectionId && !plan.sections.some((s) => s.id === rest.sectionId)) {
            throw new ApiError(
              404,
              'section-not-found',
              `This plan has no section "${rest.sectionId}".`,
            );
          }
          const change: Partial<PresentationState> = { ...rest };
          if (rest.mode === 'follow') change.presenterId = principal.participantId;
          if (joinOverlay !== undefined) change.joinOverlay = joinOverlay;
          return setPresentation(doc, change);
        },
        principal.participantId,
      );
    },
  );

  app.put(
    '/plans/:planId/timer',
    { schema: { params: PlanParams, body: TimerBody } },
    async (request) => {
      const { planId } = request.params;
      const principal = await principalFor(request, planId);
      const { action, durationMs, ms, label } = request.body;
      if (action === 'start' && durationMs === undefined) {
        throw new ApiError(400, 'duration-required', 'Starting the timer needs durationMs.');
      }
      if (action === 'add' && ms === undefined)
        throw new ApiError(400, 'ms-required', 'Adding time needs ms.');
      return relay.transact(
        planId,
        (doc) => {
          requireRight(principal, 'set-phase', readPlan(doc));
          const command =
            action === 'start'
              ? { action, durationMs: durationMs ?? 0, ...(label === undefined ? {} : { label }) }
              : action === 'add'
                ? { action, ms: ms ?? 0 }
                : { action };
          const timer = nextTimer(readTimer(doc), command, Date.now());
          writeTimer(doc, timer);
          return { timer, now: Date.now() };
        },
        principal.participantId,
      );
    },
  );

  /** Only the facilitator and the focal point see who wrote what. */
  const principalSeeingWriters = async (request: FastifyRequest, planId: string) => {
    const principal = await principalFor(request, planId);
    if (principal.actor.role !== 'facilitator' && principal.actor.role !== 'focal-point') {
      throw new ApiError(
        403,
        'forbidden',
        'Only the facilitator and the focal point see who wrote what.',
      );
    }
    return principal;
  };

  app.get('/plans/:planId/attribution', { schema: { params: PlanParams } }, async (request) => {
    const { planId } = request.params;
    await principalSeeingWriters(request, planId);
    const [clients, participants] = await Promise.all([
      app.store.clientAttribution(planId),
      access.listParticipants(planId),
    ]);
    const byId = new Map(participants.map((p) => [p.id, p]));
    return {
      clients: clients.map((client) => {
        const participant = client.participantId ? byId.get(client.participantId) : undefined;
        return {
          clientId: client.clientId,
          participantId: client.participantId,
          name: participant?.name ?? null,
          groupId: participant?.groupId ?? null,
        };
      }),
    };
  });

  // The console's "Last edit by": whoever last changed each section, however they did.
  app.get('/plans/:planId/section-edits', { schema: { params: PlanParams } }, async (request) => {
    const { planId } = request.params;
    await principalSeeingWriters(request, planId);
    const participants = new Map(
      (await access.listParticipants(planId)).map((participant) => [participant.id, participant]),
    );
    return {
      edits: app.sectionEdits.of(planId).map((edit) => ({
        sectionId: edit.sectionId,
        participantId: edit.participantId,
        name: participants.get(edit.participantId)?.name ?? null,
        at: edit.at.toISOString(),
      })),
    };
  });
};
