import { useSyncExternalStore } from 'react';
import type { LocalCopy, LocalCopyState } from './LocalCopy.ts';

/** What the page shows of the copy kept on this device. */
export interface LocalCopyView {
  state: LocalCopyState;
  /** How many unconfirmed changes are known to be written to the device. */
  kept: number;
}

const noSubscription = () => () => {};
const NONE: LocalCopyView = { state: 'unavailable', kept: 0 };
let last: LocalCopyView = NONE;

function viewOf(local: LocalCopy | null): LocalCopyView {
  if (!local) return NONE;
  const state = local.getState();
  const kept = local.keptUnconfirmed;
  // The same object while nothing changed, as useSyncExternalStore requires.
  if (last.state !== state || last.kept !== kept) last = { state, kept };
  return last;
}

/** The open plan's copy on this device, re-rendered when it changes (null: none kept). */
export function useLocalCopy(local: LocalCopy | null): LocalCopyView {
  return useSyncExternalStore(local?.subscribe ?? noSubscription, () => viewOf(local));
}

/**
 * Only the state of the open plan's copy on this device ('unavailable' when none is
 * kept): a component showing only the state is not re-rendered as the kept count changes
 * with every keystroke.
 */
export function useLocalCopyState(local: LocalCopy | null): LocalCopyState {
  return useSyncExternalStore(
    local?.subscribe ?? noSubscription,
    () => local?.getState() ?? NONE.state,
  );
}
