/**
 * Issue "Live co-editing of a plan": people writing in one section see each other's text
 * and carets, the save indicator says "saved" only once the server has stored the text,
 * Khmer survives concurrent typing and input methods, undo is per person, and the app
 * works over plain http on a venue network.
 */

import { expect, test } from '../fixtures/test.ts';
import { PlanPage, type SaveStateChange } from '../pages/PlanPage.ts';
import { mapHostToLoopback } from '../support/browser.ts';
import { createPlan, R2P_SECTIONS } from '../support/planApi.ts';
import type { PlenaryServer } from '../support/server.ts';
import { VenueWifi } from '../support/VenueWifi.ts';

const SECTION = R2P_SECTIONS.publicAwareness;

/** The faulty-store server's switch: storage works, throws on every write, or never answers. */
async function setStoreFaults(server: PlenaryServer, mode: 'ok' | 'fail' | 'stall') {
  const response = await fetch(`${server.url}/__test/store-faults`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ mode }),
  });
  expect(response.ok, `store-faults ${mode}`).toBe(true);
}

/**
 * Watches the save indicator for `ms` and fails if it ever said "saved": a claim the app
 * may make only from the server's answer, which these scenarios withhold on purpose.
 * Watching takes the whole window by design; nothing else can show a claim made late.
 */
async function expectNeverSavedFor(plan: PlanPage, ms: number): Promise<SaveStateChange[]> {
  const start = Date.now();
  await expect
    .poll(
      async () => {
        // The first entry is the state when recording began, before the change at stake.
        const states = (await plan.recordedSaveStates()).slice(1);
        if (states.some((change) => change.state === 'saved')) {
          return `claimed saved: ${states.map((change) => change.state).join(' → ')}`;
        }
        return Date.now() - start >= ms ? 'never saved' : 'watching';
      },
      { timeout: ms + 15_000, intervals: [250] },
    )
    .toBe('never saved');
  return (await plan.recordedSaveStates()).slice(1);
}

