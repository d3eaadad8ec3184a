import { useMemo, useSyncExternalStore } from 'react';
import type { SaveState, SaveTracker } from './SaveTracker.ts';

/**
 * How long "saved" must hold before the indicator says so after "saving". While someone
 * types, each keystroke is stored within moments of the next: without this the indicator
 * flips between the two with every key, and each flip costs the page a style, layout and
 * paint pass of its own. Saying "saving" a little longer is never untrue.
 */
export const SAVED_SETTLE_MS = 800;

/** What the settled state reads from the tracker. */
type SaveStateSource = Pick<SaveTracker, 'getStatus' | 'subscribe'>;

/** The settled state of one tracker, as a store for useSyncExternalStore. */
interface SettledStore {
  get(): SaveState;
  subscribe(listener: () => void): () => void;
}

/**
 * The tracker's state, except that "saved" after "saving" is told only once it has held
 * for SAVED_SETTLE_MS (any other change is told at once). Settled here, outside React, so
 * that the tracker's saving/saved flip with each echo of a burst of keystrokes renders
 * nothing: the indicator hears only of what it shows.
 */
function settledStore(saves: SaveStateSource): SettledStore {
  let shown = saves.getStatus().state;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const holdStopped = () => {
    clearTimeout(timer);
    timer = undefined;
  };
  return {
    get: () => shown,
    subscribe(listener) {
      const show = (state: SaveState) => {
        if (state === shown) return;
        shown = state;
        listener();
      };
      const follow = () => {
        const { state } = saves.getStatus();
        if (state !== 'saved' || shown !== 'saving') {
          holdStopped();
          show(state);
        } else if (timer === undefined) {
          // A new "saving" before the delay ends stops this hold; the next "saved" starts anew.
          timer = setTimeout(() => {
            timer = undefined;
            show('saved');
          }, SAVED_SETTLE_MS);
        }
      };
      const unsubscribe = saves.subscribe(follow);
      follow();
      return () => {
        unsubscribe();
        holdStopped();
      };
    },
  };
}

/** The save state to show for `saves`: its state, with "saved" settled (see settledStore). */
export function useSettledSaveState(saves: SaveStateSource): SaveState {
  const store = useMemo(() => settledStore(saves), [saves]);
  return useSyncExternalStore(store.subscribe, store.get);
}
