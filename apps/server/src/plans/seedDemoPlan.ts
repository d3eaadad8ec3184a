import type { FastifyInstance } from 'fastify';
import { issueInvite } from '../access/invites.ts';
import { createPlan } from './createPlan.ts';

/** Title of the plan a fresh installation starts with. */
export const DEMO_PLAN_TITLE = 'National Action Plan on R2P and Atrocity Prevention (demo)';

/** How long one replica holds the right to make the demo plan. */
const DEMO_CLAIM_MS = 60_000;

/**
 * Makes sure a first-time user has something to open: creates the demo plan when the
 * store has no plans, and returns the path of a working facilitator link to it (the
 * existing one again on later starts), or null when other plans exist and no demo does.
 */
export async function demoFacilitatorPath(app: FastifyInstance): Promise<string | null> {
  const { store, access, vault } = app;
  const plans = await store.listPlans();
  let demoId = plans.find((plan) => plan.title === DEMO_PLAN_TITLE)?.id ?? null;
  if (!demoId && plans.length > 0) return null;
  if (!demoId) {
    // Replicas starting together on one database: one of them makes the demo plan.
    if (app.fanOut && !(await app.fanOut.claim('demo-plan', DEMO_CLAIM_MS))) return null;
    // Built in a child process at a start: an idle server holds no editing packages.
    demoId = (await createPlan(store, DEMO_PLAN_TITLE, 'r2p-nap')).id;
  }
  const usable = (await access.listInvites(demoId)).find(
    (invite) => invite.role === 'facilitator' && !invite.revokedAt && !invite.expiresAt,
  );
  const token =
    (usable && vault.unseal(usable.sealedToken)) ??
    (
      await issueInvite(access, vault, {
        planId: demoId,
        role: 'facilitator',
        groupId: null,
        expiresAt: null,
        createdBy: null,
      })
    ).token;
  return `/plans/${demoId}#invite=${token}`;
}
