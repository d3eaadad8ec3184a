/**
 * Takes the README's screenshot: two people editing the R2P National Action Plan, seen
 * from the facilitator's laptop with the member's named caret and "All changes saved".
 *
 *   node --import tsx e2e/readmeScreenshot.ts
 *
 * Needs the built web app; writes docs/screenshot.png (1280×800).
 */
import path from 'node:path';
import { chromium, expect } from '@playwright/test';
import { PlanPage } from './pages/PlanPage.ts';
import { chromiumLaunchOptions } from './support/browser.ts';
import { createInvite, createPlan, R2P_SECTIONS } from './support/planApi.ts';
import { repoRoot, startPlenaryServer } from './support/server.ts';

const VIEWPORT = { width: 1280, height: 800 };
const SECTION = R2P_SECTIONS.publicAwareness;

const server = await startPlenaryServer({ env: { LOG_LEVEL: 'warn' } });
const browser = await chromium.launch(chromiumLaunchOptions());
try {
  const plan = await createPlan(server, 'National Action Plan on R2P and Atrocity Prevention');
  const member = await createInvite(plan, { role: 'member', group: 'Group 1' });
  const alicePage = await (await browser.newContext({ viewport: VIEWPORT })).newPage();
  const boraPage = await (await browser.newContext({ viewport: VIEWPORT })).newPage();
  const alice = await PlanPage.join(alicePage, plan.url, 'Alice');
  const bora = await PlanPage.join(boraPage, member.url, 'Bora');

  // Alice writes under the group's list while Bora adds a recommendation to it.
  const aliceSection = alice.section(SECTION);
  await aliceSection.moveToEnd();
  // Enter twice leaves the list for a paragraph of her own.
  await alicePage.keyboard.press('Enter');
  await alicePage.keyboard.press('Enter');
  await alicePage.keyboard.type('The plenary will prioritise these at the next session.');
  const boraSection = bora.section(SECTION);
  await boraSection.expectToContain('prioritise these');
  await boraSection.textbox.getByText('Op-eds, articles in local media').click();
  await boraPage.keyboard.press('End');
  await boraPage.keyboard.press('Enter');
  await boraPage.keyboard.type('Radio call-in programmes in every province, in Khmer: ');
  await boraPage.keyboard.insertText('ការផ្សព្វផ្សាយតាមវិទ្យុ');

  await aliceSection.expectToContain('ការផ្សព្វផ្សាយតាមវិទ្យុ');
  await expect(aliceSection.caretOf('Bora')).toBeVisible();
  await alice.expectSaveState('saved');
  await bora.expectSaveState('saved');
  await expect(alice.saveStatus).toHaveText('All changes saved');
  await aliceSection.region.evaluate((section) => section.scrollIntoView({ block: 'center' }));
  const file = path.join(repoRoot, 'docs', 'screenshot.png');
  await alicePage.screenshot({ path: file });
  process.stdout.write(`wrote ${file}\n`);
} finally {
  await browser.close();
  await server.stop();
}
