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
import { loadedEditor } from '../editorModule.ts';
import { planStateApart } from './planStateApart.ts';

/**
 * Creates a plan from a template (one of ours by id, or one made from an imported
 * outline) and stores its first state in one write; returns its id and state. Unless this
 * process holds the editing packages already, the state is built in a child process (see
 * `planStateApart`; some 300 ms instead of a few), so that it does not load them for it:
 * a room where nobody suggests never needs them.
 */
export async function createPlan(
  store: DocumentStore,
  title: string,
  template: PlanTemplateId | PlanTemplate,
): Promise<{ id: string; state: PlanState }> {
  const chosen = typeof template === 'string' ? PLAN_TEMPLATES[template] : template;
  const editor = loadedEditor();
  const initialState = editor
    ? encodedPlanDoc(editor.createPlanDoc(title, chosen))
    : await planStateApart(title, chosen);
  const id = await storeNewPlan(store, title, initialState);
  const doc = new Y.Doc();
  Y.applyUpdate(doc, initialState);
  const state = readPlan(doc);
  doc.destroy();
  return { id, state };
}

/** A new plan's document as one update, and let go. */
function encodedPlanDoc(doc: Y.Doc): Uint8Array {
  const update = Y.encodeStateAsUpdate(doc);
  doc.destroy();
  return update;
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
