/**
 * Issue "The room's experience", accessibility: axe-core finds no serious or critical
 * violation on any screen (the plan as each role, the review panel, versions, the console,
 * the projector, a phone), and the plan's controls work from the keyboard with focus shown.
 */
import { expect, test } from '../fixtures/test.ts';
import { HistoryPanel } from '../pages/HistoryPanel.ts';
import { PhoneLayout } from '../pages/PhoneLayout.ts';
import { FacilitatorConsole } from '../pages/projectorConsole.ts';
import { ProjectorScreen } from '../pages/projectorScreen.ts';
import { ReviewPanel } from '../pages/ReviewPanel.ts';
import { expectNoSeriousViolations, expectVisibleFocus, tabTo } from '../support/accessibility.ts';
import { createInvite, createPlan, R2P_SECTIONS } from '../support/planApi.ts';

test('every screen of a plan passes axe, as each role and on a phone', async ({
  startServer,
  join,
  actor,
}) => {
  // Ten screens, each scanned whole by axe, on two shared cores.
  test.setTimeout(300_000);
  const plan = await createPlan(await startServer());
  const alice = await join('alice', plan, { role: 'facilitator' });
  await expectNoSeriousViolations(alice.page, 'the plan as facilitator');

  const bora = await join('bora', plan, { role: 'member', group: 'Group 1' });
  await expectNoSeriousViolations(bora.page, 'the plan as member');
  const dara = await join('dara', plan, { role: 'focal-point' });
  await expectNoSeriousViolations(dara.page, 'the plan as focal point');
  const olga = await join('olga', plan, { role: 'observer' });
  await expectNoSeriousViolations(olga.page, 'the plan as observer');

  // In Drafting, as a member whose own section holds a table wider than the phone: its
  // scrolling box is in an editable section, so it is reachable through the editor rather
  // than by a tab stop of its own (which would take the tap meant for a cell).
  const phone = await join(
    'chan',
    plan,
    { role: 'member', group: 'Group 2' },
    { phone: { width: 390, height: 844 } },
  );
  const ownTable = phone.plan.section(R2P_SECTIONS.riskFactors);
  await ownTable.expectWritable();
  await new PhoneLayout(phone.page).expectScrollsInOwnBox(ownTable.region.locator('.tableWrapper'));
  await expectNoSeriousViolations(phone.page, 'the plan on a phone');
  await new PhoneLayout(phone.page).menuButton.click();
  await expectNoSeriousViolations(phone.page, 'the phone menu');

  // A suggestion to review, in Review.
  await alice.plan.setPhase('Review');
  await bora.plan.section(R2P_SECTIONS.riskFactors).typeAtEnd(' Bora suggests.');
  await bora.plan.expectSaveState('saved');
  const review = await ReviewPanel.open(dara.page);
  await expect(review.items.first()).toBeVisible();
  await expectNoSeriousViolations(dara.page, 'the review panel');
  await review.openLog();
  await expectNoSeriousViolations(dara.page, 'the decision log');

  const history = await HistoryPanel.open(alice.page);
  await history.saveVersion('Before lunch');
  await history.compare('Before lunch');
  await expectNoSeriousViolations(alice.page, 'versions and a comparison');

  await FacilitatorConsole.open(alice.page);
  await expectNoSeriousViolations(alice.page, 'the console');
  const share = await alice.plan.openShare();
  await expectNoSeriousViolations(alice.page, 'the share panel');
  await share.close();

  const room = await actor('room', { server: plan.server });
  await room.page.setViewportSize({ width: 1920, height: 1080 });
  const observerLink = await createInvite(plan, { role: 'observer' });
  await ProjectorScreen.open(room.page, observerLink.url, 'Projector');
  await expectNoSeriousViolations(room.page, 'the projector');

  await room.page.goto(new URL('/join', observerLink.url).href);
  await expect(room.page.getByRole('textbox', { name: 'Join code' })).toBeVisible();
  await expectNoSeriousViolations(room.page, 'the join-code page');
});

test('a member reaches the menu, the contents and their section by keyboard, focus shown', async ({
  startServer,
  join,
}) => {
  const plan = await createPlan(await startServer());
  const bora = await join(
    'bora',
    plan,
    { role: 'member', group: 'Group 1' },
    { phone: { width: 390, height: 844 } },
  );
  const layout = new PhoneLayout(bora.page);
  await tabTo(bora.page, layout.menuButton);
  await expectVisibleFocus(bora.page);
  await bora.page.keyboard.press('Enter');
  await expect(layout.sidebar).toBeVisible();
  await expect(layout.menuButton).toHaveAttribute('aria-expanded', 'true');
  // Escape closes the menu and gives focus back to its button.
  await bora.page.keyboard.press('Escape');
  await expect(layout.sidebar).toBeHidden();
  await expect(layout.menuButton).toBeFocused();

  await bora.page.keyboard.press('Enter');
  const contents = layout.sidebar.getByRole('link', { name: R2P_SECTIONS.riskFactors });
  await tabTo(bora.page, contents);
  await expectVisibleFocus(bora.page);
  await bora.page.keyboard.press('Enter');
  await expect(layout.sidebar).toBeHidden();
  // The section's title takes focus, so the keyboard goes on from where the eye is.
  await expect(
    bora.page.getByRole('heading', { name: R2P_SECTIONS.riskFactors, exact: true }),
  ).toBeFocused();
  await expectVisibleFocus(bora.page);
});
