import { writeFile } from 'node:fs/promises';
import AxeBuilder from '@axe-core/playwright';
import { type Actor, type ActorOptions, expect, test } from '../fixtures/test.ts';
import { JoinDialog } from '../pages/JoinDialog.ts';
import { PlanPage } from '../pages/PlanPage.ts';
import { FacilitatorConsole } from '../pages/projectorConsole.ts';
import { clockSeconds, ProjectorScreen } from '../pages/projectorScreen.ts';
import { rgb } from '../support/colors.ts';
import {
  createInvite,
  createPlan,
  groupColor,
  R2P_SECTIONS,
  type TestPlan,
} from '../support/planApi.ts';
import { decodeQr } from '../support/qrCode.ts';

const PROJECTOR_SIZE = { width: 1920, height: 1080 };
const PHONE_SIZE = { width: 390, height: 844 };
/** How far the projector's clock is ahead of everyone else's. */
const PROJECTOR_SKEW_MS = 5 * 60_000;

/** The id of a section of the test plan, by title. */
function sectionId(plan: TestPlan, title: string): string {
  const section = plan.sections.find((candidate) => candidate.title === title);
  if (!section) throw new Error(`The plan has no section "${title}"`);
  return section.id;
}

/**
 * The room's computer: a 1920x1080 screen opening an observer link in the projector view,
 * its clock `skewMs` off everyone else's (installed before the page loads, so the whole
 * page runs on it).
 */
async function openProjector(
  actor: (name: string, options?: ActorOptions) => Promise<Actor>,
  plan: TestPlan,
  skewMs = 0,
): Promise<{ room: Actor; projector: ProjectorScreen }> {
  const room = await actor('room', { server: plan.server });
  if (skewMs !== 0) await room.context.clock.install({ time: Date.now() + skewMs });
  await room.page.setViewportSize(PROJECTOR_SIZE);
  const observer = await createInvite(plan, { role: 'observer' });
  const projector = await ProjectorScreen.open(room.page, observer.url, 'Ballroom projector');
  return { room, projector };
}

