import { PLAN_ROOT } from '@plenary/model';
import { useCallback } from 'react';
import type * as Y from 'yjs';
import { useObservedValue } from './useObservedValue.ts';

/**
 * A value read from the doc's `plan` map (structure, presentation, timer), re-read on
 * every change to that map. `read` must be stable (memoized or module-level).
 */
export function usePlanRootValue<T>(doc: Y.Doc, read: (doc: Y.Doc) => T): T {
  const subscribe = useCallback(
    (onChange: () => void) => {
      // Only the `plan` root: typing in a section's text must not re-render the page.
      const root = doc.getMap(PLAN_ROOT);
      root.observeDeep(onChange);
      return () => root.unobserveDeep(onChange);
    },
    [doc],
  );
  const readDoc = useCallback(() => read(doc), [doc, read]);
  return useObservedValue(subscribe, readDoc);
}
