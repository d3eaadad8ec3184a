/**
 * Issue 16, "Projector and console": the console's "Last edit by" names whoever last
 * changed a section, however they changed it; Follow me shows whether it is on; with
 * Follow on, a projector whose presenter has left shows the presented section; the
 * projector's timer label is readable beside its digits.
 */
import { expect, test } from '../fixtures/test.ts';
import { FacilitatorConsole } from '../pages/projectorConsole.ts';
import { ProjectorScreen } from '../pages/projectorScreen.ts';
import { createInvite, createPlan, R2P_SECTIONS } from '../support/planApi.ts';

const SECTION = R2P_SECTIONS.publicAwareness;
const PRESENTED = R2P_SECTIONS.purpose;
const ROADMAP = 'Roadmap: stages and timeframes';
/** Someone's change travels to the server; the console asks every few seconds. */
const SEEN = { timeout: 30_000 };

test.describe.configure({ timeout: 180_000 });

test('“Last edit by” names whoever last changed the section, by typing or by deleting', async ({
  startServer,
  join,
}) => {
  const plan = await createPlan(await startServer());
  const alice = await join('alice', plan, { role: 'facilitator' });
  const bora = await join('bora', plan, { role: 'member', group: 'Group 1' });
  const dara = await join('dara', plan, { role: 'member', group: 'Group 1' });
  const desk = await FacilitatorConsole.open(alice.page);
  const lastEditor = desk.sectionRow(SECTION).getByTestId('section-last-editor');

  // Typed in the middle of the section: the last words stay the template's.
  await bora.plan.section(SECTION).select('local');
  await bora.page.keyboard.type('local and national');
  await bora.plan.expectSaveState('saved');
  await expect(lastEditor).toContainText('bora', SEEN);

  // Dara only deletes: no text of Dara's is in the section to tell who did it.
  await dara.plan.section(SECTION).expectToContain('and national');
  await dara.plan.section(SECTION).select(' and national');
  await dara.page.keyboard.press('Backspace');
  await dara.plan.expectSaveState('saved');
  await expect(lastEditor).toContainText('dara', SEEN);
  await expect(lastEditor.locator('time')).toHaveText(/^\d{2}:\d{2}$/);
});

test('Follow me shows its state, and a projector whose presenter left shows the presented section', async ({
  startServer,
  actor,
  join,
}) => {
  const plan = await createPlan(await startServer());
  const room = await actor('room', { server: plan.server });
  await room.page.setViewportSize({ width: 1920, height: 1080 });
  const observer = await createInvite(plan, { role: 'observer' });
  const projector = await ProjectorScreen.open(room.page, observer.url, 'Ballroom projector');
  const alice = await join('alice', plan, { role: 'facilitator' });
  const desk = await FacilitatorConsole.open(alice.page);
  await desk.present(PRESENTED);
  await expect(projector.currentSection).toHaveText(PRESENTED);

  // The state is in words as well as aria-pressed, so it shows at a glance.
  await expect(desk.followMe).toHaveAttribute('aria-pressed', 'false');
  await expect(desk.followMe).toContainText('Off');
  await desk.followMe.click();
  await expect(desk.followMe).toHaveAttribute('aria-pressed', 'true');
  await expect(desk.followMe).toContainText('On');
  await alice.page.getByTestId('toc').getByRole('link', { name: ROADMAP }).click();
  await expect(projector.currentSection).toHaveText(ROADMAP);

  // The timer's label reads from the room: at least half the size of its digits.
  await desk.startTimer(10, 'Group work');
  const label = projector.root.locator('.breakout-timer__label');
  await expect(label).toHaveText('Group work');
  const size = (element: typeof label) =>
    element.evaluate((node) => Number.parseFloat(getComputedStyle(node).fontSize));
  expect(await size(label)).toBeGreaterThanOrEqual((await size(projector.timer)) / 2);

  // The presenter leaves the room: after a grace for reloads, the presented section.
  await alice.page.close();
  await expect(projector.currentSection).toHaveText(PRESENTED, SEEN);
  await expect(room.page.getByTestId('projector-fallback')).toHaveText(
    'The presenter has left: showing the presented section.',
  );
});
