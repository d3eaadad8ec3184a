import { useSyncExternalStore } from 'react';
import type { SaveStatus, SaveTracker } from './SaveTracker.ts';

/** The saving indicator's state for an open plan, re-rendered when it changes. */
export function useSaveStatus(saves: SaveTracker): SaveStatus {
  return useSyncExternalStore(saves.subscribe, saves.getStatus);
}
