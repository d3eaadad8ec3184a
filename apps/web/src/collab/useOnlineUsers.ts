import { useCallback } from 'react';
import type { Awareness } from 'y-protocols/awareness';
import { useObservedValue } from './useObservedValue.ts';

/** Someone with the plan open, as their awareness `user` field names them. */
export interface OnlineUser {
  clientId: number;
  name: string;
  color: string;
  self: boolean;
}

const isUser = (value: unknown): value is { name: string; color: string } =>
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
        name: user.name,
        color: user.color,
        self: clientId === awareness.clientID,
      });
    }
  }
  return users.sort((a, b) => Number(b.self) - Number(a.self) || a.name.localeCompare(b.name));
}

/** The people online in the plan, updated as they come, go, or rename themselves. */
export function useOnlineUsers(awareness: Awareness): OnlineUser[] {
  const subscribe = useCallback(
    (onChange: () => void) => {
      // `change`, not `update`: the 15-second presence renewals change nothing on screen.
      awareness.on('change', onChange);
      return () => awareness.off('change', onChange);
    },
    [awareness],
  );
  const read = useCallback(() => readOnlineUsers(awareness), [awareness]);
  return useObservedValue(subscribe, read);
}
