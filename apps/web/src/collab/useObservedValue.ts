import { useMemo, useSyncExternalStore } from 'react';

/**
 * A value read from a mutable source (a Y type, an awareness) that re-reads it when the
 * source reports a change. `subscribe` and `read` must be stable (memoized) callbacks.
 */
export function useObservedValue<T>(
  subscribe: (onChange: () => void) => () => void,
  read: () => T,
): T {
  const store = useMemo(() => {
    let value = read();
    return {
      getSnapshot: () => value,
      subscribe: (notify: () => void) => {
        const unsubscribe = subscribe(() => {
          value = read();
          notify();
        });
        // The source may have changed between the first render and this subscription
        // (a sync can land in between); read once more so that change is not missed.
        value = read();
        notify();
        return unsubscribe;
      },
    };
  }, [subscribe, read]);
  return useSyncExternalStore(store.subscribe, store.getSnapshot);
}
