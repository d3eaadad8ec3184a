/**
 * Issue "The room's experience", links that work from every seat: a facilitator who opens
 * Plenary on `localhost` (as the start-up message once suggested) hands out links and QR
 * codes with the machine's venue address, which phones can open, and is told so.
 */
import { expect, test } from '../fixtures/test.ts';
import { PlanPage } from '../pages/PlanPage.ts';
import { createPlan } from '../support/planApi.ts';
import { decodeQr } from '../support/qrCode.ts';

/** An address from the documentation range (RFC 5737), standing in for the venue LAN's. */
const VENUE_ADDRESS = '192.0.2.10';

test('links, QR codes and join codes made on a localhost page carry the venue address, with a note', async ({
  startServer,
  actor,
}) => {
  const server = await startServer({ env: { PUBLIC_URL: '', LAN_ADDRESS: VENUE_ADDRESS } });
  const port = new URL(server.url).port;
  const venue = `http://${VENUE_ADDRESS}:${port}`;
  const plan = await createPlan(server);
  expect(plan.url.startsWith(`${venue}/plans/`)).toBe(true);

  // The facilitator opens the plan on the server's own machine, at a loopback address.
  const alice = await actor('alice', { server });
  const onLoopback = plan.url.replace(venue, server.url);
  const page = await PlanPage.join(alice.page, onLoopback, 'Alice');
  const share = await page.openShare();
  await expect(share.dialog.getByTestId('link-reach-note')).toContainText(venue);
  await share.create('Observer');
  const shown = await share.shownLink.getByTestId('invite-url').textContent();
  expect(shown?.startsWith(`${venue}/plans/${plan.id}#invite=`)).toBe(true);
  expect(await decodeQr(share.shownLink.getByRole('img'))).toBe(shown);
  // The short way in is typed at the venue address too, never at localhost.
  await expect(share.shownLink.getByTestId('join-code-address')).toHaveText(
    `${VENUE_ADDRESS}:${port}/join`,
  );
  await expect(share.shownLink.getByTestId('join-code')).toHaveText(/^[2-9A-HJKMNP-Z]{6}$/);
});
