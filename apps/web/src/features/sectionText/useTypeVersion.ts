import { useCallback, useSyncExternalStore } from 'react';
import type * as Y from 'yjs';
import type { SectionBlock } from './sectionTree.ts';

/** How many times each Yjs type has changed while drawn, as a snapshot for React. */
const versions = new WeakMap<object, number>();

/**
 * Follows changes to `type` (deep: anything inside it). Through useSyncExternalStore, so
 * that React draws a change in the same task as it arrives, as the editor would, rather
 * than in a later one.
 */
export function useTypeVersion(
  type: Y.XmlFragment | SectionBlock,
  deep: boolean,
  follow = true,
): number {
  const subscribe = useCallback(
    (onChange: () => void) => {
      if (!follow) return () => {};
      const changed = () => {
        versions.set(type, (versions.get(type) ?? 0) + 1);
        onChange();
      };
      if (deep) type.observeDeep(changed);
      else type.observe(changed);
      return () => (deep ? type.unobserveDeep(changed) : type.unobserve(changed));
    },
    [type, deep, follow],
  );
  return useSyncExternalStore(subscribe, () => versions.get(type) ?? 0);
}
