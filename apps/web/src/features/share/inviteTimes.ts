import type { Invite } from '../../api/planTypes.ts';

/** How long a new link works, as the Share panel offers it. */
export interface ExpiryChoice {
  id: string;
  label: `share.expiry${'Never' | 'Hours4' | 'Day1' | 'Days3' | 'Week1'}`;
  /** Hours from now, or null for a link that works until it is revoked. */
  hours: number | null;
}

/**
 * Lifetimes that fit a dialogue: a session, a day, the few days of a workshop, a week.
 * Choices rather than a date picker, which is fiddly on phones and for non-technical people.
 */
export const EXPIRY_CHOICES: readonly ExpiryChoice[] = [
  { id: 'never', label: 'share.expiryNever', hours: null },
  { id: 'hours4', label: 'share.expiryHours4', hours: 4 },
  { id: 'day1', label: 'share.expiryDay1', hours: 24 },
  { id: 'days3', label: 'share.expiryDays3', hours: 72 },
  { id: 'week1', label: 'share.expiryWeek1', hours: 168 },
];

const HOUR_MS = 3_600_000;

/** When a link made now with this choice stops working (ISO time), or undefined for never. */
export function expiresAt(choiceId: string, now: Date): string | undefined {
  const hours = EXPIRY_CHOICES.find((choice) => choice.id === choiceId)?.hours ?? null;
  return hours === null ? undefined : new Date(now.getTime() + hours * HOUR_MS).toISOString();
}

/** Whether a link still lets people join. */
export type InviteState = 'active' | 'expired' | 'revoked';

/** Whether a link still works at `now`. */
export function inviteState(
  invite: Pick<Invite, 'expiresAt' | 'revokedAt'>,
  now: Date,
): InviteState {
  if (invite.revokedAt !== null) return 'revoked';
  if (invite.expiresAt !== null && Date.parse(invite.expiresAt) <= now.getTime()) return 'expired';
  return 'active';
}

/** Links in the order a facilitator looks for them: working ones first, newest first. */
export function sortInvites<T extends Invite>(invites: readonly T[], now: Date): T[] {
  const working = (invite: T) => (inviteState(invite, now) === 'active' ? 0 : 1);
  return [...invites].sort(
    (a, b) => working(a) - working(b) || b.createdAt.localeCompare(a.createdAt),
  );
}
