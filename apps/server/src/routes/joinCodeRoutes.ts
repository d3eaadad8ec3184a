import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { can, readPlan, readPresentation } from '@plenary/model';
import { Type } from 'typebox';
import { GuessLimiter } from '../access/GuessLimiter.ts';
import { inviteUrl } from '../access/invites.ts';
import {
  currentJoinCode,
  inviteForJoinCode,
  JOIN_CODE_ROLES,
  mayHaveJoinCode,
  normalizeJoinCode,
} from '../access/joinCodes.ts';
import { principalFor } from '../access/requestAccess.ts';
import { baseUrl } from '../baseUrl.ts';
import { ApiError } from '../errors.ts';
import { InviteParams } from './schemas.ts';

/**
 * Failed guesses allowed a minute: per address, enough for a room behind one address to
 * mistype now and then; per server, the bound on an attacker's odds (see SECURITY.md).
 */
export const JOIN_CODE_GUESSES = { perAddressPerMinute: 30, perServerPerMinute: 60 };

const JoinCodeBody = Type.Object(
  { code: Type.String({ minLength: 1, maxLength: 32 }) },
  { additionalProperties: false },
);

const WRONG_CODE =
  'This code opens no plan. Check it against the screen (it changes every 30 minutes), or scan the QR code.';

/** Short join codes for shared links: showing one, and opening the link it stands for. */
export const joinCodeRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { access, relay, vault } = app;
  const guesses = new GuessLimiter(
    JOIN_CODE_GUESSES.perAddressPerMinute,
    JOIN_CODE_GUESSES.perServerPerMinute,
  );

  app.get(
    '/plans/:planId/invites/:inviteId/join-code',
    { schema: { params: InviteParams } },
    async (request) => {
      const { planId, inviteId } = request.params;
      const principal = await principalFor(request, planId);
      const { plan, onProjector } = await relay.read(planId, (doc) => ({
        plan: readPlan(doc),
        onProjector: readPresentation(doc).joinOverlay?.inviteId === inviteId,
      }));
      // Those who manage links see any link's code; everyone else only the one the
      // projectors show the whole room anyway.
      if (!onProjector && !can(principal.actor, 'manage-links', { phase: plan.phase })) {
        throw new ApiError(403, 'forbidden', 'Only the facilitator sees the codes of links.');
      }
      const now = new Date();
      const invite = await access.getInvite(planId, inviteId);
      if (!invite || !mayHaveJoinCode(invite, now)) {
        throw new ApiError(
          404,
          'no-join-code',
          'Only shared member and observer links that stand have a join code.',
        );
      }
      const { code, changesAt, validUntil } = currentJoinCode(vault, invite.id, now);
      return {
        code,
        joinUrl: `${baseUrl(request)}/join`,
        changesAt: changesAt.toISOString(),
        validUntil: validUntil.toISOString(),
      };
    },
  );

  app.post('/join-codes', { schema: { body: JoinCodeBody } }, async (request, reply) => {
    const now = new Date();
    const wait = guesses.waitFor(request.ip, now);
    if (wait > 0) {
      reply.header('retry-after', String(wait));
      throw new ApiError(
        429,
        'too-many-guesses',
        `Too many wrong codes were typed; try again in ${wait} seconds, or scan the QR code.`,
      );
    }
    const code = normalizeJoinCode(request.body.code);
    // Every plan's links are searched: a code is all the person has. Guesses are few
    // (limited above) and each costs one indexed query, however many plans there are.
    const invite = code
      ? inviteForJoinCode(
          vault,
          await access.listOpenSharedInvites(JOIN_CODE_ROLES, now),
          code,
          now,
        )
      : null;
    const token = invite ? vault.unseal(invite.sealedToken) : null;
    if (!invite || !token) {
      guesses.fail(request.ip, now);
      throw new ApiError(404, 'join-code-unknown', WRONG_CODE);
    }
    return {
      planId: invite.planId,
      path: `/plans/${invite.planId}#invite=${token}`,
      url: inviteUrl(baseUrl(request), invite.planId, token),
    };
  });
};
