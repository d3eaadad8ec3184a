import { useCallback, useRef } from 'react';
import type { Awareness } from 'y-protocols/awareness';
import {
  type PresenterPosition,
  readPresenterPosition,
  samePosition,
} from './presenterPosition.ts';
import { useObservedValue } from './useObservedValue.ts';

/**
 * How long the presenter's last position stays after they are gone: a reload or a
 * dropped connection comes back within it, and the projector should not jump away and
 * back. Past it, the presenter has left, and the projector shows the presented section.
 */
export const PRESENTER_GRACE_MS = 10_000;

interface KeptPosition {
  presenterId: string;
  position: PresenterPosition;
  /** When the presenter's position went missing, or null while it is there. */
  goneSince: number | null;
}

/**
 * The position the presenter publishes in their presence, re-read whenever presence
 * changes. The last position stays for `PRESENTER_GRACE_MS` while the presenter is gone,
 * then null, as before the first one.
 */
export function usePresenterPosition(
  awareness: Awareness,
  presenterId: string | null,
): PresenterPosition | null {
  const last = useRef<KeptPosition | null>(null);
  const subscribe = useCallback(
    (onChange: () => void) => {
      let graceEnds: ReturnType<typeof setTimeout> | undefined;
      const onPresence = () => {
        onChange();
        clearTimeout(graceEnds);
        // Nothing in presence changes when the grace runs out: look again then.
        if (last.current?.goneSince != null) graceEnds = setTimeout(onChange, PRESENTER_GRACE_MS);
      };
      awareness.on('change', onPresence);
      return () => {
        awareness.off('change', onPresence);
        clearTimeout(graceEnds);
      };
    },
    [awareness],
  );
  const read = useCallback(() => {
    if (presenterId === null) return null;
    const current = readPresenterPosition(
      awareness.getStates() as Map<number, Record<string, unknown>>,
      presenterId,
    );
    const kept = last.current?.presenterId === presenterId ? last.current : null;
    if (current === null) {
      if (kept === null) return null;
      kept.goneSince ??= Date.now();
      return Date.now() - kept.goneSince < PRESENTER_GRACE_MS ? kept.position : null;
    }
    // The same object while nothing moved, so the projector does not scroll again.
    if (kept && samePosition(current, kept.position)) {
      kept.goneSince = null;
      return kept.position;
    }
    last.current = { presenterId, position: current, goneSince: null };
    return current;
  }, [awareness, presenterId]);
  return useObservedValue(subscribe, read);
}
