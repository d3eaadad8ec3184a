import { hasPlan, PLAN_ROOT, type PlanState, readPlan } from '@plenary/model';
import { useCallback } from 'react';
import type * as Y from 'yjs';
import { useObservedValue } from './useObservedValue.ts';

/** The plan's structure as the doc holds it now; `ready` once the server's copy has arrived. */
export interface PlanSnapshot {
  ready: boolean;
  plan: PlanState;
}

const NOT_YET_SYNCED: PlanSnapshot = {
  ready: false,
  plan: { title: '', phase: 'drafting', sections: [], removedSections: [], groups: [] },
};

/** The plan's live structure (title, sections, groups), re-read on every structural change. */
export function usePlanState(doc: Y.Doc): PlanSnapshot {
  const subscribe = useCallback(
    (onChange: () => void) => {
      // Only the `plan` root: typing in a section's text must not re-render the page.
      const root = doc.getMap(PLAN_ROOT);
      root.observeDeep(onChange);
      return () => root.unobserveDeep(onChange);
    },
    [doc],
  );
  const read = useCallback(
    // Reading an empty doc makes Yjs warn about detached types; there is nothing to read yet.
    (): PlanSnapshot => (hasPlan(doc) ? { ready: true, plan: readPlan(doc) } : NOT_YET_SYNCED),
    [doc],
  );
  return useObservedValue(subscribe, read);
}
