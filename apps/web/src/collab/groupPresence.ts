import type { GroupState } from '@plenary/model';
import type { OnlineUser } from './useOnlineUsers.ts';

/** The people of one breakout group who have the plan open. */
export interface GroupPresence {
  /** The group, or null for the facilitators and focal points, who belong to none. */
  group: GroupState | null;
  people: OnlineUser[];
}

/**
 * Who is online, per breakout group in the plan's order (empty groups too: the room
 * should see which group has not joined), then the facilitators and focal points.
 * Observers are left out (the projector is one), and a person with two tabs counts once.
 */
export function groupPresence(
  users: readonly OnlineUser[],
  groups: readonly GroupState[],
): GroupPresence[] {
  const seen = new Set<string>();
  const unique = users.filter((user) => {
    if (user.role === 'observer') return false;
    const key = user.participantId ?? `client:${user.clientId}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  const byGroup: GroupPresence[] = groups
    .filter((group) => !group.archived)
    .map((group) => ({
      group,
      people: unique.filter((user) => user.role === 'member' && user.groupId === group.id),
    }));
  const steering = unique.filter((user) => user.role !== 'member');
  return steering.length > 0 ? [...byGroup, { group: null, people: steering }] : byGroup;
}