test.describe('two people in one section', () => {
  test('each sees the other’s text and named caret, and the text is stored', async ({
    startServer,
    join,
  }) => {
    const plan = await createPlan(await startServer());
    const alice = await join('alice', plan, { role: 'facilitator' });
    const bora = await join('bora', plan, { role: 'member', group: 'Group 1' });
    const aliceText = ' Alice proposes quarterly radio programmes in every province.';
    const boraText = ' Bora adds school curricula on atrocity prevention.';

    // Both type at the end of the same section at the same time. Both carets are placed
    // first, so both start from the same character: concurrent runs typed from one place
    // stay whole (Yjs orders them by client), while one started after the other's first
    // letters arrived would be ordered letter by letter against the other's later ones.
    await Promise.all([
      alice.plan.section(SECTION).moveToEnd(),
      bora.plan.section(SECTION).moveToEnd(),
    ]);
    await Promise.all([alice.page.keyboard.type(aliceText), bora.page.keyboard.type(boraText)]);

    for (const { plan: page } of [alice, bora]) {
      await page.section(SECTION).expectToContain(aliceText.trim());
      await page.section(SECTION).expectToContain(boraText.trim());
    }
    await expect(alice.plan.section(SECTION).caretOf('bora')).toBeVisible();
    await expect(bora.plan.section(SECTION).caretOf('alice')).toBeVisible();
    // A caret shows someone else; one's own is the browser's.
    await expect(alice.plan.section(SECTION).caretOf('alice')).toHaveCount(0);
    await alice.plan.expectSaveState('saved');
    await bora.plan.expectSaveState('saved');
    await expect(alice.plan.saveStatus).toHaveText('All changes saved');

    await alice.plan.reload();
    await bora.plan.reload();
    for (const { plan: page } of [alice, bora]) {
      await page.section(SECTION).expectToContain(aliceText.trim());
      await page.section(SECTION).expectToContain(boraText.trim());
    }
    expect(await alice.plan.section(SECTION).text()).toBe(await bora.plan.section(SECTION).text());
  });

  test('Khmer typed beside English keeps every cluster, inserted or composed', async ({
    startServer,
    join,
  }) => {
    const plan = await createPlan(await startServer());
    const alice = await join('alice', plan, { role: 'facilitator' });
    const bora = await join('bora', plan, { role: 'member', group: 'Group 1' });
    const before = await alice.plan.section(SECTION).text();
    const draft = 'សេចក្ដីព្រាងផែនការ'; // "draft plan"
    const group = 'ក្រុម'; // "group"
    const english = ' Bora keeps writing in English.';

    const aliceSection = alice.plan.section(SECTION);
    await aliceSection.moveToEnd();
    await aliceSection.recordCompositions();
    await alice.page.keyboard.insertText(` ${draft} `);
    await bora.plan.section(SECTION).expectToContain(draft);

    // An input method builds the cluster letter by letter; Bora's English arrives while
    // Alice is still composing, then she goes on and commits the word.
    const cdp = await alice.context.newCDPSession(alice.page);
    const compose = async (upTo: number) => {
      await cdp.send('Input.imeSetComposition', {
        text: group.slice(0, upTo),
        selectionStart: upTo,
        selectionEnd: upTo,
      });
    };
    await compose(1);
    await compose(2);
    await bora.plan.section(SECTION).typeAtEnd(english);
    await aliceSection.expectToContain(english.trim());
    for (let upTo = 3; upTo <= group.length; upTo += 1) await compose(upTo);
    await cdp.send('Input.insertText', { text: group });
    expect(await aliceSection.recordedCompositions()).toEqual([
      'compositionstart',
      'compositionend',
    ]);

    await bora.plan.section(SECTION).expectToContain(group);
    await alice.plan.expectSaveState('saved');
    await bora.plan.expectSaveState('saved');
    await alice.plan.reload();
    await bora.plan.reload();

    const aliceSees = await alice.plan.section(SECTION).text();
    const boraSees = await bora.plan.section(SECTION).text();
    expect(aliceSees).toBe(boraSees);
    // Each string exactly once, nothing more: a composition committed twice, or a
    // cluster split by the other person's letters, would change the count or the length.
    const occurrences = (needle: string) => aliceSees.split(needle).length - 1;
    expect(occurrences(draft)).toBe(1);
    expect(occurrences(group)).toBe(1);
    expect(occurrences(english)).toBe(1);
    expect(aliceSees).toHaveLength(
      before.length + ` ${draft} `.length + group.length + english.length,
    );
    expect(aliceSees).not.toContain('\uFFFD');
  });

  test('undo takes back only one’s own last change, never the other person’s', async ({
    startServer,
    join,
  }) => {
    const plan = await createPlan(await startServer());
    const alice = await join('alice', plan, { role: 'facilitator' });
    const bora = await join('bora', plan, { role: 'member', group: 'Group 1' });
    // The editor merges changes less than 500 ms apart into one undo step; the test
    // moves Alice's clock on instead of waiting for that to pass.
    await alice.page.clock.install();
    const first = ' Alice first.';
    const between = ' Bora in between.';
    const last = ' Alice last.';
    const after = ' Bora after.';
    const aliceSection = alice.plan.section(SECTION);
    const boraSection = bora.plan.section(SECTION);

    await aliceSection.typeAtEnd(first);
    await boraSection.expectToContain(first.trim());
    await alice.page.clock.fastForward(2_000);
    await boraSection.typeAtEnd(between);
    await aliceSection.expectToContain(between.trim());
    await alice.page.clock.fastForward(2_000);
    await aliceSection.typeAtEnd(last);
    await boraSection.expectToContain(last.trim());
    // The newest change in the section is Bora's, not Alice's.
    await boraSection.typeAtEnd(after);
    await aliceSection.expectToContain(after.trim());

    await alice.page.keyboard.press('ControlOrMeta+z');
    for (const { plan: page } of [alice, bora]) {
      await expect.poll(() => page.section(SECTION).text()).not.toContain(last.trim());
      for (const kept of [first, between, after]) {
        await page.section(SECTION).expectToContain(kept.trim());
      }
    }

    // Undoing again takes back Alice's earlier change, and still nothing of Bora's.
    await alice.page.keyboard.press('ControlOrMeta+z');
    for (const { plan: page } of [alice, bora]) {
      await expect.poll(() => page.section(SECTION).text()).not.toContain(first.trim());
      for (const kept of [between, after]) await page.section(SECTION).expectToContain(kept.trim());
    }
    await alice.plan.expectSaveState('saved');
  });
});

