import { timingSafeEqual } from 'node:crypto';
import { type Action, can, type PlanState } from '@plenary/model';
import type { FastifyRequest } from 'fastify';
import { ApiError } from '../errors.ts';
import { authenticate } from './authenticate.ts';
import type { Principal } from './Principal.ts';

/** The token of an `Authorization: Bearer <token>` header, if any. */
export function bearerToken(request: FastifyRequest): string | undefined {
  const header = request.headers.authorization;
  const match = header ? /^Bearer\s+(\S+)\s*$/i.exec(header) : null;
  return match?.[1];
}

/**
 * The principal the request's bearer token grants in `planId`: 404 when there is no
 * such plan (ids are unguessable, so saying so reveals nothing), 401 when the token
 * does not open it.
 */
export async function principalFor(request: FastifyRequest, planId: string): Promise<Principal> {
  const { access, vault, store } = request.server;
  if (!(await store.getPlan(planId))) {
    throw new ApiError(404, 'plan-not-found', `No plan has the id "${planId}".`);
  }
  return authenticate(access, vault, planId, bearerToken(request));
}

/** Throws 403 unless the principal may perform `action` in the plan's current state. */
export function requireRight(
  principal: Principal,
  action: Action,
  plan: Pick<PlanState, 'phase'>,
): void {
  if (!can(principal.actor, action, { phase: plan.phase })) {
    throw new ApiError(403, 'forbidden', `A ${principal.actor.role} may not ${describe(action)}.`);
  }
}

function describe(action: Action): string {
  switch (action) {
    case 'edit-structure':
      return "change the plan's structure";
    case 'set-phase':
      return "change the plan's phase";
    case 'manage-links':
      return 'manage invite links';
    case 'approve-section':
      return 'approve or reopen sections';
    case 'decide-suggestions':
      return 'decide suggestions';
    case 'present':
      return 'choose what is presented';
    case 'write-section':
      return 'write this section';
    case 'save-version':
      return 'save a version of the plan';
    case 'restore-version':
      return 'restore a version of the plan';
    case 'comment':
      return 'comment';
    case 'moderate-comments':
      return "resolve or reopen other people's comments";
    case 'run-rounds':
      return 'open or close consensus rounds';
    case 'answer-rounds':
      return 'answer consensus rounds';
  }
}

/**
 * When PLENARY_ADMIN_TOKEN is set, creating plans needs it; otherwise creating is open (a
 * venue laptop with no admin: a new plan shows nothing of the others, and its creator is
 * only its own facilitator).
 */
export function requireAdmin(request: FastifyRequest): void {
  const expected = request.server.config.adminToken;
  if (!expected) return;
  requireToken(request, expected);
}

/**
 * Listing every plan on the server needs PLENARY_ADMIN_TOKEN; without one configured the
 * list is off: anyone on the wifi would see every plan's title. People find the plans they
 * joined in their own browser's list.
 */
export function requireAdminForList(request: FastifyRequest): void {
  const expected = request.server.config.adminToken;
  if (!expected) {
    throw new ApiError(
      403,
      'plan-list-off',
      'This server lists its plans only to its administrator (set PLENARY_ADMIN_TOKEN). Open a plan with its invite link.',
    );
  }
  requireToken(request, expected);
}

function requireToken(request: FastifyRequest, expected: string): void {
  const given = bearerToken(request) ?? '';
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  if (a.length !== b.length || !timingSafeEqual(a, b)) {
    throw new ApiError(
      401,
      'admin-token-required',
      'Creating and listing plans needs the administrator token of this server.',
    );
  }
}
