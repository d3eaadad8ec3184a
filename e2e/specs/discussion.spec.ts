/**
 * Issue 15, "Comments on the text, and consensus rounds": a member comments on a sentence,
 * its words light up in the text of a member of another group, who opens the thread from
 * them and replies; the facilitator shows the comments on the projector; the focal point
 * resolves it; the facilitator opens a round, three members answer on phones, the
 * projector counts them, the facilitator closes it, and the projector, the plan (beside
 * the recommendation, on a phone) and the downloaded report show the tallies.
 */
import { readFile } from 'node:fs/promises';
import { expect, test } from '../fixtures/test.ts';
import { DiscussionPanel } from '../pages/DiscussionPanel.ts';
import { FacilitatorConsole } from '../pages/projectorConsole.ts';
import { ProjectorScreen } from '../pages/projectorScreen.ts';
import { expectNoSeriousViolations } from '../support/accessibility.ts';
import { createInvite, createPlan, R2P_SECTIONS } from '../support/planApi.ts';

const SENTENCE = 'Name the ministry responsible for early warning.';
const PHONE = { width: 390, height: 844 };

test('comments live beside the text, and a consensus round is answered on phones and reported', async ({
  startServer,
  join,
  actor,
}) => {
  // Six people and a projector in one scenario, on a shared two-core machine.
  test.slow();
  const plan = await createPlan(await startServer());
  const section = R2P_SECTIONS.publicAwareness;

  // Bora (Group 1) writes a sentence in her group's section and comments on it, while
  // Chanda (Group 2) reads the section.
  const bora = await join('bora', plan, { role: 'member', group: 'Group 1' });
  const chanda = await join('chanda', plan, { role: 'member', group: 'Group 2' });
  const boraPanel = new DiscussionPanel(bora.page);
  await boraPanel.open();
  const editor = bora.plan.section(section);
  await editor.textbox.click();
  await bora.page.keyboard.press('Control+End');
  await bora.page.keyboard.press('Enter');
  await bora.page.keyboard.type(SENTENCE);
  await bora.page.keyboard.press('Shift+Home');
  await boraPanel.commentOnSelection('Should this name the ministry?');
  await expect(boraPanel.thread(SENTENCE)).toContainText('Should this name the ministry?');
  await expect(boraPanel.toggle).toHaveText('Comments and rounds (1)');

  // The commented words are highlighted in the text; Alt+Enter in them brings the focus
  // to their thread.
  const boraHighlight = editor.textbox.locator('.comment-highlight');
  await expect(boraHighlight).toHaveText(SENTENCE);
  await boraHighlight.click();
  await bora.page.keyboard.press('Alt+Enter');
  await expect(boraPanel.thread(SENTENCE)).toBeFocused();

  // Chanda sees the highlight arrive without reloading; its marker (a button in the Tab
  // order) opens the thread in her panel, focused, and she replies; Bora sees it live.
  const chandaText = chanda.plan.section(section);
  await expect(chandaText.textbox.locator('.comment-highlight')).toHaveText(SENTENCE);
  const marker = chandaText.textbox.getByRole('button', {
    name: `Open the comment on “${SENTENCE}” (1)`,
  });
  await marker.focus();
  await chanda.page.keyboard.press('Enter');
  const chandaPanel = new DiscussionPanel(chanda.page);
  await expect(chandaPanel.toggle).toHaveAttribute('aria-expanded', 'true');
  await expect(chandaPanel.thread(SENTENCE)).toBeFocused();
  await expectNoSeriousViolations(chanda.page, 'highlighted comments and the open thread');
  await chandaPanel.reply(SENTENCE, 'Yes: the Ministry of Interior.');
  await expect(boraPanel.thread(SENTENCE)).toContainText('chanda');
  await expect(boraPanel.thread(SENTENCE)).toContainText('Yes: the Ministry of Interior.');

  // The projector shows no comments (and does not even ask for them) until the facilitator
  // turns them on; then the open thread shows beside the presented section.
  const projector = await actor('projector');
  const asked: string[] = [];
  projector.page.on('request', (request) => {
    if (request.url().includes('/comments')) asked.push(request.url());
  });
  const observer = await createInvite(plan, { role: 'observer' });
  const screen = await ProjectorScreen.open(projector.page, observer.url, 'Room');
  const alice = await join('alice', plan, { role: 'facilitator' });
  const facilitatorConsole = await FacilitatorConsole.open(alice.page);
  await facilitatorConsole.present(section);
  await expect(screen.currentSection).toHaveText(section);
  const projectedComments = screen.page.getByTestId('projector-comments');
  await expect(projectedComments).toHaveCount(0);
  expect(asked).toEqual([]);
  const showComments = facilitatorConsole.root.getByRole('button', {
    name: 'Show comments on the projector',
  });
  await showComments.click();
  await expect(showComments).toHaveAttribute('aria-pressed', 'true');
  const projectedThread = projectedComments
    .getByTestId('projector-comment')
    .filter({ hasText: SENTENCE });
  await expect(projectedThread).toContainText('Yes: the Ministry of Interior.');
  // Its words are highlighted in the projected text, numbered after the last word as the
  // thread is in the list beside the text (the first).
  const projectedText = screen.presented;
  const projectedWords = projectedText.locator('.comment-highlight');
  await expect(projectedWords).toHaveText(SENTENCE);
  const projectedMarker = projectedText.locator('.comment-marker');
  await expect(projectedMarker).toHaveText('1');
  expect(
    await projectedMarker.evaluate(
      (marker) => marker.previousElementSibling?.classList.contains('comment-highlight') ?? false,
    ),
  ).toBe(true);
  await expectNoSeriousViolations(screen.page, 'the projector with comments');

  // Dara, the focal point, resolves it; it leaves the open list on every page, the
  // projector and the highlighted text.
  const dara = await join('dara', plan, { role: 'focal-point' });
  const daraPanel = new DiscussionPanel(dara.page);
  await daraPanel.open();
  await daraPanel.thread(SENTENCE).getByRole('button', { name: 'Resolve' }).click();
  await expect(boraPanel.threads).toHaveCount(0);
  await expect(boraPanel.toggle).toHaveText('Comments and rounds (0)');
  await expect(projectedThread).toHaveCount(0);
  await expect(projectedComments).toContainText('No open comments on this section.');
  await expect(projectedWords).toHaveCount(0);
  await expect(projectedMarker).toHaveCount(0);
  await expect(boraHighlight).toHaveCount(0);
  await showComments.click();
  await expect(projectedComments).toHaveCount(0);
  await boraPanel.showStatus('Resolved');
  await expect(boraPanel.thread(SENTENCE)).toHaveAttribute('data-resolved', 'true');
  // The focal point leaves the room before the round, so the three members are the room.
  await dara.context.close();

  // A third member, and the facilitator opening a round on the section.
  const sokha = await join('sokha', plan, { role: 'member', group: 'Group 3' });
  const alicePanel = new DiscussionPanel(alice.page);
  await alicePanel.open();
  await alicePanel.openRound(section);
  await expect(alicePanel.round).toHaveAttribute('data-status', 'open');
  await alicePanel.round.getByRole('button', { name: 'Show on the projector' }).click();
  const projected = screen.page.getByTestId('round-projection');
  await expect(projected).toBeVisible();

  // Three members answer on phones, one tap per recommendation.
  const voters = [bora, chanda, sokha];
  for (const [index, voter] of voters.entries()) {
    await voter.page.setViewportSize(PHONE);
    const panel = new DiscussionPanel(voter.page);
    await panel.open();
    const groups = panel.answerGroups;
    await expect(groups.first()).toBeVisible();
    const count = await groups.count();
    for (let item = 0; item < count; item += 1) {
      // Sokha disagrees with everything; the others agree.
      const choice = index === 2 ? 'Disagree' : 'Agree';
      const button = groups.nth(item).getByRole('button', { name: choice, exact: true });
      await button.click();
      await expect(button).toHaveAttribute('aria-pressed', 'true');
    }
  }
  await expect(projected.getByTestId('projector-round-answered')).toHaveText('3 of 3 answered');
  // While open, nobody sees how the answers fall.
  await expect(projected.getByTestId('round-tally')).toHaveCount(0);
  await expect(alicePanel.round.getByTestId('round-tally')).toHaveCount(0);

  // The facilitator closes it: the projector and the plan show the tallies.
  await alicePanel.round.getByRole('button', { name: 'Close the round' }).click();
  const sentenceTally = projected.getByTestId('round-tally').filter({ hasText: SENTENCE });
  await expect(sentenceTally.getByTestId('round-counts')).toHaveText(
    '2 agree, 1 disagree, 0 abstain',
  );
  await expect(sentenceTally).toContainText('Majority support');
  const inPlan = new DiscussionPanel(bora.page).round
    .getByTestId('round-tally')
    .filter({ hasText: SENTENCE });
  await expect(inPlan).toContainText('Majority support');
  await expect(inPlan.getByTestId('round-counts')).toHaveText('2 agree, 1 disagree, 0 abstain');

  // Beside the recommendation in the text too, on Bora's phone.
  const label = editor.textbox.locator('p', { hasText: SENTENCE }).getByTestId('support-label');
  await expect(label).toHaveText('Majority support · 2 agree, 1 disagree, 0 abstain');
  await label.scrollIntoViewIfNeeded();
  await expect(label).toBeInViewport();
  const box = await label.boundingBox();
  expect((box?.x ?? 0) + (box?.width ?? PHONE.width + 1)).toBeLessThanOrEqual(PHONE.width);
  await expectNoSeriousViolations(bora.page, 'support labels in the text on a phone');

  // The downloaded report holds the tallies and the comment.
  const report = alice.page.getByTestId('report-download');
  await report.getByLabel('Include the comments').check();
  await report.getByLabel('Include the consensus rounds').check();
  await report.getByLabel('Show the level of support after recommendations').check();
  await report.getByLabel('Format').selectOption({ label: 'Markdown' });
  const downloading = alice.page.waitForEvent('download');
  await report.getByRole('button', { name: 'Download report' }).click();
  const markdown = (await readFile(await (await downloading).path())).toString('utf8');
  expect(markdown).toContain('Annex: Consensus rounds');
  expect(markdown).toContain('3 of 3 answered.');
  expect(markdown).toContain(`| ${SENTENCE} | Majority support | 2 | 1 | 0 |`);
  expect(markdown).toContain('Level of support: Majority support (2 agree, 1 disagree, 0 abstain)');
  expect(markdown).toContain('Annex: Comments');
  expect(markdown).toContain('Should this name the ministry?');
  for (const person of [bora, chanda, sokha, alice]) expect(person.pageErrors).toEqual([]);
});
