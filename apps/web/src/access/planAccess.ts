/**
 * The tokens this device holds for each plan, kept in localStorage: people have no
 * accounts, so the invite link's token and the session token from joining are what
 * lets them back in after a reload or a dropped connection. The session token is the
 * only way back in as the same person: the server resumes no one by name or id, so a
 * new device (or a cleared browser) joins as someone new.
 */
import { ROLES, type Role } from '@plenary/model';
import { readSetting, writeSetting } from '../localSettings.ts';

/** What this device keeps about one plan. */
export interface PlanAccess {
  /** The token of the invite link this device was sent (from its `#invite=` fragment). */
  inviteToken: string | null;
  /** The participant's own token, once they joined with the invite. */
  sessionToken: string | null;
  /** Sessions this device joined with other links of the plan, by their invite token. */
  sessionsByInvite: Record<string, string>;
  /** The plan's title as last seen, for the start page. */
  title: string | null;
  /** The role the link grants, as last seen. */
  role: Role | null;
  /** When this device last opened the plan (ISO time), to list recent plans first. */
  seenAt: string | null;
}

/** A plan this device has joined or been invited to, as the start page lists it. */
export interface RememberedPlan {
  id: string;
  title: string;
  role: Role | null;
  seenAt: string | null;
}

const NOTHING: PlanAccess = {
  inviteToken: null,
  sessionToken: null,
  sessionsByInvite: {},
  title: null,
  role: null,
  seenAt: null,
};

const stringOrNull = (value: unknown): string | null =>
  typeof value === 'string' && value ? value : null;

const stringRecord = (value: unknown): Record<string, string> =>
  typeof value === 'object' && value !== null
    ? Object.fromEntries(
        Object.entries(value).filter(
          (entry): entry is [string, string] => !!stringOrNull(entry[1]),
        ),
      )
    : {};

const roleOrNull = (value: unknown): Role | null => ROLES.find((role) => role === value) ?? null;

// Storage is shared with other tabs and older versions of the app: read defensively.
function readAll(): Record<string, PlanAccess> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readSetting('plenary.plans') ?? '{}');
  } catch {
    return {};
  }
  if (typeof parsed !== 'object' || parsed === null) return {};
  const all: Record<string, PlanAccess> = {};
  for (const [planId, entry] of Object.entries(parsed)) {
    if (typeof entry !== 'object' || entry === null) continue;
    const record = entry as Record<string, unknown>;
    all[planId] = {
      inviteToken: stringOrNull(record.inviteToken),
      sessionToken: stringOrNull(record.sessionToken),
      sessionsByInvite: stringRecord(record.sessionsByInvite),
      title: stringOrNull(record.title),
      role: roleOrNull(record.role),
      seenAt: stringOrNull(record.seenAt),
    };
  }
  return all;
}

/** What this device holds for a plan (all null when it holds nothing). */
export function readPlanAccess(planId: string): PlanAccess {
  return readAll()[planId] ?? NOTHING;
}

/** Changes what this device holds for a plan; the other fields stay as they were. */
export function updatePlanAccess(planId: string, change: Partial<PlanAccess>): void {
  const all = readAll();
  all[planId] = { ...(all[planId] ?? NOTHING), ...change };
  writeSetting('plenary.plans', JSON.stringify(all));
}

/** The plans this device can open (it holds a token for them), most recently seen first. */
export function rememberedPlans(): RememberedPlan[] {
  return Object.entries(readAll())
    .filter(([, access]) => access.inviteToken !== null || access.sessionToken !== null)
    .map(([id, access]) => ({
      id,
      title: access.title ?? id,
      role: access.role,
      seenAt: access.seenAt,
    }))
    .sort((a, b) => (b.seenAt ?? '').localeCompare(a.seenAt ?? ''));
}

/** The invite token in an address fragment (`#invite=<token>`), or null when there is none. */
export function inviteFromFragment(hash: string): string | null {
  const token = new URLSearchParams(hash.replace(/^#/, '')).get('invite');
  return token?.trim() || null;
}

/**
 * Moves an invite token from the address bar into storage, so that it is not shared by
 * accident when someone copies the address, and is still there after a reload. A link
 * that differs from the one this device joined with (a new role, a new group) replaces
 * it: the person joins with what the new link grants. The session of the link left is
 * kept, so that opening that link again on this device resumes as the same person.
 */
export function takeInviteFromAddress(
  planId: string,
  location: Pick<Location, 'hash' | 'pathname' | 'search'>,
  history: Pick<History, 'replaceState' | 'state'>,
): void {
  const token = inviteFromFragment(location.hash);
  if (token === null) return;
  const held = readPlanAccess(planId);
  if (held.inviteToken !== token) {
    const { [token]: earlier, ...others } = held.sessionsByInvite;
    if (held.inviteToken !== null && held.sessionToken !== null) {
      others[held.inviteToken] = held.sessionToken;
    }
    updatePlanAccess(planId, {
      inviteToken: token,
      sessionToken: earlier ?? null,
      sessionsByInvite: others,
    });
  }
  history.replaceState(history.state, '', `${location.pathname}${location.search}`);
}
