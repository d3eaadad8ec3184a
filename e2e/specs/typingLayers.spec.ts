/**
 * Issue 13 (Performance): a keystroke's frame works on the page's compositor layers, so the
 * plan page keeps them few. The sections are stacking contexts (a keystroke repaints only
 * its own section); painted after the sticky sidebar, which scrolls on its own, the
 * browser made each of them a layer, assuming it might come to overlap the sidebar.
 */
import { expect, test } from '../fixtures/test.ts';
import { createPlan, R2P_SECTIONS } from '../support/planApi.ts';

test('typing in the plan page: no section is a compositor layer of its own', async ({
  startServer,
  join,
}) => {
  const alice = await join('alice', await createPlan(await startServer()), { role: 'facilitator' });
  await alice.plan.section(R2P_SECTIONS.purpose).typeAtEnd(' and more');

  const cdp = await alice.context.newCDPSession(alice.page);
  await cdp.send('DOM.getDocument');
  const tree = new Promise<{ backendNodeId?: number }[]>((resolve) => {
    cdp.on('LayerTree.layerTreeDidChange', ({ layers }) => {
      if (layers) resolve(layers);
    });
  });
  await cdp.send('LayerTree.enable');
  // One more key, so that a frame reports the layers.
  await alice.page.keyboard.type('.');
  const layers = await tree;
  const elements: string[] = [];
  for (const { backendNodeId } of layers) {
    if (!backendNodeId) continue;
    const { node } = await cdp.send('DOM.describeNode', { backendNodeId });
    elements.push(`${node.nodeName.toLowerCase()}.${node.attributes?.[1] ?? ''}`);
  }
  expect(elements.filter((element) => element.startsWith('section.'))).toEqual([]);
});
