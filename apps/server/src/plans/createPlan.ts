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
  const id = newPlanId();
  await store.createPlan({ id, title, initialState: Y.encodeStateAsUpdate(doc) });
  const state = readPlan(doc);
  doc.destroy();
  return { id, state };
}
