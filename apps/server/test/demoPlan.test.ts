import type { ChildProcess } from 'node:child_process';
import { PLAN_TEMPLATES, readPlan, sectionFragmentName } from '@plenary/model';
import { openStorage } from '@plenary/storage';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { DEMO_PLAN_TITLE } from '../src/plans/seedDemoPlan.ts';
import { freePort, spawnServer } from './support/serverProcess.ts';
import { tempDataDir } from './support/testServer.ts';

let child: ChildProcess | null = null;
afterEach(() => {
  child?.kill('SIGKILL');
  child = null;
});

describe('the first start of a server', () => {
  it('stores the demo plan, built in a child process, with its template and title', async () => {
    const dataDir = tempDataDir();
    child = await spawnServer(dataDir, await freePort());
    const storage = await openStorage({ dataDir });
    try {
      const demo = (await storage.documents.listPlans()).find(
        (plan) => plan.title === DEMO_PLAN_TITLE,
      );
      expect(demo).toBeDefined();
      const loaded = await storage.documents.loadDocument(demo?.id ?? '');
      const doc = new Y.Doc();
      for (const update of loaded?.updates ?? []) Y.applyUpdate(doc, update);
      const plan = readPlan(doc);
      expect(plan.title).toBe(DEMO_PLAN_TITLE);
      expect(plan.sections.map((section) => section.title)).toEqual(
        PLAN_TEMPLATES['r2p-nap'].sections.map((section) => section.title),
      );
      // The sections hold the template's text, not empty fragments.
      const first = plan.sections[0];
      expect(first && doc.getXmlFragment(sectionFragmentName(first.id)).length).toBeGreaterThan(0);
    } finally {
      await storage.close();
    }
  });
});
