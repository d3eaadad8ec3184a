/**
 * A plan's session opened as the app starts, when this device is already signed in to the
 * plan: the device copy opens and the sync socket connects while the page's code loads,
 * `GET /me` is answered and the page draws, instead of after all three, one after the other.
 * The page then takes the session that is already syncing (`takeSession`). On a venue's
 * slow network that is a round trip or two less before the text shows; on a fast one the
 * plan's state arrives while the page is still being drawn.
 */
import { localCopyName } from './LocalCopy.ts';
import { PlanSession, type RefusedTextReaders } from './PlanSession.ts';
import { connectPlan, syncServerUrl } from './planConnection.ts';

/** The readers of a refused doc's text, loaded on first use: they bring the editor's schema. */
export async function loadRefusedTextReaders(): Promise<RefusedTextReaders> {
  const [{ sectionTexts }, { planMarkdown }] = await Promise.all([
    import('./sectionTexts.ts'),
    import('./planMarkdown.ts'),
  ]);
  return { sectionTexts, planMarkdown };
}

/** Who opens a plan: the session is per plan, session token and participant. */
export interface SessionKey {
  planId: string;
  sessionToken: string;
  participantId: string;
}

/** Opens the plan's session, kept on this device per plan and participant. */
export function openPlanSession({ planId, sessionToken, participantId }: SessionKey): PlanSession {
  const name = localCopyName(planId, participantId);
  return new PlanSession(
    (after) =>
      connectPlan(planId, sessionToken, syncServerUrl(window.location), {}, { name, after }),
    loadRefusedTextReaders,
  );
}

/**
 * How long an early session waits to be taken. The page takes it as soon as `/me` has
 * confirmed the sign-in; one left longer was not wanted (the link was refused and the
 * person joins anew, or they went elsewhere) and is closed.
 */
export const EARLY_SESSION_WAIT_MS = 30_000;

interface Early {
  key: SessionKey;
  session: PlanSession;
  expiry: ReturnType<typeof setTimeout>;
}

let early: Early | null = null;
/** Once the page has asked for a session, none is opened early any more. */
let pageAsked = false;

const sameKey = (a: SessionKey, b: SessionKey): boolean =>
  a.planId === b.planId && a.sessionToken === b.sessionToken && a.participantId === b.participantId;

/**
 * Opens the session of a plan this device is signed in to, for the page to take. Does
 * nothing once the page has asked for its session (it opened its own).
 */
export function openSessionEarly(key: SessionKey, open = openPlanSession): void {
  if (pageAsked || early) return;
  const session = open(key);
  const expiry = setTimeout(() => {
    if (early?.session !== session) return;
    early = null;
    session.close();
  }, EARLY_SESSION_WAIT_MS);
  early = { key, session, expiry };
}

/**
 * The plan's session for the page: the early one when it was opened for the same plan,
 * token and participant, else a new one. An early session for someone else is closed.
 */
export function takeSession(key: SessionKey, open = openPlanSession): PlanSession {
  pageAsked = true;
  const taken = early;
  early = null;
  if (taken) {
    clearTimeout(taken.expiry);
    if (sameKey(taken.key, key)) return taken.session;
    taken.session.close();
  }
  return open(key);
}

/** Forgets what was opened or asked (tests). */
export function resetEarlySession(): void {
  if (early) {
    clearTimeout(early.expiry);
    early.session.close();
  }
  early = null;
  pageAsked = false;
}
