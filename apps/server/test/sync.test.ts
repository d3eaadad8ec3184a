import { sectionFragmentName } from '@plenary/model';
import { openStorage } from '@plenary/storage';
import * as prng from 'lib0/prng';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { eventually, type StockClient, stockClient, whenSynced } from './support/stockClient.ts';
import { createTestPlan, startTestServer, type TestServer } from './support/testServer.ts';

let server: TestServer | null = null;
const clients: StockClient[] = [];

afterEach(async () => {
  for (const client of clients.splice(0)) client.destroy();
  await server?.close();
  server = null;
});

let token = '';

function connect(syncUrl: string, planId: string): StockClient {
  const client = stockClient(syncUrl, planId, token);
  clients.push(client);
  return client;
}

const sectionXml = (doc: Y.Doc, sectionId: string): string =>
  doc.getXmlFragment(sectionFragmentName(sectionId)).toString();

/** One random edit of a section: insert or delete text in a random paragraph. */
function randomEdit(gen: prng.PRNG, doc: Y.Doc, sectionId: string): void {
  const fragment = doc.getXmlFragment(sectionFragmentName(sectionId));
  doc.transact(() => {
    let paragraph = fragment.get(prng.uint32(gen, 0, Math.max(0, fragment.length - 1)));
    if (!(paragraph instanceof Y.XmlElement)) {
      paragraph = new Y.XmlElement('paragraph');
      fragment.insert(fragment.length, [paragraph]);
    }
    const element = paragraph as Y.XmlElement;
    let text = element.get(0);
    if (!(text instanceof Y.XmlText)) {
      text = new Y.XmlText();
      element.insert(0, [text]);
    }
    const xmlText = text as Y.XmlText;
    if (xmlText.length > 5 && prng.bool(gen) && prng.bool(gen)) {
      const at = prng.uint32(gen, 0, xmlText.length - 1);
      xmlText.delete(at, Math.min(prng.uint32(gen, 1, 4), xmlText.length - at));
    } else {
      xmlText.insert(prng.uint32(gen, 0, xmlText.length), prng.word(gen, 1, 6));
    }
    if (prng.uint32(gen, 0, 30) === 0)
      fragment.insert(fragment.length, [new Y.XmlElement('paragraph')]);
  });
}

async function storedSectionXml(
  dataDir: string,
  planId: string,
  sectionId: string,
): Promise<string> {
  const storage = await openStorage({ dataDir });
  const loaded = await storage.documents.loadDocument(planId);
  await storage.close();
  const doc = new Y.Doc();
  for (const update of loaded?.updates ?? []) Y.applyUpdate(doc, update);
  return sectionXml(doc, sectionId);
}

describe('co-editing through the relay with stock y-websocket clients', () => {
  it('converges five clients making random concurrent edits in one section; a late joiner gets it all', async () => {
    server = await startTestServer();
    const plan = await createTestPlan(server);
    token = plan.facilitatorToken;
    const sectionId = plan.sections[0]?.id ?? '';
    const five = Array.from({ length: 5 }, () => connect(server?.syncUrl ?? '', plan.id));
    await Promise.all(five.map(whenSynced));

    const gen = prng.create(20261129);
    for (let round = 0; round < 40; round++) {
      for (const client of five) randomEdit(gen, client.doc, sectionId);
      // Let some rounds interleave with the network and some pile up.
      if (round % 3 === 0)
        await new Promise((resolve) => setTimeout(resolve, prng.uint32(gen, 0, 15)));
    }

    const reference = () => sectionXml(five[0]?.doc ?? new Y.Doc(), sectionId);
    await eventually(
      () => five.every((client) => sectionXml(client.doc, sectionId) === reference()),
      20_000,
      'five clients to converge',
    );
    expect(reference().length).toBeGreaterThan(100);

    const late = connect(server.syncUrl, plan.id);
    await whenSynced(late);
    expect(sectionXml(late.doc, sectionId)).toBe(reference());

    const expected = reference();
    const { dataDir } = server;
    for (const client of clients.splice(0)) client.destroy();
    await server.close();
    server = null;
    expect(await storedSectionXml(dataDir, plan.id, sectionId)).toBe(expected);
  });

  it('keeps every edit across a server restart on the same data directory', async () => {
    server = await startTestServer();
    const plan = await createTestPlan(server, 'r2p-nap');
    token = plan.facilitatorToken;
    const sectionId = plan.sections[1]?.id ?? '';
    const alice = connect(server.syncUrl, plan.id);
    await whenSynced(alice);
    const gen = prng.create(7);
    for (let i = 0; i < 50; i++) randomEdit(gen, alice.doc, sectionId);
    const bora = connect(server.syncUrl, plan.id);
    await whenSynced(bora);
    await eventually(() => sectionXml(bora.doc, sectionId) === sectionXml(alice.doc, sectionId));
    const expected = sectionXml(alice.doc, sectionId);

    const { dataDir } = server;
    for (const client of clients.splice(0)) client.destroy();
    await server.close();
    server = await startTestServer({ dataDir });
    const after = connect(server.syncUrl, plan.id);
    await whenSynced(after);
    expect(sectionXml(after.doc, sectionId)).toBe(expected);
  });

  it('sends REST structure changes to open clients as live updates', async () => {
    server = await startTestServer();
    const plan = await createTestPlan(server);
    token = plan.facilitatorToken;
    const alice = connect(server.syncUrl, plan.id);
    await whenSynced(alice);
    const response = await fetch(`${server.baseUrl}/api/plans/${plan.id}/sections`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ title: 'Roadmap', groupId: 'g3' }),
    });
    expect(response.status).toBe(201);
    const section = (await response.json()) as { id: string };
    const order = () => (alice.doc.getMap('plan').get('sectionOrder') as Y.Array<string>).toArray();
    await eventually(() => order().includes(section.id), 5_000, 'the new section to arrive');
  });
});
