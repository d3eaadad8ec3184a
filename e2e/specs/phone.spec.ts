/**
 * Issue "The room's experience", phones: on a narrow screen the text comes first. A member
 * opening the plan on a phone lands on their own group's first section, the sidebar's parts
 * wait behind a menu, nothing makes the page scroll sideways, and every control is big
 * enough for a thumb.
 */
import { expect, test } from '../fixtures/test.ts';
import { PhoneLayout } from '../pages/PhoneLayout.ts';
import { createPlan, R2P_SECTIONS } from '../support/planApi.ts';

const PHONES = [
  { width: 390, height: 844 },
  { width: 360, height: 740 },
];

for (const phone of PHONES) {
  test(`on a ${phone.width}x${phone.height} phone a member opens on their own section`, async ({
    startServer,
    join,
  }) => {
    const plan = await createPlan(await startServer());
    const bora = await join('bora', plan, { role: 'member', group: 'Group 2' }, { phone });
    const layout = new PhoneLayout(bora.page);

    // Group 2's first section is where the page opens, its text in view without scrolling.
    await layout.expectInView(bora.plan.section(R2P_SECTIONS.riskFactors).textbox);
    await layout.expectNoSidewaysScroll();
    await layout.expectThumbSizedControls();
    await bora.page.screenshot({ path: `/tmp/phone-${phone.width}.png` });
    // The risk factors table is wider than the phone: it scrolls in its own box.
    await layout.expectScrollsInOwnBox(
      bora.plan.section(R2P_SECTIONS.riskFactors).region.locator('.tableWrapper'),
    );
    // A cell of their own table takes a tap and the text typed into it (a focusable table
    // box would take the tap instead).
    const riskFactors = bora.plan.section(R2P_SECTIONS.riskFactors);
    await riskFactors.textbox.getByRole('cell').nth(5).tap();
    await bora.page.keyboard.type('Hate speech online');
    await expect(riskFactors.textbox.getByRole('cell').nth(5)).toContainText('Hate speech online');
    // The keyboard reaches the rest of the box through the editor, not by a tab stop of
    // the box: moving the caret to the row's last cell scrolls that column into view.
    const box = riskFactors.region.locator('.tableWrapper');
    await expect(box).not.toHaveAttribute('tabindex');
    const scrolled = () => box.evaluate((element) => element.scrollLeft);
    expect(await scrolled()).toBe(0);
    for (let column = 1; column < 5; column++) await bora.page.keyboard.press('Tab');
    await expect.poll(scrolled).toBeGreaterThan(0);

    // The online list, contents and report wait behind the menu, and come back from it.
    await expect(layout.sidebar).toBeHidden();
    await layout.menuButton.click();
    await expect(layout.sidebar).toBeVisible();
    await expect(layout.sidebar.getByRole('heading', { name: 'Contents' })).toBeVisible();
    await layout.expectThumbSizedControls();
    await layout.sidebar.getByRole('link', { name: R2P_SECTIONS.publicAwareness }).click();
    await expect(layout.sidebar).toBeHidden();
    await layout.expectInView(bora.plan.section(R2P_SECTIONS.publicAwareness).region);
  });
}

test('on a phone the facilitator opens on the plan’s first section, with every control in reach', async ({
  startServer,
  join,
}) => {
  const plan = await createPlan(await startServer());
  const alice = await join('alice', plan, { role: 'facilitator' }, { phone: PHONES[0] });
  const layout = new PhoneLayout(alice.page);
  await layout.expectInView(alice.plan.firstEditor);
  await layout.expectNoSidewaysScroll();
  await layout.expectThumbSizedControls();
  await layout.menuButton.click();
  await layout.expectThumbSizedControls();
  await layout.expectNoSidewaysScroll();
});
