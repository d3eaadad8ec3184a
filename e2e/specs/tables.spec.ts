/**
 * Tables in a section: inserted from the toolbar, filled with Tab from cell to cell (a new
 * row after the last), grown and shrunk with the toolbar, and found so by the next person
 * to open the plan. Table
 * editing (prosemirror-tables) comes in a chunk of its own just after the editor, so this
 * is also the check that it arrives and takes over the table keys in a live editor.
 */
import { expect, test } from '../fixtures/test.ts';
import { createPlan, R2P_SECTIONS } from '../support/planApi.ts';

test('a table is inserted, filled with Tab and changed from the toolbar, and others find it so', async ({
  startServer,
  join,
}) => {
  // What Alice types, a cell at a time with Tab after each: the header row and two rows.
  const typed = ['Risk', 'Where', 'Who', 'Hate speech', 'Online', 'Everyone', 'Rumours', 'Markets'];
  const server = await startServer();
  const plan = await createPlan(server);
  const alice = await join('alice', plan, { role: 'facilitator' });
  const section = alice.plan.section(R2P_SECTIONS.purpose);
  const toolbar = alice.page.getByRole('toolbar', { name: 'Formatting' });
  const rows = section.textbox.locator('tr');
  const tableButton = (name: string) => toolbar.getByRole('button', { name, exact: true });

  await section.moveToEnd();
  await alice.page.keyboard.press('Enter');
  await tableButton('Insert table').click();
  await expect(rows).toHaveCount(3);
  await expect(section.textbox.locator('.tableWrapper th')).toHaveCount(3);

  // Tab goes from cell to cell, across rows, and past the last cell makes a row.
  for (const text of typed) {
    await alice.page.keyboard.type(text);
    await alice.page.keyboard.press('Tab');
  }
  await alice.page.keyboard.type('Traders');
  await alice.page.keyboard.press('Tab');
  await expect(rows).toHaveCount(4);
  // Shift-Tab goes back, taking the cell's text to type over.
  await alice.page.keyboard.press('Shift+Tab');
  await alice.page.keyboard.type('Traders and buyers');
  await expect(rows.nth(2)).toHaveText('RumoursMarketsTraders and buyers');

  // The toolbar's commands act on the cell the caret is in.
  await rows.nth(3).locator('td').first().click();
  await tableButton('Add row').click();
  await expect(rows).toHaveCount(5);
  await tableButton('Delete row').click();
  await expect(rows).toHaveCount(4);
  await section.textbox.locator('th', { hasText: 'Who' }).click();
  await tableButton('Delete column').click();
  await expect(rows.first().locator('th')).toHaveCount(2);

  await alice.plan.expectSaveState('saved');
  // A member of Group 1 opening the plan now finds the table as Alice left it.
  const bora = await join('bora', plan, { role: 'member', group: 'Group 1' });
  const seen = bora.plan.section(R2P_SECTIONS.purpose);
  await expect(seen.textbox.locator('tr')).toHaveCount(4);
  await expect(seen.textbox.locator('tr').nth(2)).toHaveText('RumoursMarkets');
  await expect(seen.textbox.locator('tr').nth(3)).toHaveText('');
  await expect(seen.textbox.locator('tr').first()).toHaveText('RiskWhere');
  await expect(seen.caretOf('alice')).toHaveCount(1);
  expect(alice.pageErrors).toEqual([]);
});
