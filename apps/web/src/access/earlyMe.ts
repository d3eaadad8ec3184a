/**
 * `GET /me` asked for as a plan's address starts loading, in parallel with the plan
 * page's code, instead of after that code has arrived and drawn the join step: opening a
 * plan waits for the answer before the plan's sync can start.
 */
import { fetchMe } from '../api/planApi.ts';
import type { Me } from '../api/planTypes.ts';
import { inviteFromFragment, readPlanAccess } from './planAccess.ts';

/** An answer older than this is asked for again: the person may have left and come back. */
const EARLY_ME_MAX_AGE_MS = 10_000;

interface EarlyMe {
  planId: string;
  sessionToken: string;
  askedAt: number;
  me: Promise<Me>;
}

let early: EarlyMe | null = null;

/**
 * Asks who this device's session in the plan is, when it holds a session token and the
 * address brings no invite (which may replace the token as the join flow takes it in).
 */
export function fetchMeEarly(planId: string, hash: string, now = Date.now()): void {
  if (inviteFromFragment(hash) !== null) return;
  const { sessionToken } = readPlanAccess(planId);
  if (sessionToken === null) return;
  const me = fetchMe(planId, sessionToken);
  // The join flow handles a failure when it takes the answer; untaken, it is dropped.
  me.catch(() => {});
  early = { planId, sessionToken, askedAt: now, me };
}

/** `GET /me`, answered by the early request when it was for the same plan and token. */
export function fetchMeOnce(planId: string, sessionToken: string, now = Date.now()): Promise<Me> {
  const taken = early;
  early = null;
  if (
    taken?.planId === planId &&
    taken.sessionToken === sessionToken &&
    now - taken.askedAt <= EARLY_ME_MAX_AGE_MS
  ) {
    return taken.me;
  }
  return fetchMe(planId, sessionToken);
}
