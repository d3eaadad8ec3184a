import {
  newPlanId,
  PLAN_TEMPLATES,
  type PlanState,
  type PlanTemplate,
  type PlanTemplateId,
  readPlan,
} from '@plenary/model';
import type { DocumentStore } from '@plenary/storage';
import * as Y from 'yjs';
import { loadEditor } from '../editorModule.ts';
import { planStateApart } from './planStateApart.ts';

/**
 * Creates a plan from a template (one of ours by id, or one made from an imported
 * outline) and stores its first state in one write; returns its id and state.
 */
export async function createPlan(
  store: DocumentStore,
  title: string,
  template: PlanTemplateId | PlanTemplate,
): Promise<{ id: string; state: PlanState }> {
  const { createPlanDoc } = await loadEditor();
  const doc = createPlanDoc(
    title,
    typeof template === 'string' ? PLAN_TEMPLATES[template] : template,
  );
  const id = await storeNewPlan(store, title, Y.encodeStateAsUpdate(doc));
  const state = readPlan(doc);
  doc.destroy();
  return { id, state };
}

/**
 * Creates a plan from one of our templates as `createPlan` does, but builds its first
 * state in a child process (see `planStateApart`), so that this process does not load the
 * editing packages for it; returns its id.
 */
export async function createPlanApart(
  store: DocumentStore,
  title: string,
  template: PlanTemplateId,
): Promise<string> {
  return storeNewPlan(store, title, await planStateApart(title, PLAN_TEMPLATES[template]));
}

/** Stores a new plan with its first state in one write; returns its id. */
async function storeNewPlan(
  store: DocumentStore,
  title: string,
  initialState: Uint8Array,
): Promise<string> {
  const id = newPlanId();
  await store.createPlan({ id, title, initialState });
  return id;
}
