/**
 * Issue "Versions, compare and restore": the facilitator saves a named version, a group
 * member changes their section, the facilitator compares the version with now and sees
 * the member's inserted and deleted text marked in the member's group colour, restores
 * the section, and both people see the old text back; the history keeps the version
 * saved before the restore, so the restore can itself be undone.
 */
import { expect, test } from '../fixtures/test.ts';
import { HistoryPanel } from '../pages/HistoryPanel.ts';
import { rgb } from '../support/colors.ts';
import { createPlan, groupColor, R2P_SECTIONS } from '../support/planApi.ts';

const SECTION = R2P_SECTIONS.publicAwareness;
/** Changes travel member → server → facilitator; two CI cores run two browsers and a server. */
const SYNCED = { timeout: 30_000 };

test('a named version, a member’s change compared in their group colour, and the section restored for everyone', async ({
  startServer,
  join,
}) => {
  test.setTimeout(180_000);
  const plan = await createPlan(await startServer());
  const alice = await join('alice', plan, { role: 'facilitator' });
  const bora = await join('bora', plan, { role: 'member', group: 'Group 1' });
  const original = await alice.plan.section(SECTION).text();

  const history = await HistoryPanel.open(alice.page);
  await history.saveVersion('End of day 1');
  await expect(history.version('End of day 1')).toContainText('by alice');

  // Drafting: Bora's changes to his group's section apply directly.
  const inserted = ' Bora adds radio programmes in every province.';
  const struck = 'local ';
  const boraSection = bora.plan.section(SECTION);
  await boraSection.typeAtEnd(inserted);
  await boraSection.select(struck);
  await bora.page.keyboard.press('Backspace');
  await bora.plan.expectSaveState('saved');
  await expect
    .poll(() => alice.plan.section(SECTION).text(), SYNCED)
    .toBe(original.replace(struck, '') + inserted);

  // Compared with now: Bora's insertion and deletion, each in Group 1's colour, with his name.
  await history.compare('End of day 1');
  const section = history.section(SECTION);
  const color = rgb(groupColor(plan, 'Group 1'));
  const insertion = section.locator('ins', { hasText: inserted.trim() });
  await expect(insertion).toHaveCount(1);
  await expect(insertion).toHaveAttribute('data-author-name', 'bora');
  await expect(insertion).toHaveAttribute('title', 'Added by bora (Group 1)');
  await expect(insertion).toHaveCSS('text-decoration-color', color);
  await expect(insertion).toHaveCSS('text-decoration-line', 'underline');
  const deletion = section.locator('del', { hasText: struck.trim() });
  await expect(deletion).toHaveCount(1);
  await expect(deletion).toHaveAttribute('data-author-name', 'bora');
  await expect(deletion).toHaveCSS('text-decoration-color', color);
  await expect(deletion).toHaveCSS('text-decoration-line', 'line-through');
  await expect(history.legend).toContainText('bora · Group 1');
  // Sections nobody touched wait behind the toggle.
  await expect(history.section(R2P_SECTIONS.purpose)).toHaveCount(0);

  // Restoring the section brings the saved text back for both of them.
  await history.restoreSection(SECTION);
  for (const person of [alice, bora]) {
    await expect
      .poll(() => person.plan.section(SECTION).text(), { ...SYNCED, message: person.name })
      .toBe(original);
  }
  await expect(history.version('Before restoring “End of day 1”')).toHaveCount(1, SYNCED);
  await expect(history.versions.first()).toContainText('Before restoring “End of day 1”');

  await alice.plan.expectSaveState('saved');
  await bora.plan.expectSaveState('saved');
  for (const person of [alice, bora]) {
    expect(person.pageErrors, `${person.name}'s page errors`).toEqual([]);
  }
});
