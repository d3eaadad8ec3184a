import type * as Y from 'yjs';
import { PLAN_ROOT, type PlanState, readPlan } from './plan.ts';

const kept = new WeakMap<Y.Doc, PlanState>();
const watched = new WeakSet<Y.Doc>();

/**
 * The plan's structure as `readPlan` reads it, read once and kept until the plan's root
 * (title, phase, sections, groups) changes: the relay checks every update against it, and
 * the updates that change text, nearly all of them, leave it as it was. Not to be changed.
 * Inside a transaction that changes the plan it is the plan before it: read `readPlan` there.
 */
export function keptPlan(doc: Y.Doc): Readonly<PlanState> {
  const known = kept.get(doc);
  if (known) return known;
  if (!watched.has(doc)) {
    watched.add(doc);
    // Observers run at the end of each transaction, before anyone can read the plan again.
    doc.getMap(PLAN_ROOT).observeDeep(() => kept.delete(doc));
  }
  const plan = readPlan(doc);
  kept.set(doc, plan);
  return plan;
}
