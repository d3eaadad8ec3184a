/**
 * Issue 13, "Bundle": table editing, autolinks and pasted links come in a chunk of their own
 * just after the editor (apps/web/src/features/plan/afterReady/). Once a person can type,
 * they work as they did when they came with it.
 */
import { expect, test } from '../fixtures/test.ts';
import { createPlan, R2P_SECTIONS } from '../support/planApi.ts';

test('a table is inserted, crossed with Tab and grown; URLs typed or pasted become links', async ({
  startServer,
  join,
}) => {
  const plan = await createPlan(await startServer());
  const bora = await join('bora', plan, { role: 'member', group: 'Group 1' });
  const section = bora.plan.section(R2P_SECTIONS.publicAwareness);
  const toolbar = bora.page.getByRole('toolbar');

  // A URL typed and followed by a space is a link.
  await section.typeAtEnd(' See https://example.org/plan for more.');
  await expect(section.textbox.locator('a[href="https://example.org/plan"]')).toHaveText(
    'https://example.org/plan',
  );

  // A URL pasted over selected words links them.
  await section.select('for more');
  await section.textbox.evaluate((editor) => {
    const data = new DataTransfer();
    data.setData('text/plain', 'https://example.org/more');
    editor.dispatchEvent(
      new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }),
    );
  });
  await expect(section.textbox.locator('a[href="https://example.org/more"]')).toHaveText(
    'for more',
  );

  // A table at the end: Tab moves to the next cell, and a row is added after the caret's.
  await section.moveToEnd();
  await toolbar.getByRole('button', { name: 'Insert table' }).click();
  const table = section.textbox.getByRole('table').last();
  await expect(table.getByRole('row')).toHaveCount(3);
  await bora.page.keyboard.type('Who');
  await bora.page.keyboard.press('Tab');
  await bora.page.keyboard.type('When');
  await expect(table.getByRole('row').first().getByRole('columnheader').nth(1)).toHaveText('When');
  await toolbar.getByRole('button', { name: 'Add row' }).click();
  await expect(table.getByRole('row')).toHaveCount(4);
  await bora.plan.expectSaveState('saved');
});
