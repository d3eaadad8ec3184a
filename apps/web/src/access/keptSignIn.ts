/**
 * Keeps a participant signed in while the venue network is down: who a session token
 * belongs to is remembered beside it, so that a reload without a network opens the plan
 * from this device instead of asking for a name or the server. The entry counts only for
 * the session token this device still holds for the plan, so clearing the token (a
 * refused link, a new link) clears the sign-in with it.
 */
import { ApiError, NETWORK_ERROR } from '../api/ApiError.ts';
import { fetchInviteInfo, joinPlan } from '../api/planApi.ts';
import type { Me } from '../api/planTypes.ts';
import { readSetting, writeSetting } from '../localSettings.ts';
import { fetchMeOnce } from './earlyMe.ts';
import type { JoinApi } from './JoinFlow.ts';
import { readPlanAccess } from './planAccess.ts';

export interface SignedIn {
  sessionToken: string;
  me: Me;
}

// Storage is shared with other tabs and older versions of the app: read defensively.
function readAll(): Record<string, SignedIn> {
  try {
    const parsed: unknown = JSON.parse(readSetting('plenary.signedIn') ?? '{}');
    return typeof parsed === 'object' && parsed !== null
      ? (parsed as Record<string, SignedIn>)
      : {};
  } catch {
    return {};
  }
}

function write(planId: string, entry: SignedIn | null): void {
  const all = readAll();
  if (entry) all[planId] = entry;
  else delete all[planId];
  writeSetting('plenary.signedIn', JSON.stringify(all));
}

/** The session token this device holds for the plan, with whom it belongs to as last confirmed. */
export function keptSession(planId: string): SignedIn | null {
  const entry = readAll()[planId];
  const { sessionToken } = readPlanAccess(planId);
  if (!entry || sessionToken === null || entry.sessionToken !== sessionToken) return null;
  return typeof entry.me?.participantId === 'string' ? { sessionToken, me: entry.me } : null;
}

/** Who the session token this device holds for the plan belongs to, as last confirmed. */
export function keptSignIn(planId: string): Me | null {
  return keptSession(planId)?.me ?? null;
}

/** Forgets who was signed in to the plan on this device (its copy was let go). */
export function forgetSignIn(planId: string): void {
  write(planId, null);
}

const unreachable = (error: unknown): boolean =>
  error instanceof ApiError && error.code === NETWORK_ERROR;

/**
 * The join flow's server calls, with `GET /me` answered from this device when the server
 * cannot be reached and the session was confirmed here before. The server still checks
 * the token on the sync socket once the network is back.
 */
export function signInKeptOffline(
  api: JoinApi = { fetchMe: fetchMeOnce, fetchInviteInfo, joinPlan },
): JoinApi {
  return {
    ...api,
    async fetchMe(planId, sessionToken) {
      try {
        const me = await api.fetchMe(planId, sessionToken);
        write(planId, { sessionToken, me });
        return me;
      } catch (error) {
        const kept = keptSession(planId);
        if (unreachable(error) && kept?.sessionToken === sessionToken) return kept.me;
        // A refused or unknown session is gone for good; a server error may pass.
        if (error instanceof ApiError && (error.status === 401 || error.status === 404)) {
          write(planId, null);
        }
        throw error;
      }
    },
  };
}
