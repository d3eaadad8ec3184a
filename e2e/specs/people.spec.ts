/**
 * Issue "The room's experience", feedback and control: the facilitator removes one person
 * without cutting off the rest of their group, and can give a person a link of their own.
 */
import { expect, test } from '../fixtures/test.ts';
import { PlanPage } from '../pages/PlanPage.ts';
import { createPlan, R2P_SECTIONS } from '../support/planApi.ts';

test('the facilitator removes one member; the others on the same link write on', async ({
  startServer,
  join,
  actor,
}) => {
  const plan = await createPlan(await startServer());
  const alice = await join('alice', plan, { role: 'facilitator' });
  const bora = await join('bora', plan, { role: 'member', group: 'Group 1' });
  if (!bora.invite) throw new Error('a member joins with an invite link');
  const chan = await actor('chan', { server: plan.server });
  const chanPlan = await PlanPage.join(chan.page, bora.invite.url, 'Chan');

  const share = await alice.plan.openShare();
  await share.removePerson('bora');
  await expect(bora.plan.refusalNotice).toContainText('The facilitator has removed you');
  await bora.page.reload();
  await expect(bora.page.getByTestId('access-problem')).toContainText(
    'The facilitator has removed you from this plan',
  );

  // Chan came in through the same link and goes on writing.
  await share.close();
  const written = ' Chan goes on for Group 1.';
  await chanPlan.section(R2P_SECTIONS.publicAwareness).typeAtEnd(written);
  await chanPlan.expectSaveState('saved');
  await alice.plan.section(R2P_SECTIONS.publicAwareness).expectToContain(written.trim());
});

test('the Share panel makes a per-person link, named for its person', async ({
  startServer,
  join,
}) => {
  const plan = await createPlan(await startServer());
  const alice = await join('alice', plan, { role: 'facilitator' });
  const share = await alice.plan.openShare();
  await share.dialog.getByRole('combobox', { name: 'Group' }).selectOption({ label: 'Group 2' });
  await share.dialog.getByRole('textbox', { name: 'For one person (optional)' }).fill('Dara');
  await share.createLink.click();
  await expect(share.shownLink).toContainText('Dara’s Member link (Group 2)');
});
