import { createPlanDoc } from '@plenary/editor';
import {
  newPlanId,
  PLAN_TEMPLATES,
  type PlanState,
  type PlanTemplateId,
  readPlan,
} from '@plenary/model';
import type { DocumentStore } from '@plenary/storage';
import * as Y from 'yjs';

/** Creates a plan from a template and stores its first state; returns its id and state. */
export async function createPlan(
  store: DocumentStore,
  title: string,
  template: PlanTemplateId,
): Promise<{ id: string; state: PlanState }> {
  const doc = createPlanDoc(title, PLAN_TEMPLATES[template]);
  const id = newPlanId();
  await store.createPlan({ id, title, initialState: Y.encodeStateAsUpdate(doc) });
  const state = readPlan(doc);
  doc.destroy();
  return { id, state };
}
