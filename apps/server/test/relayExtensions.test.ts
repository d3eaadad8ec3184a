import { CloseCode, sectionFragmentName } from '@plenary/model';
import type { RelayExtension } from '@plenary/relay';
import { beforeEach, describe, expect, it } from 'vitest';
import type * as Y from 'yjs';
import { eventually, type StockClient, whenClosed, whenSynced } from './support/stockClient.ts';
import { joinAs, useTestServer } from './support/testServer.ts';

let client: StockClient | null = null;
/** What the probe saw, in the order it saw it. */
const seen: string[] = [];
/** While set, the probe refuses every update that changes a section. */
let locked = false;

// One more extension, plugged in through the app's options alone: no change to the relay
// or to the wiring of the server's own extensions.
const probe: RelayExtension = {
  name: 'probe',
  beforeUpdate: ({ touchedRoots }) =>
    locked && [...touchedRoots].some((root) => root.startsWith('section:'))
      ? 'sections are locked for the test'
      : null,
  onClientUpdate: ({ planId, participantId }) => {
    // The server's own extensions ran first: the section edit is recorded already.
    const recorded = server()
      .app.sectionEdits.of(planId)
      .some((e) => e.participantId === participantId);
    seen.push(`client update (section edit recorded: ${recorded})`);
  },
  onRefusal: ({ code }) => {
    // Counted already by the server's refusal counter, which runs before.
    seen.push(`refusal ${code} (counted: ${server().app.relayRefusals.snapshot()[code] ?? 0})`);
  },
};

/** Types into the first section's first paragraph through the stock client. */
function type(text: string): void {
  const sectionId = plan().sections[0]?.id ?? '';
  const fragment = client?.doc.getXmlFragment(sectionFragmentName(sectionId));
  const paragraph = fragment?.get(0) as Y.XmlElement;
  (paragraph.get(0) as Y.XmlText).insert(0, text);
}

const { server, plan, connect } = useTestServer({ relayExtensions: [probe] });

beforeEach(() => {
  seen.length = 0;
  locked = false;
});

describe("the server's relay extensions", () => {
  it('run before those the app is given, which may refuse and observe', async () => {
    const { sessionToken } = await joinAs(server(), plan(), { role: 'facilitator' }, 'Dara');
    client = connect(sessionToken);
    await whenSynced(client);
    type('Hello. ');
    await eventually(() => seen.length === 1, 10_000, 'the client update');
    expect(seen).toEqual(['client update (section edit recorded: true)']);

    locked = true;
    const closed = whenClosed(client);
    type('Refused. ');
    expect(await closed).toEqual({
      code: CloseCode.FORBIDDEN,
      reason: 'sections are locked for the test',
    });
    // The stock client reconnects and sends it again, to be refused again: the first will do.
    await eventually(() => seen.length >= 2, 10_000, 'the refusal');
    expect(seen[1]).toBe(`refusal ${CloseCode.FORBIDDEN} (counted: 1)`);
  });
});
