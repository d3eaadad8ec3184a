/**
 * A plan's session opened as the app starts, before the plan page's code has arrived,
 * from the sign-in this device kept: the device copy's IndexedDB, the socket and the
 * server's sync then overlap the page's code and `GET /me` instead of following them.
 * The plan page takes the session once the join flow has confirmed the same person with
 * the same token; otherwise it is closed (never deleted) and the page opens its own.
 */
import { keptSignIn } from '../access/keptSignIn.ts';
import { inviteFromFragment, readPlanAccess } from '../access/planAccess.ts';
import { localCopyName } from './LocalCopy.ts';
import { PlanSession, type RefusedTextReaders } from './PlanSession.ts';
import { connectPlan, syncServerUrl } from './planConnection.ts';
import { loadRefusedTextReaders } from './refusedTextReaders.ts';

/** A session not taken by then is closed: the person was not let in, or left. */
export const EARLY_SESSION_MAX_AGE_MS = 15_000;

interface EarlySession {
  planId: string;
  sessionToken: string;
  participantId: string;
  session: PlanSession;
  expiry: ReturnType<typeof setTimeout>;
}

let early: EarlySession | null = null;

/**
 * Opens the plan's session for the person this device last signed in as, when it holds
 * that session's token and the address brings no invite (which may replace the token).
 * The server checks the token on the socket as it does for any session.
 */
export function openSessionEarly(
  planId: string,
  hash: string,
  loadReaders: () => Promise<RefusedTextReaders> = loadRefusedTextReaders,
  serverUrl = syncServerUrl(window.location),
): void {
  if (early !== null || inviteFromFragment(hash) !== null) return;
  const { sessionToken } = readPlanAccess(planId);
  const me = keptSignIn(planId);
  if (sessionToken === null || me === null) return;
  const { participantId } = me;
  const session = new PlanSession(
    (after) =>
      connectPlan(
        planId,
        sessionToken,
        serverUrl,
        {},
        {
          name: localCopyName(planId, participantId),
          after,
        },
      ),
    loadReaders,
  );
  const expiry = setTimeout(() => {
    if (early?.session !== session) return;
    early = null;
    session.close();
  }, EARLY_SESSION_MAX_AGE_MS);
  early = { planId, sessionToken, participantId, session, expiry };
}

/**
 * The early session when it was opened for this plan, token and person, else null; an
 * early session for anyone else is closed, its device copy kept.
 */
export function takeEarlySession(
  planId: string,
  sessionToken: string,
  participantId: string,
): PlanSession | null {
  const taken = early;
  early = null;
  if (taken === null) return null;
  clearTimeout(taken.expiry);
  if (
    taken.planId === planId &&
    taken.sessionToken === sessionToken &&
    taken.participantId === participantId
  ) {
    return taken.session;
  }
  taken.session.close();
  return null;
}
