/**
 * Child process entry (see `planStateApart.ts`): builds a new plan's first state from the
 * template it is sent and sends it back as one Yjs update, then ends, and with it the
 * memory of the editing packages it loaded.
 */
import { createPlanDoc } from '@plenary/editor';
import type { PlanTemplate } from '@plenary/model';
import * as Y from 'yjs';

process.once('message', (message: { title: string; template: PlanTemplate }) => {
  const doc = createPlanDoc(message.title, message.template);
  const state = Y.encodeStateAsUpdate(doc);
  doc.destroy();
  process.send?.(state, () => process.disconnect());
});
