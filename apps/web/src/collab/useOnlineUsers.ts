import { ROLES, type Role } from '@plenary/model';
import { useCallback, useMemo } from 'react';
import type { Awareness } from 'y-protocols/awareness';
import { useObservedValue } from './useObservedValue.ts';

/** Someone with the plan open, as their awareness `user` field names them. */
export interface OnlineUser {
  clientId: number;
  /** The person behind the client, vouched by the server; one person may have two tabs. */
  participantId: string | null;
  name: string;
  color: string;
  /** Set by the server from the person's link, so it can be trusted; null if absent. */
  role: Role | null;
  groupId: string | null;
  self: boolean;
}

/** Who is online, split the way the sidebar shows them. */
export interface OnlinePeople {
  /** People who can write: facilitators, focal points, members. */
  writing: OnlineUser[];
  /** Observers, who only read along. */
  viewing: OnlineUser[];
}

interface PresenceUser {
  participantId?: unknown;
  name: string;
  color: string;
  role?: unknown;
  groupId?: unknown;
}

const isUser = (value: unknown): value is PresenceUser =>
  typeof value === 'object' &&
  value !== null &&
  typeof (value as { name?: unknown }).name === 'string' &&
  typeof (value as { color?: unknown }).color === 'string';

/** Everyone connected to the plan with a name, this device first, then by name. */
export function readOnlineUsers(awareness: Awareness): OnlineUser[] {
  const users: OnlineUser[] = [];
  for (const [clientId, state] of awareness.getStates()) {
    const user: unknown = state?.user;
    if (isUser(user) && user.name.trim()) {
      users.push({
        clientId,
        participantId: typeof user.participantId === 'string' ? user.participantId : null,
        name: user.name,
        color: user.color,
        role: ROLES.find((role) => role === user.role) ?? null,
        groupId: typeof user.groupId === 'string' ? user.groupId : null,
        self: clientId === awareness.clientID,
      });
    }
  }
  return users.sort((a, b) => Number(b.self) - Number(a.self) || a.name.localeCompare(b.name));
}

/** Splits the people online into those who write and the observers who only view. */
export function splitByRole(users: OnlineUser[]): OnlinePeople {
  return {
    writing: users.filter((user) => user.role !== 'observer'),
    viewing: users.filter((user) => user.role === 'observer'),
  };
}

const sameUser = (a: OnlineUser, b: OnlineUser | undefined): boolean =>
  b !== undefined &&
  a.clientId === b.clientId &&
  a.participantId === b.participantId &&
  a.name === b.name &&
  a.color === b.color &&
  a.role === b.role &&
  a.groupId === b.groupId &&
  a.self === b.self;

/** True when two readings list the same people the same way. */
export const sameOnlineUsers = (a: readonly OnlineUser[], b: readonly OnlineUser[]): boolean =>
  a.length === b.length && a.every((user, index) => sameUser(user, b[index]));

/**
 * The people online in the plan, updated as they come and go. The list stays the same
 * array while nobody comes, goes or changes name: carets move with every keystroke (a
 * presence change), and the page must not re-render for that.
 */
export function useOnlineUsers(awareness: Awareness): OnlineUser[] {
  const subscribe = useCallback(
    (onChange: () => void) => {
      // `change`, not `update`: the 15-second presence renewals change nothing on screen.
      awareness.on('change', onChange);
      return () => awareness.off('change', onChange);
    },
    [awareness],
  );
  const read = useMemo(() => {
    let last: OnlineUser[] = [];
    return () => {
      const next = readOnlineUsers(awareness);
      if (!sameOnlineUsers(last, next)) last = next;
      return last;
    };
  }, [awareness]);
  return useObservedValue(subscribe, read);
}
