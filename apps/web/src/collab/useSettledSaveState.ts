import { useEffect, useState } from 'react';
import type { SaveState } from './SaveTracker.ts';

/**
 * How long "saved" must hold before the indicator says so after "saving". While someone
 * types, each keystroke is stored within moments of the next: without this the indicator
 * flips between the two with every key, and each flip costs the page a style, layout and
 * paint pass of its own. Saying "saving" a little longer is never untrue.
 */
export const SAVED_SETTLE_MS = 800;

/**
 * The save state to show: `state`, except that "saved" after "saving" shows only once it
 * has held for SAVED_SETTLE_MS (any other change shows at once).
 */
export function useSettledSaveState(state: SaveState): SaveState {
  const [shown, setShown] = useState(state);
  const holding = state === 'saved' && shown === 'saving';
  useEffect(() => {
    if (!holding) {
      setShown(state);
      return;
    }
    // A new "saving" before the delay ends clears this timer (the deps change).
    const timer = setTimeout(() => setShown('saved'), SAVED_SETTLE_MS);
    return () => clearTimeout(timer);
  }, [state, holding]);
  return holding ? 'saving' : state;
}
