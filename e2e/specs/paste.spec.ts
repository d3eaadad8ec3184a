/**
 * Issue 16, "Feedback and control": a 5 MB paste was accepted silently (a 2.5 s freeze,
 * then 11 s to open the plan on a phone). A paste over 100 KB is asked about first, and
 * none over 1 MB goes in, with a message that says why and what to do.
 */
import { expect, test } from '../fixtures/test.ts';
import { createPlan, R2P_SECTIONS } from '../support/planApi.ts';

const SECTION = R2P_SECTIONS.publicAwareness;

/** Plain text of about `kilobytes` KB, with a marker to find it by. */
const textOf = (marker: string, kilobytes: number) =>
  `${marker} ${'Early warning needs local eyes and ears. '.repeat(Math.ceil((kilobytes * 1024) / 41))}`;

test('a large paste is asked about, and one too large is refused with the limit', async ({
  startServer,
  join,
}) => {
  const plan = await createPlan(await startServer());
  const bora = await join('bora', plan, { role: 'member', group: 'Group 1' });
  const section = bora.plan.section(SECTION);
  const ask = bora.page.getByTestId('paste-ask');

  // Over 100 KB: asked, and Cancel (which has the focus) leaves the text as it was.
  await section.pasteAtEnd(textOf('FIRST-PASTE', 200));
  await expect(ask).toContainText('This paste is large');
  await expect(ask.getByRole('button', { name: 'Cancel' })).toBeFocused();
  await ask.getByRole('button', { name: 'Cancel' }).click();
  await expect(ask).toBeHidden();
  await expect(section.textbox).not.toContainText('FIRST-PASTE');

  // Asked again, and this time pasted where the caret was.
  await section.pasteAtEnd(textOf('SECOND-PASTE', 200));
  await ask.getByRole('button', { name: 'Paste anyway' }).click();
  await section.expectToContain('SECOND-PASTE');
  await bora.plan.expectSaveState('saved');

  // Over 1 MB: refused, saying how large it was and what the limit is.
  await section.pasteAtEnd(textOf('HUGE-PASTE', 2048));
  const refused = bora.page.getByTestId('paste-refused');
  await expect(refused).toContainText('This paste is too large to save at once');
  await expect(refused).toContainText('the limit is 1');
  await expect(section.textbox).not.toContainText('HUGE-PASTE');
});
