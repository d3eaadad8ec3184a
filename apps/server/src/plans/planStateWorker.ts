/**
 * Worker thread entry (see `planStateApart.ts`): builds a new plan's first state from a
 * template and posts it back as one Yjs update, then ends, taking the editing packages it
 * loaded with it.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { createPlanDoc } from '@plenary/editor';
import type { PlanTemplate } from '@plenary/model';
import * as Y from 'yjs';

const { title, template } = workerData as { title: string; template: PlanTemplate };
const doc = createPlanDoc(title, template);
parentPort?.postMessage(Y.encodeStateAsUpdate(doc));
doc.destroy();
