/**
 * Issue 16, "Feedback and control": the phase changed on one click. The switch asks
 * first, saying what changes for whom; Cancel leaves the room as it was.
 */
import { expect, test } from '../fixtures/test.ts';
import { createPlan } from '../support/planApi.ts';

test('a phase change asks first, saying what changes for whom, and Cancel changes nothing', async ({
  startServer,
  join,
}) => {
  const plan = await createPlan(await startServer());
  const alice = await join('alice', plan, { role: 'facilitator' });
  const bora = await join('bora', plan, { role: 'member', group: 'Group 1' });
  const review = alice.page.getByRole('button', { name: 'Review', exact: true });

  await review.click();
  const question = alice.plan.phaseConfirm;
  await expect(question).toContainText('Move the plan to Review?');
  await expect(question).toContainText(
    'Members may change every section not yet agreed; their changes become suggestions for the focal point to decide.',
  );
  await expect(question).toContainText('A version of the plan is saved with the change');
  // The harmless answer has the focus: Enter pressed by habit moves nobody.
  await expect(question.getByRole('button', { name: 'Cancel' })).toBeFocused();
  await alice.page.keyboard.press('Enter');
  await expect(question).toBeHidden();
  await expect(review).toHaveAttribute('aria-pressed', 'false');
  await expect(bora.page.getByTestId('phase')).toHaveText('Drafting');

  await alice.plan.setPhase('Final');
  await expect(bora.page.getByTestId('phase')).toHaveText('Final');
});
