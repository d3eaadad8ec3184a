import { CloseCode, MESSAGE_QUERY_AWARENESS, sectionFragmentName } from '@plenary/model';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import * as Y from 'yjs';
import { eventually, type StockClient, stockClient, whenSynced } from './support/stockClient.ts';
import {
  type CreatedPlan,
  createTestPlan,
  joinAs,
  startTestServer,
  type TestServer,
} from './support/testServer.ts';

// One member must not be able to take everyone's share of the server (issue 12, items 2
// and 5): each attack below is made against a real server with stock clients, and the
// honest clients beside it go on undisturbed.

let server: TestServer | null = null;
const clients: StockClient[] = [];
const sockets: WebSocket[] = [];

afterEach(async () => {
  for (const client of clients.splice(0)) {
    (client.provider.ws as unknown as WebSocket | null)?.terminate();
    client.destroy();
  }
  for (const socket of sockets.splice(0)) socket.terminate();
  await server?.close();
  server = null;
});

function connect(srv: TestServer, planId: string, token: string): StockClient {
  const client = stockClient(srv.syncUrl, planId, token);
  clients.push(client);
  return client;
}

/** Every close code a stock client was given, in order. */
function closeCodes(client: StockClient): number[] {
  const codes: number[] = [];
  client.provider.on('connection-close', (event) => {
    if (event) codes.push(event.code);
  });
  return codes;
}

/** The first paragraph's text of a section in a client's copy, made when missing. */
function firstText(doc: Y.Doc, sectionId: string): Y.XmlText {
  const fragment = doc.getXmlFragment(sectionFragmentName(sectionId));
  if (fragment.length === 0) fragment.insert(0, [new Y.XmlElement('paragraph')]);
  const paragraph = fragment.get(0) as Y.XmlElement;
  if (!(paragraph.get(0) instanceof Y.XmlText)) paragraph.insert(0, [new Y.XmlText()]);
  return paragraph.get(0) as Y.XmlText;
}

const sectionXml = (client: StockClient, sectionId: string) =>
  client.doc.getXmlFragment(sectionFragmentName(sectionId)).toString();

