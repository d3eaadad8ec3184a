import type { DocumentStore } from '@plenary/storage';
import { createPlan } from './createPlan.ts';

/** Title of the plan a fresh installation starts with. */
export const DEMO_PLAN_TITLE = 'National Action Plan on R2P and Atrocity Prevention (demo)';

/** Creates the demo plan when the store has no plans yet; returns its id, or null. */
export async function seedDemoPlan(store: DocumentStore): Promise<string | null> {
  const existing = await store.listPlans();
  if (existing.length > 0)
    return existing.find((plan) => plan.title === DEMO_PLAN_TITLE)?.id ?? null;
  const { id } = await createPlan(store, DEMO_PLAN_TITLE, 'r2p-nap');
  return id;
}
