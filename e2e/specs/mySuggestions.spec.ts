/**
 * Issue 16, "Feedback and control": members never learned whether their suggestion was
 * accepted. Each person sees their own suggestions' outcomes (accepted or rejected, by
 * whom, when) in "My suggestions", and a quiet notice when one is decided; nobody sees
 * another person's.
 */
import { expect, test } from '../fixtures/test.ts';
import { MySuggestions } from '../pages/MySuggestions.ts';
import { ReviewPanel } from '../pages/ReviewPanel.ts';
import { createPlan, R2P_SECTIONS } from '../support/planApi.ts';

const SECTION = R2P_SECTIONS.publicAwareness;
/** Changes travel member → server → focal point; two cores run four browsers and a server. */
const SYNCED = { timeout: 30_000 };

test('a member learns that their suggestion was accepted, by whom and when, and nobody else does', async ({
  startServer,
  join,
}) => {
  test.setTimeout(180_000);
  const plan = await createPlan(await startServer());
  const alice = await join('alice', plan, { role: 'facilitator' });
  const bora = await join('bora', plan, { role: 'member', group: 'Group 1' });
  const dara = await join('dara', plan, { role: 'member', group: 'Group 1' });
  const chenda = await join('chenda', plan, { role: 'focal-point' });
  await alice.plan.setPhase('Review');

  const mine = new MySuggestions(bora.page);
  await expect(mine.root).toContainText('Suggestions you make appear here');
  const first = ' Radio in every province.';
  await bora.plan.section(SECTION).typeAtEnd(first);
  await bora.plan.expectSaveState('saved');
  await expect(mine.item(first.trim())).toContainText('Waiting for a decision', SYNCED);

  const review = await ReviewPanel.open(chenda.page);
  await expect(review.item(first.trim())).toBeVisible(SYNCED);
  await review.decide(first.trim(), 'Accept');

  // The notice is quiet: a polite live region, and the focus stays where it was.
  await expect(mine.notice).toHaveText(
    /Your suggestion “Radio in every province\.” was accepted by chenda\./,
    SYNCED,
  );
  await expect(mine.notice).toHaveAttribute('role', 'status');
  const decided = mine.item(first.trim());
  await expect(decided).toHaveAttribute('data-state', 'accept');
  await expect(decided).toContainText('Accepted by chenda');
  // When, day before month, and which section.
  await expect(decided.locator('time')).toHaveText(/^\d{1,2} \w{3} \d{4}, \d{2}:\d{2}$/);
  await expect(decided).toContainText(SECTION);

  await mine.notice.getByRole('button', { name: 'Dismiss' }).click();
  await expect(mine.notice).toBeEmpty();

  // Dara, in the same group, sees nothing of Bora's.
  const darasOwn = new MySuggestions(dara.page);
  await expect(darasOwn.root).toContainText('Suggestions you make appear here');
  await expect(darasOwn.items).toHaveCount(0);
  await expect(darasOwn.notice).toBeEmpty();

  // A rejection is told the same way.
  const second = ' Posters only.';
  await bora.plan.section(SECTION).typeAtEnd(second);
  await bora.plan.expectSaveState('saved');
  await expect(review.item(second.trim())).toBeVisible(SYNCED);
  await review.decide(second.trim(), 'Reject');
  await expect(mine.notice).toHaveText(/“Posters only\.” was rejected by chenda\./, SYNCED);
  await expect(mine.item(second.trim())).toContainText('Rejected by chenda');
});
