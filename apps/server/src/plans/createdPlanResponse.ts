import type { PlanState } from '@plenary/model';
import type { FastifyRequest } from 'fastify';
import { inviteUrl, issueInvite } from '../access/invites.ts';
import { baseUrl } from '../baseUrl.ts';
import { type PlanResponse, planResponse } from './planResponse.ts';

/** A new plan as its creator receives it: with the facilitator link they now hold. */
export interface CreatedPlanResponse extends PlanResponse {
  facilitatorToken: string;
}

/**
 * Whoever creates a plan becomes its facilitator: issues that link and shapes the new
 * plan for the response, with the link as its address.
 */
export async function createdPlanResponse(
  request: FastifyRequest,
  planId: string,
  state: PlanState,
): Promise<CreatedPlanResponse> {
  const { access, vault } = request.server;
  const { token } = await issueInvite(access, vault, {
    planId,
    role: 'facilitator',
    groupId: null,
    expiresAt: null,
    createdBy: null,
  });
  const base = baseUrl(request);
  return {
    ...planResponse(base, planId, state),
    url: inviteUrl(base, planId, token),
    facilitatorToken: token,
  };
}
