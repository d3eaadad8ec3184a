import { hasPlan, type PlanState, readPlan } from '@plenary/model';
import type * as Y from 'yjs';
import { usePlanRootValue } from './usePlanRootValue.ts';

/** The plan's structure as the doc holds it now; `ready` once the server's copy has arrived. */
export interface PlanSnapshot {
  ready: boolean;
  plan: PlanState;
}

const NOT_YET_SYNCED: PlanSnapshot = {
  ready: false,
  plan: { title: '', phase: 'drafting', sections: [], removedSections: [], groups: [] },
};

// Reading an empty doc makes Yjs warn about detached types; there is nothing to read yet.
const readSnapshot = (doc: Y.Doc): PlanSnapshot =>
  hasPlan(doc) ? { ready: true, plan: readPlan(doc) } : NOT_YET_SYNCED;

/** The plan's live structure (title, sections, groups), re-read on every structural change. */
export function usePlanState(doc: Y.Doc): PlanSnapshot {
  return usePlanRootValue(doc, readSnapshot);
}