test.describe('the projector view', () => {
  test.setTimeout(120_000);

  test('shows the presented section and text as it is typed, highlighted in the group colour, readable from the back of the room', async ({
    actor,
    join,
    startServer,
  }, testInfo) => {
    const plan = await createPlan(await startServer());
    const { room, projector } = await openProjector(actor, plan);
    const alice = await join('alice', plan, { role: 'facilitator' });
    const bora = await join('bora', plan, { role: 'member', group: 'Group 2' });
    await bora.page.setViewportSize(PHONE_SIZE);

    const risks = sectionId(plan, R2P_SECTIONS.riskFactors);
    await expect(projector.page.getByTestId('projector-waiting')).toBeVisible();
    const desk = await FacilitatorConsole.open(alice.page);
    await desk.startTimer(25, 'Group work on risk factors');
    await desk.present(R2P_SECTIONS.riskFactors);
    await expect(projector.currentSection).toHaveText(R2P_SECTIONS.riskFactors);
    await expect(projector.section(risks)).toHaveAttribute('data-current', 'true');
    await expect(projector.sectionTitle(risks)).toBeInViewport();
    // Who is online per group; observers (the projector itself) are not counted.
    await expect(projector.onlineIn('g2')).toHaveAttribute('data-count', '1');
    await expect(projector.onlineIn('')).toHaveAttribute('data-count', '1');
    // A projector that restarts lands on the presented section once the text above it is drawn.
    await projector.page.reload();
    await expect(projector.root).toHaveAttribute('data-ready', 'true');
    await expect(projector.currentSection).toHaveText(R2P_SECTIONS.riskFactors);
    await expect(projector.sectionTitle(risks)).toBeInViewport();

    // The member edits their section on a phone; the projector shows the text as it is
    // typed, marked in Group 2's colour (the mark lasts a few seconds: look at once).
    const phrase = 'Hate speech is monitored weekly by the national committee.';
    const own = bora.plan.section(R2P_SECTIONS.riskFactors);
    await own.expectWritable();
    await own.typeAtEnd(` ${phrase}`);
    await expect(projector.section(risks)).toContainText(phrase);
    const mark = projector.highlight('national committee');
    await expect(mark.first()).toHaveAttribute('data-color', groupColor(plan, 'Group 2'));
    await expect(mark.first()).toHaveAttribute('data-group', 'g2');
    const shot = await projector.page.screenshot();
    await testInfo.attach('projector', { body: shot, contentType: 'image/png' });
    await writeFile('/tmp/projector.png', shot);

    // On the phone the section reads without sideways scrolling, across most of the width.
    await own.expectToContain(phrase);
    await expect(own.textbox).toBeInViewport();
    const overflow = await bora.page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    expect(overflow, 'the phone page scrolls sideways').toBeLessThanOrEqual(0);
    const box = await own.textbox.boundingBox();
    expect(box?.width ?? 0).toBeGreaterThan(PHONE_SIZE.width * 0.7);
    // The console names the last editor of the section.
    await expect(desk.sectionRow(R2P_SECTIONS.riskFactors)).toContainText('bora');

    // The mark fades: a few seconds later it is gone and the text stays.
    await expect(projector.root.getByTestId('live-highlight')).toHaveCount(0, { timeout: 10_000 });
    await expect(projector.section(risks)).toContainText(phrase);

    // Readable from the back of a ballroom: large type, and contrast that passes axe.
    const fontSize = await projector
      .section(risks)
      .locator('.ProseMirror p')
      .first()
      .evaluate((paragraph) => Number.parseFloat(getComputedStyle(paragraph).fontSize));
    expect(fontSize).toBeGreaterThanOrEqual(28);
    const contrast = await new AxeBuilder({ page: projector.page })
      .withRules(['color-contrast'])
      .analyze();
    expect(contrast.violations).toEqual([]);
    expect([...alice.pageErrors, ...bora.pageErrors, ...room.pageErrors]).toEqual([]);
  });

  test('shows a member’s suggestion marked in the group colour, or the text as if it were accepted, as the console says', async ({
    actor,
    join,
    startServer,
  }) => {
    const plan = await createPlan(await startServer());
    const { room, projector } = await openProjector(actor, plan);
    const alice = await join('alice', plan, { role: 'facilitator' });
    const bora = await join('bora', plan, { role: 'member', group: 'Group 1' });
    const awareness = sectionId(plan, R2P_SECTIONS.publicAwareness);
    await alice.plan.setPhase('Review');
    const desk = await FacilitatorConsole.open(alice.page);
    await desk.present(R2P_SECTIONS.publicAwareness);
    await desk.showSuggestions('Marked');

    // In Review Bora's typing is a suggestion: the projector shows it underlined, in his group's colour.
    const inserted = 'Bora suggests radio programmes in every province.';
    await bora.plan.section(R2P_SECTIONS.publicAwareness).typeAtEnd(` ${inserted}`);
    await expect(projector.insertions(awareness)).toHaveText([inserted]);
    await expect(projector.insertions(awareness)).toHaveCSS(
      'text-decoration-color',
      rgb(groupColor(plan, 'Group 1')),
    );

    // As if accepted: the same sentence, clean, and it follows further typing.
    await desk.showSuggestions('As if accepted');
    await expect(projector.insertions(awareness)).toHaveCount(0);
    await expect(projector.section(awareness)).toContainText(inserted);
    await expect(projector.section(awareness).locator('del')).toHaveCount(0);
    const more = ' Also on community noticeboards.';
    await bora.plan.section(R2P_SECTIONS.publicAwareness).typeAtEnd(more);
    await expect(projector.section(awareness)).toContainText(`${inserted}${more}`);
    await expect(projector.insertions(awareness)).toHaveCount(0);

    // Back to marked: the pending suggestion shows again.
    await desk.showSuggestions('Marked');
    await expect(projector.insertions(awareness)).toHaveText([`${inserted}${more}`]);
    expect([...alice.pageErrors, ...bora.pageErrors, ...room.pageErrors]).toEqual([]);
  });

  test('shows the breakout timer with the same time left as a member, though its clock is 5 minutes ahead', async ({
    actor,
    join,
    startServer,
  }) => {
    const plan = await createPlan(await startServer());
    const { room, projector } = await openProjector(actor, plan, PROJECTOR_SKEW_MS);
    // The projector's own clock really is ahead.
    const skew = (await room.page.evaluate(() => Date.now())) - Date.now();
    expect(skew).toBeGreaterThan(PROJECTOR_SKEW_MS - 60_000);

    const alice = await join('alice', plan, { role: 'facilitator' });
    const bora = await join('bora', plan, { role: 'member', group: 'Group 1' });
    const desk = await FacilitatorConsole.open(alice.page);
    await desk.startTimer(10, 'Group work');

    const memberTimer = bora.page.getByTestId('timer-remaining');
    await expect(memberTimer).toBeVisible();
    await expect(projector.timer).toBeVisible();
    await expect(projector.root.getByTestId('breakout-timer')).toContainText('Group work');
    // Both read the server's clock: the faces agree within a couple of seconds, and
    // show about 10 minutes, not the 5 that the projector's own clock would leave.
    await expect
      .poll(async () => {
        const [member, room] = await Promise.all([
          memberTimer.textContent(),
          projector.timer.textContent(),
        ]);
        return Math.abs(clockSeconds(member) - clockSeconds(room));
      })
      .toBeLessThanOrEqual(2);
    expect(await projector.timerSeconds()).toBeGreaterThan(9 * 60);

    // Paused, everyone sees the same held time and says so.
    await desk.root.getByRole('button', { name: 'Pause' }).click();
    await expect(projector.root.getByTestId('breakout-timer')).toHaveAttribute(
      'data-phase',
      'paused',
    );
    await expect(bora.page.getByTestId('breakout-timer')).toHaveAttribute('data-phase', 'paused');
    await expect
      .poll(async () => (await memberTimer.textContent()) === (await projector.timer.textContent()))
      .toBe(true);
    // Cleared, the timer leaves every screen.
    await desk.root.getByRole('button', { name: 'Clear timer' }).click();
    await expect(projector.timer).toBeHidden();
    await expect(memberTimer).toBeHidden();
  });

  test('shows a join code whose QR opens a working invite, and follows the facilitator through the plan', async ({
    actor,
    join,
    startServer,
  }) => {
    const plan = await createPlan(await startServer());
    const { projector } = await openProjector(actor, plan);
    const alice = await join('alice', plan, { role: 'facilitator' });
    const groupLink = await createInvite(plan, { role: 'member', group: 'Group 3' });
    const desk = await FacilitatorConsole.open(alice.page);

    await desk.showJoinCode('Member link for Group 3');
    await expect(projector.joinOverlay).toBeVisible();
    await expect(projector.joinOverlay).toContainText('Group 3');
    await expect(projector.joinQr).toBeVisible();
    const scanned = await decodeQr(projector.joinQr);
    expect(scanned).toBe(groupLink.url);
    // Beside it, instead of the link's long token, a short address and code to type.
    await expect(projector.joinAddress).toHaveText(`${new URL(groupLink.url).host}/join`);
    await expect(projector.joinCode).toHaveText(/^[2-9A-HJKMNP-Z]{6}$/);

    // Someone in the room scans it and joins as a member of Group 3.
    const chan = await actor('chan', { server: plan.server });
    await chan.page.goto(scanned ?? '');
    await new JoinDialog(chan.page).joinAs('Chan');
    await new PlanPage(chan.page).expectOpen();
    await expect(projector.onlineIn('g3')).toHaveAttribute('data-count', '1');

    // Someone whose phone cannot scan types the short address and the code instead.
    const dara = await actor('dara', { server: plan.server });
    await dara.page.setViewportSize(PHONE_SIZE);
    await dara.page.goto(`http://${await projector.joinAddress.textContent()}`);
    await dara.page
      .getByRole('textbox', { name: 'Join code' })
      .fill((await projector.joinCode.textContent()) ?? '');
    await dara.page.getByRole('button', { name: 'Continue' }).click();
    const daraJoins = new JoinDialog(dara.page);
    await expect(daraJoins.dialog).toContainText('You are invited as a member of Group 3.');
    await daraJoins.joinAs('Dara');
    await new PlanPage(dara.page).expectOpen();
    await expect(projector.onlineIn('g3')).toHaveAttribute('data-count', '2');
    // A code misread from the wall is refused in words that say what to do.
    await dara.page.goto(`http://${await projector.joinAddress.textContent()}`);
    await dara.page.getByRole('textbox', { name: 'Join code' }).fill('ZZZZZZ');
    await dara.page.getByRole('button', { name: 'Continue' }).click();
    await expect(dara.page.getByRole('alert')).toContainText('Check it against the screen');

    await desk.hideJoinCode();
    await expect(projector.joinOverlay).toBeHidden();

    // An observer's plan page offers the projector view too.
    const guest = await join('guest', plan, { role: 'observer' });
    await guest.page.getByRole('link', { name: 'Open projector view' }).click();
    await expect(guest.page).toHaveURL(/\/projector$/);
    await expect(new ProjectorScreen(guest.page).root).toHaveAttribute('data-ready', 'true');

    // Follow me: the projector goes wherever the facilitator scrolls.
    await desk.followMe.click();
    await expect(desk.followMe).toHaveAttribute('aria-pressed', 'true');
    const roadmap = 'Roadmap: stages and timeframes';
    await alice.page.getByTestId('toc').getByRole('link', { name: roadmap }).click();
    await expect(projector.currentSection).toHaveText(roadmap);
    await expect(projector.sectionTitle(sectionId(plan, roadmap))).toBeInViewport();

    // Someone at the projector scrolls away, then goes back to following.
    await projector.section(sectionId(plan, roadmap)).hover();
    await projector.page.mouse.wheel(0, -3000);
    await expect(projector.resumeFollowing).toBeVisible();
    await expect(projector.sectionTitle(sectionId(plan, roadmap))).not.toBeInViewport();
    await projector.resumeFollowing.click();
    await expect(projector.resumeFollowing).toBeHidden();
    await expect(projector.sectionTitle(sectionId(plan, roadmap))).toBeInViewport();
  });
});
