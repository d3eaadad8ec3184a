import { readSuggestingPolicy, type SuggestingPolicy } from '@plenary/model';
import type * as Y from 'yjs';
import { usePlanRootValue } from './usePlanRootValue.ts';

/** Who suggests by default in which phase, live from the doc. */
export function useSuggestingPolicy(doc: Y.Doc): SuggestingPolicy {
  return usePlanRootValue(doc, readSuggestingPolicy);
}
