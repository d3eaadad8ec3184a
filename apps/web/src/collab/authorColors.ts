import type { GroupState } from '@plenary/model';
import type { OnlineUser } from './useOnlineUsers.ts';

/**
 * The plenary's colour (`--plenary-color`): text by facilitators and focal points, and by
 * someone no longer online, whose group presence cannot tell.
 */
export const PLENARY_COLOR = '#1f3a5f';

/** How text by one Yjs client is marked: the colour of its author's group. */
export interface AuthorMark {
  color: string;
  /** The author's breakout group, or null when they have none or are not online. */
  groupId: string | null;
}

/**
 * The mark for text written by Yjs client `clientId`. A presence entry is keyed by the
 * same client id as the text its owner types, and its group is vouched by the server.
 */
export function authorMark(
  clientId: number,
  users: readonly OnlineUser[],
  groups: readonly GroupState[],
): AuthorMark {
  const author = users.find((user) => user.clientId === clientId);
  const group = author?.groupId
    ? groups.find((candidate) => candidate.id === author.groupId)
    : undefined;
  return group
    ? { color: group.color, groupId: group.id }
    : { color: PLENARY_COLOR, groupId: null };
}
