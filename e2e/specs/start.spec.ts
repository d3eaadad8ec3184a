/**
 * Issue "The room's experience": the start page shows anyone on the wifi only the plans
 * their own browser joined; the server's full list needs PLENARY_ADMIN_TOKEN.
 */
import { expect, test } from '../fixtures/test.ts';
import { expectNoSeriousViolations, expectVisibleFocus, tabTo } from '../support/accessibility.ts';
import { createPlan } from '../support/planApi.ts';

const ADMIN_TOKEN = 'a-long-admin-token-for-the-venue';

test('without an admin token, the start page lists only the plans this browser joined', async ({
  startServer,
  join,
  actor,
}) => {
  const server = await startServer();
  const joined = await createPlan(server, 'Plan Bora joined');
  await createPlan(server, 'Someone else’s plan');
  const bora = await join('bora', joined, { role: 'member', group: 'Group 1' });
  await bora.page.goto('/');
  const mine = bora.page.getByRole('region', { name: 'Your plans' });
  await expect(mine.getByRole('link', { name: /Plan Bora joined/ })).toBeVisible();
  await expect(bora.page.getByText('Someone else’s plan')).toHaveCount(0);
  await expect(bora.page.getByRole('heading', { name: 'All plans on this server' })).toHaveCount(0);
  await expectNoSeriousViolations(bora.page, 'the start page');

  // Creating stays open on a venue laptop with no admin, keyboard only.
  const newcomer = await actor('newcomer', { server });
  await newcomer.page.goto('/');
  await tabTo(newcomer.page, newcomer.page.getByRole('textbox', { name: 'Plan title' }));
  await expectVisibleFocus(newcomer.page);
  await newcomer.page.keyboard.type('Keyboard plan');
  await newcomer.page.keyboard.press('Enter');
  await expect(newcomer.page.getByRole('dialog')).toBeVisible();
  await expectNoSeriousViolations(newcomer.page, 'the join dialog');
});

test('with an admin token, the full list and creating need it', async ({ startServer, actor }) => {
  const server = await startServer({ env: { PLENARY_ADMIN_TOKEN: ADMIN_TOKEN } });
  const admin = await actor('admin', { server });
  await admin.page.goto('/');
  await expect(admin.page.getByRole('textbox', { name: 'Plan title' })).toHaveCount(0);
  await admin.page.getByRole('textbox', { name: 'Administrator token' }).fill(ADMIN_TOKEN);
  await admin.page.getByRole('button', { name: 'Use token' }).click();
  await expect(admin.page.getByRole('heading', { name: 'All plans on this server' })).toBeVisible();
  await expect(admin.page.getByRole('textbox', { name: 'Plan title' })).toBeVisible();
  await expectNoSeriousViolations(admin.page, 'the start page with the admin token');
});
