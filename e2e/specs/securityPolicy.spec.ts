/**
 * Issue "Trust" (HTTP): the server sends a Content-Security-Policy with no inline scripts,
 * and the app does everything people do on the plan page under it — join, co-edit with
 * named carets, show a link's QR code, download a report, reload — without the browser
 * refusing anything or logging an error.
 */
import type { Page } from '@playwright/test';
import { type Actor, expect, test } from '../fixtures/test.ts';
import { createPlan, R2P_SECTIONS } from '../support/planApi.ts';

// The app kept on the device by its service worker, as in people's browsers.
test.use({ serviceWorkers: 'allow' });

const SECTION = R2P_SECTIONS.publicAwareness;

/**
 * Keeps every policy violation and console error of a person's pages from now on. The
 * listener is an init script, which Playwright runs outside the page's policy.
 */
async function watchPolicy(actor: Actor): Promise<() => Promise<string[]>> {
  const consoleErrors: string[] = [];
  actor.page.on('console', (message) => {
    if (message.type() === 'error') consoleErrors.push(`console: ${message.text()}`);
  });
  await actor.context.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { plenaryPolicyViolations: string[] }).plenaryPolicyViolations = seen;
    document.addEventListener('securitypolicyviolation', (event) => {
      seen.push(`violation: ${event.effectiveDirective} blocked ${event.blockedURI}`);
    });
  });
  return async () => [
    ...(await actor.page.evaluate(
      () =>
        (window as unknown as { plenaryPolicyViolations?: string[] }).plenaryPolicyViolations ?? [],
    )),
    ...consoleErrors,
  ];
}

async function policyOf(page: Page): Promise<string> {
  const response = await page.request.get('/');
  return response.headers()['content-security-policy'] ?? '';
}

test('the plan page works under the Content-Security-Policy with nothing refused', async ({
  startServer,
  actor,
  join,
}) => {
  // Two people, a download and a reload, on machines shared with other test runs.
  test.setTimeout(180_000);
  const plan = await createPlan(await startServer());
  const aliceProblems = await watchPolicy(await actor('alice'));
  const boraProblems = await watchPolicy(await actor('bora'));
  const alice = await join('alice', plan, { role: 'facilitator' });
  const bora = await join('bora', plan, { role: 'member', group: 'Group 1' });

  const policy = await policyOf(alice.page);
  expect(policy).toContain("script-src 'self'");
  expect(policy).toContain("frame-ancestors 'none'");
  expect(policy).not.toContain('unsafe-eval');

  // Co-editing: the websocket, TipTap's styles and the colours of each other's carets.
  await alice.plan.section(SECTION).typeAtEnd(' Alice writes under the policy.');
  await bora.plan.section(SECTION).typeAtEnd(' Bora too.');
  await alice.plan.section(SECTION).expectToContain('Bora too.');
  await expect(alice.plan.section(SECTION).caretOf('bora')).toBeVisible();
  await alice.plan.expectSaveState('saved');

  // A QR code of a new link, drawn as an SVG data: image.
  const share = await alice.plan.openShare();
  await share.create('Observer');
  const qr = share.shownLink.getByTestId('qr-code');
  await expect(qr).toBeVisible();
  expect(await qr.evaluate((image: HTMLImageElement) => image.naturalWidth)).toBeGreaterThan(0);
  await share.close();

  // A report download, handed to the browser as a blob: URL.
  const report = alice.page.getByTestId('report-download');
  await report.getByLabel('Format').selectOption({ label: 'Markdown' });
  const downloading = alice.page.waitForEvent('download');
  await report.getByRole('button', { name: 'Download report' }).click();
  expect((await downloading).suggestedFilename()).toMatch(/\.md$/);

  // Coming back on the same device resumes as the same person, with no name asked.
  await bora.plan.reload();
  await expect(bora.page.getByRole('dialog')).toHaveCount(0);
  await bora.plan.section(SECTION).expectToContain('Alice writes under the policy.');

  expect(await aliceProblems()).toEqual([]);
  expect(await boraProblems()).toEqual([]);
  expect(alice.pageErrors).toEqual([]);
  expect(bora.pageErrors).toEqual([]);
});
