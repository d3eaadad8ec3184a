import type { ChildProcess } from 'node:child_process';
import { sectionFragmentName } from '@plenary/model';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { freePort, spawnServer } from './support/serverProcess.ts';
import { eventually, type StockClient, stockClient, whenSynced } from './support/stockClient.ts';
import { tempDataDir } from './support/testServer.ts';

async function createPlanOn(
  port: number,
): Promise<{ id: string; sectionId: string; token: string }> {
  const response = await fetch(`http://127.0.0.1:${port}/api/plans`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ title: 'Crash plan', template: 'blank' }),
  });
  const plan = (await response.json()) as {
    id: string;
    facilitatorToken: string;
    sections: { id: string }[];
  };
  return { id: plan.id, sectionId: plan.sections[0]?.id ?? '', token: plan.facilitatorToken };
}

let children: ChildProcess[] = [];
const clients: StockClient[] = [];
afterEach(() => {
  for (const client of clients.splice(0)) client.destroy();
  for (const child of children) child.kill('SIGKILL');
  children = [];
});

describe('a server killed with SIGKILL while people type', () => {
  it('restarts holding every update it had broadcast before the kill', async () => {
    const dataDir = tempDataDir();
    const port = await freePort();
    children.push(await spawnServer(dataDir, port));
    const syncUrl = `ws://127.0.0.1:${port}/sync`;
    const plan = await createPlanOn(port);

    const writers = [
      stockClient(syncUrl, plan.id, plan.token),
      stockClient(syncUrl, plan.id, plan.token),
    ];
    // The observer only listens: what it holds is exactly what the server broadcast.
    const observer = stockClient(syncUrl, plan.id, plan.token);
    clients.push(...writers, observer);
    await Promise.all([...writers, observer].map(whenSynced));

    let typing = true;
    const typeAway = async (client: StockClient, letter: string) => {
      const text = client.doc.getXmlFragment(sectionFragmentName(plan.sectionId));
      while (typing) {
        client.doc.transact(() => {
          const paragraph = new Y.XmlElement('paragraph');
          paragraph.insert(0, [new Y.XmlText(letter.repeat(5))]);
          text.insert(text.length, [paragraph]);
        });
        await new Promise((resolve) => setTimeout(resolve, 2));
      }
    };
    const typing1 = typeAway(writers[0] as StockClient, 'a');
    const typing2 = typeAway(writers[1] as StockClient, 'b');
    const received = () => observer.doc.getXmlFragment(sectionFragmentName(plan.sectionId)).length;
    await eventually(() => received() > 300, 30_000, 'hundreds of broadcast updates');

    children[0]?.kill('SIGKILL');
    await new Promise((resolve) => children[0]?.once('exit', resolve));
    typing = false;
    await Promise.all([typing1, typing2]);
    const broadcast = Y.encodeStateAsUpdate(observer.doc);
    const broadcastParagraphs = received();
    for (const client of clients.splice(0)) client.destroy();

    children.push(await spawnServer(dataDir, port));
    const after = stockClient(syncUrl, plan.id, plan.token);
    clients.push(after);
    await whenSynced(after);

    // Applying what was broadcast to the restarted state must add nothing.
    let added = false;
    after.doc.on('update', () => {
      added = true;
    });
    Y.applyUpdate(after.doc, broadcast, 'check');
    expect(added).toBe(false);
    expect(
      after.doc.getXmlFragment(sectionFragmentName(plan.sectionId)).length,
    ).toBeGreaterThanOrEqual(broadcastParagraphs);
  }, 90_000);
});
