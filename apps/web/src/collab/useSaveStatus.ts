import { useCallback, useSyncExternalStore } from 'react';
import type { SaveStatus, SaveTracker } from './SaveTracker.ts';

const whole = (status: SaveStatus): SaveStatus => status;

/**
 * The saving indicator's state for an open plan, or the part of it that `select` picks
 * (a primitive or a stable object): the component re-renders only when that part
 * changes. Every keystroke changes the count of unconfirmed changes, so only the
 * indicator itself should read the whole status. `select` must be stable.
 */
export function useSaveStatus<T = SaveStatus>(
  saves: SaveTracker,
  select: (status: SaveStatus) => T = whole as (status: SaveStatus) => T,
): T {
  const read = useCallback(() => select(saves.getStatus()), [saves, select]);
  return useSyncExternalStore(saves.subscribe, read);
}
