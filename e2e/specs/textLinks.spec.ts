/**
 * Links in a section's text: an address typed and followed by a space becomes a link, so
 * do the addresses in pasted text, and the toolbar links selected words to a typed address;
 * the next person to open the plan finds them linked. Linking typed and pasted addresses
 * (linkifyjs) comes in a chunk of its own just after the editor, so this is also the check
 * that it arrives in a live editor.
 */
import { expect, test } from '../fixtures/test.ts';
import { createPlan, R2P_SECTIONS } from '../support/planApi.ts';

test('addresses typed or pasted become links, the toolbar links words, and others find them so', async ({
  startServer,
  join,
}) => {
  const plan = await createPlan(await startServer());
  const alice = await join('alice', plan, { role: 'facilitator' });
  const section = alice.plan.section(R2P_SECTIONS.purpose);
  const link = (href: string) => section.textbox.locator(`a[href="${href}"]`);

  await section.moveToEnd();
  await alice.page.keyboard.press('Enter');
  await alice.page.keyboard.type('See https://example.org for more.');
  await expect(link('https://example.org')).toHaveText('https://example.org');

  await section.pasteAtEnd(' Sources: https://www.globalr2p.org/ and the plan');
  await expect(link('https://www.globalr2p.org/')).toHaveText('https://www.globalr2p.org/');

  // The last word, selected, linked from the toolbar to an address typed without scheme.
  for (let step = 0; step < 'plan'.length; step += 1)
    await alice.page.keyboard.press('Shift+ArrowLeft');
  await alice.page.getByRole('button', { name: 'Add link' }).click();
  await alice.page.getByLabel('Link address').fill('un.org/r2p');
  await alice.page.getByRole('button', { name: 'Apply link' }).click();
  await expect(link('https://un.org/r2p')).toHaveText('plan');

  await alice.plan.expectSaveState('saved');
  const bora = await join('bora', plan, { role: 'member', group: 'Group 1' });
  const seen = bora.plan.section(R2P_SECTIONS.purpose).textbox;
  for (const href of ['https://example.org', 'https://un.org/r2p', 'https://www.globalr2p.org/'])
    await expect(seen.locator(`a[href="${href}"]`)).toHaveCount(1);
  expect(alice.pageErrors).toEqual([]);
});
