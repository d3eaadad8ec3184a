import { useCallback, useRef } from 'react';
import type { Awareness } from 'y-protocols/awareness';
import {
  type PresenterPosition,
  readPresenterPosition,
  samePosition,
} from './presenterPosition.ts';
import { useObservedValue } from './useObservedValue.ts';

/**
 * The position the presenter publishes in their presence, re-read whenever presence
 * changes. The last position stays while the presenter is briefly gone (a reload, a
 * dropped connection), so the projector does not jump away; null before the first one.
 */
export function usePresenterPosition(
  awareness: Awareness,
  presenterId: string | null,
): PresenterPosition | null {
  const last = useRef<{ presenterId: string; position: PresenterPosition } | null>(null);
  const subscribe = useCallback(
    (onChange: () => void) => {
      awareness.on('change', onChange);
      return () => awareness.off('change', onChange);
    },
    [awareness],
  );
  const read = useCallback(() => {
    const current = readPresenterPosition(
      awareness.getStates() as Map<number, Record<string, unknown>>,
      presenterId,
    );
    if (presenterId === null) return null;
    const kept = last.current?.presenterId === presenterId ? last.current.position : null;
    // The same object while nothing moved, so the projector does not scroll again.
    if (current === null || samePosition(current, kept)) return kept;
    last.current = { presenterId, position: current };
    return current;
  }, [awareness, presenterId]);
  return useObservedValue(subscribe, read);
}