/** Two members of a section's group. */
async function pairIn(srv: TestServer, plan: CreatedPlan, sectionIndex: number) {
  const section = plan.sections.filter((s) => s.groupId !== null)[sectionIndex];
  if (!section) throw new Error('the template has too few group sections');
  const invite = { role: 'member', groupId: section.groupId };
  const writer = await joinAs(srv, plan, invite, 'Writer');
  const reader = await joinAs(srv, plan, invite, 'Reader');
  return {
    section,
    writer: connect(srv, plan.id, writer.sessionToken),
    reader: connect(srv, plan.id, reader.sessionToken),
  };
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('a fair share for everyone', () => {
  it('throttles a member flooding 5,000 updates a second while honest pairs in the same plan and another converge', async () => {
    server = await startTestServer();
    const busy = await createTestPlan(server, 'r2p-nap');
    const other = await createTestPlan(server, 'r2p-nap');
    const floodSection = busy.sections.filter((s) => s.groupId !== null)[0];
    if (!floodSection) throw new Error('no group section');
    const member = await joinAs(
      server,
      busy,
      { role: 'member', groupId: floodSection.groupId },
      'F',
    );
    const flooder = connect(server, busy.id, member.sessionToken);
    const flooderCloses = closeCodes(flooder);
    const same = await pairIn(server, busy, 1);
    const elsewhere = await pairIn(server, other, 0);
    const honest = [same, elsewhere];
    await Promise.all(
      [flooder, ...honest.flatMap((p) => [p.writer, p.reader])].map((c) => whenSynced(c)),
    );

    // 5,000 one-character changes a second (50 every 10 ms) for two seconds, at the start
    // of the flooder's own section, while each honest writer types a word every 100 ms.
    const flood = firstText(flooder.doc, floodSection.id);
    for (let tick = 0; tick < 200; tick++) {
      for (let i = 0; i < 50; i++) flood.insert(0, 'x');
      if (tick % 10 === 0) {
        for (const pair of honest) {
          const text = firstText(pair.writer.doc, pair.section.id);
          text.insert(text.length, `w${tick} `);
        }
      }
      await pause(10);
    }

    expect(flooderCloses).toContain(CloseCode.RATE_LIMITED);
    for (const pair of honest) {
      await eventually(
        () => sectionXml(pair.reader, pair.section.id) === sectionXml(pair.writer, pair.section.id),
        20_000,
        'the honest pair to converge',
      );
      expect(sectionXml(pair.writer, pair.section.id)).toContain('w190 ');
    }
    // Throttled, not cut off: what the flooder typed reaches the plan as its share allows.
    await eventually(
      () => sectionXml(same.reader, floodSection.id) === sectionXml(flooder, floodSection.id),
      60_000,
      "the flooder's own changes to arrive",
    );
  }, 120_000);

  it('refuses a flooder’s reconnects until their share has half refilled; the stock client backs off and loses nothing', async () => {
    // 20 frames at once, 2 a second: half the burst is back 5 s after it is spent.
    server = await startTestServer({
      env: { PARTICIPANT_FRAME_BURST: '20', PARTICIPANT_FRAMES_PER_SECOND: '2' },
    });
    const plan = await createTestPlan(server, 'r2p-nap');
    const { section, writer, reader } = await pairIn(server, plan, 0);
    await Promise.all([whenSynced(writer), whenSynced(reader)]);
    // What the writer's client went through: each close's code, and each time it synced.
    const events: (number | 'synced')[] = [];
    writer.provider.on('connection-close', (event) => {
      if (event) events.push(event.code);
    });
    writer.provider.on('sync', (synced: boolean) => {
      if (synced) events.push('synced');
    });
    const text = firstText(writer.doc, section.id);
    for (let i = 0; i < 40; i++) text.insert(text.length, String(i % 10));
    const typed = sectionXml(writer, section.id);
    await eventually(() => events.includes('synced'), 30_000, 'the writer to be back');
    // Closed over budget, then refused before syncing at least once: the client backed off.
    const back = events.indexOf('synced');
    expect(events.slice(0, back).length).toBeGreaterThanOrEqual(2);
    expect(new Set(events.slice(0, back))).toEqual(new Set([CloseCode.RATE_LIMITED]));
    expect(server.logLines.some((line) => line.includes('reconnect in'))).toBe(true);
    await eventually(() => sectionXml(reader, section.id) === typed, 10_000, 'the text to arrive');
  }, 60_000);

  it('refuses a 7 MB presence state (4413) and never relays it', async () => {
    server = await startTestServer();
    const plan = await createTestPlan(server);
    const watcher = connect(server, plan.id, plan.facilitatorToken);
    const member = await joinAs(server, plan, { role: 'observer' }, 'Big');
    const big = connect(server, plan.id, member.sessionToken);
    const closes = closeCodes(big);
    await Promise.all([whenSynced(watcher), whenSynced(big)]);
    const relayed: number[] = [];
    watcher.provider.awareness.on('change', () => {
      for (const state of watcher.provider.awareness.getStates().values()) {
        if ('huge' in state) relayed.push(JSON.stringify(state).length);
      }
    });
    big.provider.awareness.setLocalStateField('huge', 'x'.repeat(7 * 1024 * 1024));
    await eventually(() => closes.length > 0, 10_000, 'the presence to be refused');
    expect(closes[0]).toBe(CloseCode.FRAME_TOO_LARGE);
    await pause(200);
    expect(relayed).toEqual([]);
  });

  it('answers 20 queries for everyone’s presence with a few answers, then closes (4529)', async () => {
    server = await startTestServer();
    const plan = await createTestPlan(server);
    const present = connect(server, plan.id, plan.facilitatorToken);
    await whenSynced(present);
    // A presence near the limit, so that each answer weighs 10 KB.
    present.provider.awareness.setLocalStateField('note', 'n'.repeat(10_000));
    const member = await joinAs(server, plan, { role: 'observer' }, 'Asker');
    const asker = new WebSocket(`${server.syncUrl}/${plan.id}?token=${member.sessionToken}`);
    sockets.push(asker);
    let received = 0;
    const closed = new Promise<number>((resolve) => asker.on('close', (code) => resolve(code)));
    asker.on('message', (data: Buffer) => {
      received += data.byteLength;
    });
    await new Promise((resolve) => asker.once('open', resolve));
    await pause(200);
    const beforeQueries = received;
    for (let i = 0; i < 20; i++) asker.send(Uint8Array.of(MESSAGE_QUERY_AWARENESS));
    expect(await closed).toBe(CloseCode.RATE_LIMITED);
    // Three answers at most, where there were twenty.
    expect(received - beforeQueries).toBeLessThan(4 * 10_500);
  });

  it('closes a socket that never reads once over the cap (4508); its client resyncs with nothing lost', async () => {
    server = await startTestServer({
      env: {
        MAX_UNSENT_BYTES: String(64 * 1024),
        SOCKET_BYTE_BURST: String(64 * 1024 * 1024),
        PARTICIPANT_BYTE_BURST: String(64 * 1024 * 1024),
      },
    });
    const plan = await createTestPlan(server);
    const writer = connect(server, plan.id, plan.facilitatorToken);
    // The facilitator on a second device (a phone on a bad link).
    const slow = connect(server, plan.id, plan.facilitatorToken);
    const closes = closeCodes(slow);
    await Promise.all([whenSynced(writer), whenSynced(slow)]);
    const section = plan.sections[0];
    if (!section) throw new Error('no section');
    // The slow client stops reading (a phone on a bad link), but still types.
    (slow.provider.ws as unknown as WebSocket).pause();
    firstText(slow.doc, section.id).insert(0, 'typed while stuck ');
    // Far more than the kernel's buffers hold, so that the server has to keep the rest.
    const block = 'The plan grows. '.repeat(25_000);
    for (let i = 0; i < 40; i++) {
      firstText(writer.doc, section.id).insert(0, block);
      await pause(5);
    }
    await eventually(
      () =>
        server?.logLines.some((line) => line.includes('closed a socket that stopped reading')) ??
        false,
      30_000,
      'the server to let go of the slow socket',
    );
    (slow.provider.ws as unknown as WebSocket | null)?.resume();
    await eventually(() => closes.includes(CloseCode.CLIENT_TOO_SLOW), 30_000, 'the close code');
    await eventually(
      () => sectionXml(slow, section.id) === sectionXml(writer, section.id),
      30_000,
      'the slow client to resync',
    );
    expect(sectionXml(writer, section.id)).toContain('typed while stuck');
    expect(sectionXml(writer, section.id).length).toBeGreaterThan(40 * block.length);
  }, 120_000);
});