test.describe('the save indicator tells the truth', () => {
  test('storage failing: never "saved", a notice instead; saved once storage is back', async ({
    startServer,
    join,
  }) => {
    const server = await startServer({ entry: 'e2e/support/faultyStoreServer.ts' });
    const plan = await createPlan(server);
    const alice = await join('alice', plan, { role: 'facilitator' });
    await alice.plan.expectSaveState('saved');
    const text = ' Written while the disk is failing.';

    await setStoreFaults(server, 'fail');
    await alice.plan.recordSaveStates();
    await alice.plan.section(SECTION).typeAtEnd(text);

    const states = await expectNeverSavedFor(alice.plan, 5_000);
    // The server closed the socket over storage (4503) and the app reconnected to retry.
    expect(states.map((change) => change.state)).toEqual(
      expect.arrayContaining(['saving', 'offline']),
    );
    expect(states.some((change) => change.closeCode === '4503')).toBe(true);
    await expect(alice.plan.saveStatus).toContainText('The server cannot save right now');
    await alice.plan.section(SECTION).expectToContain(text.trim());

    await setStoreFaults(server, 'ok');
    await alice.plan.expectSaveState('saved');
    await alice.plan.reload();
    await alice.plan.section(SECTION).expectToContain(text.trim());
  });

  test('storage stalling: "saving" until it answers, then "saved"', async ({
    startServer,
    join,
  }) => {
    const server = await startServer({ entry: 'e2e/support/faultyStoreServer.ts' });
    const plan = await createPlan(server);
    const alice = await join('alice', plan, { role: 'facilitator' });
    await alice.plan.expectSaveState('saved');
    const text = ' Written while the disk is slow.';

    await setStoreFaults(server, 'stall');
    await alice.plan.recordSaveStates();
    await alice.plan.section(SECTION).typeAtEnd(text);
    await alice.plan.expectSaveState('saving');
    await expectNeverSavedFor(alice.plan, 4_000);
    await alice.plan.expectSaveState('saving');

    await setStoreFaults(server, 'ok');
    await alice.plan.expectSaveState('saved');
    await alice.plan.reload();
    await alice.plan.section(SECTION).expectToContain(text.trim());
  });

  test('typing as the wifi comes back is saved, not refused', async ({ startServer, actor }) => {
    const plan = await createPlan(await startServer());
    const alice = await actor('alice', { server: plan.server });
    const wifi = await VenueWifi.install(alice.page);
    const alicePlan = await PlanPage.join(alice.page, plan.url, 'alice');
    await alicePlan.expectSaveState('saved');
    const offline = ' Typed while the wifi was down.';
    const returning = ' Typed as it came back.';

    wifi.drop();
    await alicePlan.expectSaveState('offline');
    await alicePlan.section(SECTION).typeAtEnd(offline);
    // The wifi returns slowly: the socket is open, the server's first answer is late.
    const before = wifi.connections;
    wifi.restore({ slow: true });
    await expect.poll(() => wifi.connections, { timeout: 15_000 }).toBeGreaterThan(before);
    await alicePlan.expectSaveState('connecting');
    await alice.page.keyboard.type(returning);
    wifi.release();

    await alicePlan.expectSaveState('saved');
    await expect(alicePlan.refusalNotice).toHaveCount(0);
    await alicePlan.reload();
    await alicePlan.section(SECTION).expectToContain(`${offline.trim()}${returning}`);
  });

  test('the server gone: "offline", and the text stays on the page', async ({
    startServer,
    join,
  }) => {
    const server = await startServer();
    const plan = await createPlan(server);
    const alice = await join('alice', plan, { role: 'facilitator' });
    await alice.plan.expectSaveState('saved');

    await server.stop();
    await alice.plan.expectSaveState('offline');
    await expect(alice.plan.saveStatus).toContainText('Offline');
    const text = ' Written with no server.';
    await alice.plan.section(SECTION).typeAtEnd(text);
    await alice.plan.section(SECTION).expectToContain(text.trim());
    await alice.plan.expectSaveState('offline');
  });
});

test.describe('on a venue network over plain http', () => {
  const VENUE_HOST = 'plenary-venue.test';
  test('joining, saving and copying a link work without a secure context', async ({
    startServer,
    join,
    actor,
    launchBrowser,
  }) => {
    // A LAN name instead of localhost: the browser treats the page as not secure, as it
    // does for http://192.168.x.y at a venue.
    const browser = await launchBrowser([mapHostToLoopback(VENUE_HOST)]);
    const server = await startServer({ publicHost: VENUE_HOST });
    const plan = await createPlan(server);
    expect(new URL(plan.url).hostname).toBe(VENUE_HOST);
    const alice = await join('alice', plan, { role: 'facilitator' }, { browser });
    expect(new URL(alice.page.url()).hostname).toBe(VENUE_HOST);
    expect(await alice.page.evaluate(() => window.isSecureContext)).toBe(false);

    const text = ' Typed over the venue wifi.';
    await alice.plan.section(SECTION).typeAtEnd(text);
    await alice.plan.expectSaveState('saved');

    // No clipboard API without a secure context: Copy selects the link to copy by hand.
    const share = await alice.plan.openShare();
    await share.create('Member', 'Group 1');
    const link = (await share.shownLink.getByTestId('invite-url').textContent()) ?? '';
    expect(new URL(link).hostname).toBe(VENUE_HOST);
    await share.shownLink.getByRole('button', { name: 'Copy link' }).click();
    const field = share.shownLink.getByRole('textbox', { name: 'Link to this plan' });
    await expect(field).toHaveValue(link);
    await expect(share.shownLink).toContainText('Link selected');
    await expect
      .poll(() => field.evaluate((input: HTMLInputElement) => input.selectionEnd))
      .toBe(link.length);
    await share.close();

    // The link copied by hand opens the plan for the person it was made for.
    const bora = await actor('bora', { server, browser });
    const boraPlan = await PlanPage.join(bora.page, link, 'bora');
    await boraPlan.section(SECTION).expectToContain(text.trim());
    await boraPlan.section(SECTION).typeAtEnd(' Bora joined from a phone.');
    await boraPlan.expectSaveState('saved');
    await alice.plan.section(SECTION).expectToContain('Bora joined from a phone.');

    expect(alice.pageErrors).toEqual([]);
    expect(bora.pageErrors).toEqual([]);
  });
});
