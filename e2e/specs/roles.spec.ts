/**
 * Issue "Breakout groups, roles, phases and invite links": a member writes in their own
 * group's sections while groups draft, everywhere unlocked once the plan is in Review,
 * and is disconnected, with the reason in words, when the facilitator revokes their link.
 */
import { expect, test } from '../fixtures/test.ts';
import { createPlan, R2P_SECTIONS } from '../support/planApi.ts';

test('a member drafts in their group’s section, reviews the others’, and is told when their link is revoked', async ({
  startServer,
  join,
}) => {
  const plan = await createPlan(await startServer());
  const alice = await join('alice', plan, { role: 'facilitator' });
  const bora = await join('bora', plan, { role: 'member', group: 'Group 1' });
  const own = bora.plan.section(R2P_SECTIONS.publicAwareness);
  const othersSection = bora.plan.section(R2P_SECTIONS.riskFactors);

  // Drafting: Group 1's section is Bora's to write.
  await own.expectWritable();
  const drafted = ' Bora drafts for Group 1.';
  await own.typeAtEnd(drafted);
  await bora.plan.expectSaveState('saved');
  await alice.plan.section(R2P_SECTIONS.publicAwareness).expectToContain(drafted.trim());

  // Group 2's section is read-only for him: the editor says so and takes no keys.
  await othersSection.expectWritable(false);
  await expect(othersSection.region).toContainText('Read-only: Group 2 is drafting this section.');
  const untouched = await othersSection.text();
  await othersSection.typeAtEnd('Bora tries to write in Group 2.');
  expect(await othersSection.text()).toBe(untouched);
  await expect(bora.page.getByText('Bora tries')).toHaveCount(0);
  await bora.plan.expectSaveState('saved');
  await expect(bora.plan.refusalNotice).toHaveCount(0);
  expect(await alice.plan.section(R2P_SECTIONS.riskFactors).text()).not.toContain('Bora tries');

  // Review: every unlocked section is open to members.
  await alice.plan.setPhase('Review');
  await othersSection.expectWritable();
  const reviewed = ' Bora reviews Group 2’s early warning.';
  await othersSection.typeAtEnd(reviewed);
  await bora.plan.expectSaveState('saved');
  await alice.plan.section(R2P_SECTIONS.riskFactors).expectToContain(reviewed.trim());

  // The facilitator withdraws Bora's link in the Share panel.
  if (!bora.invite) throw new Error('a member joins with an invite link of their own');
  const share = await alice.plan.openShare();
  await expect(share.link(bora.invite.id)).toContainText('Member link for Group 1');
  await share.revoke(bora.invite.id);

  await expect(bora.plan.refusalNotice).toBeVisible();
  await expect(bora.plan.refusalNotice).toHaveAttribute('data-kind', 'ended');
  await expect(bora.plan.refusalNotice).toContainText('The facilitator has withdrawn this link');
  // What Bora wrote stays readable; nothing more is sent.
  await othersSection.expectWritable(false);
  await othersSection.expectToContain(reviewed.trim());
  await expect(bora.plan.saveStatus).toContainText('Not saving');

  // Coming back with the same link does not work either, and says why.
  await bora.page.reload();
  await expect(bora.page.getByTestId('access-problem')).toContainText(
    'The facilitator has withdrawn this link',
  );
});
