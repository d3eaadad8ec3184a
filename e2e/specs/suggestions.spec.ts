/**
 * Issue "Suggesting mode and the focal point's review of tracked changes": a group member
 * proposes an insertion and a deletion in Review; the focal point, in a browser of their
 * own, sees both with the member's name and group, accepts one and rejects the other, and
 * both people see the decided text; the decision log keeps who decided what, and whose.
 */
import { expect, test } from '../fixtures/test.ts';
import { ReviewPanel } from '../pages/ReviewPanel.ts';
import { createPlan, R2P_SECTIONS } from '../support/planApi.ts';

const SECTION = R2P_SECTIONS.publicAwareness;
/** Changes travel member → server → focal point; two CI cores run three browsers and a server. */
const SYNCED = { timeout: 30_000 };

test('a member suggests in Review; the focal point accepts one suggestion and rejects the other, for everyone', async ({
  startServer,
  join,
}) => {
  test.setTimeout(180_000);
  const plan = await createPlan(await startServer());
  const alice = await join('alice', plan, { role: 'facilitator' });
  const bora = await join('bora', plan, { role: 'member', group: 'Group 1' });
  const chenda = await join('chenda', plan, { role: 'focal-point' });
  const people = [bora, chenda];
  const original = await chenda.plan.section(SECTION).text();

  // Drafting: Bora's changes to his group's section apply directly, and he cannot choose otherwise.
  await expect(bora.plan.modeButton('Editing')).toHaveAttribute('aria-pressed', 'true');
  await expect(bora.plan.modeButton('Suggesting')).toBeDisabled();

  // Review: members suggest, and still cannot choose.
  await alice.plan.setPhase('Review');
  await expect(bora.plan.modeButton('Suggesting')).toHaveAttribute('aria-pressed', 'true');
  await expect(bora.plan.modeButton('Editing')).toBeDisabled();
  const review = new ReviewPanel(chenda.page);
  await expect(review.toggle).toHaveText('Suggestions (0)');

  // Bora adds a sentence and strikes a word.
  const inserted = ' Bora suggests radio programmes in every province.';
  const struck = 'local ';
  const boraSection = bora.plan.section(SECTION);
  await boraSection.typeAtEnd(inserted);
  await boraSection.select(struck);
  await bora.page.keyboard.press('Backspace');
  await bora.plan.expectSaveState('saved');

  for (const { plan: page } of people) {
    const section = page.section(SECTION);
    await expect(section.insertions, 'typed text is an insertion').toHaveText(
      [inserted.trim()],
      SYNCED,
    );
    await expect(section.insertions).toHaveAttribute('data-author-name', 'bora');
    await expect(section.deletions, 'the struck word stays, as a deletion').toHaveText(
      [struck.trim()],
      SYNCED,
    );
    await expect(section.deletions).toHaveAttribute('data-author-name', 'bora');
  }

  // Chenda sees both in the review panel, each with Bora's name and group.
  await expect(review.toggle).toHaveText('Suggestions (2)', SYNCED);
  await ReviewPanel.open(chenda.page);
  await expect(review.items).toHaveCount(2);
  for (const text of [inserted.trim(), struck.trim()]) {
    await expect(review.item(text)).toContainText('bora · Group 1');
  }

  // Accepting the insertion leaves it as plain text for both.
  await review.decide(inserted.trim(), 'Accept');
  for (const { plan: page } of people) {
    const section = page.section(SECTION);
    await expect(section.insertions, 'the accepted insertion is plain text').toHaveCount(0, SYNCED);
    await section.expectToContain(inserted.trim());
    await expect(section.deletions, 'the deletion still waits').toHaveCount(1);
  }

  // Rejecting the deletion gives the word back, unmarked, for both.
  await review.decide(struck.trim(), 'Reject');
  for (const { plan: page } of people) {
    const section = page.section(SECTION);
    await expect(section.deletions, 'the rejected deletion is gone').toHaveCount(0, SYNCED);
    await expect.poll(() => section.text(), SYNCED).toBe(original + inserted);
  }
  await expect(review.items).toHaveCount(0);
  await expect(review.toggle).toHaveText('Suggestions (0)');

  // The log keeps both decisions, newest first, with whose suggestion each was.
  await review.openLog();
  await expect(review.logEntries).toHaveCount(2, SYNCED);
  await expect(review.logEntries.nth(0)).toContainText('chenda rejected bora’s suggestion');
  await expect(review.logEntries.nth(0)).toContainText(struck.trim());
  await expect(review.logEntries.nth(1)).toContainText('chenda accepted bora’s suggestion');
  await expect(review.logEntries.nth(1)).toContainText(inserted.trim());

  await chenda.plan.expectSaveState('saved');
  for (const person of [alice, bora, chenda]) {
    expect(person.pageErrors, `${person.name}'s page errors`).toEqual([]);
  }
});
