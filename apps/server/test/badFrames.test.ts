import { sectionFragmentName } from '@plenary/model';
import { CloseCode } from '@plenary/relay';
import * as encoding from 'lib0/encoding';
import { beforeEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import * as Y from 'yjs';
import { eventually, type StockClient, stockClient, whenSynced } from './support/stockClient.ts';
import { useTestServer } from './support/testServer.ts';

const LIMIT = 4096;

function syncUpdateFrame(update: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, 0);
  encoding.writeVarUint(encoder, 2);
  encoding.writeVarUint8Array(encoder, update);
  return encoding.toUint8Array(encoder);
}

/** An update that depends on a client clock the server has never seen. */
function updateWithGap(): Uint8Array {
  const doc = new Y.Doc();
  doc.getXmlFragment('section:x').insert(0, [new Y.XmlText('first')]);
  const middle = Y.encodeStateVector(doc);
  doc.getXmlFragment('section:x').insert(0, [new Y.XmlText('second')]);
  return Y.encodeStateAsUpdate(doc, middle);
}

/** Opens a raw socket, sends one frame once the server has spoken, and reports the close. */
function sendAndAwaitClose(
  url: string,
  frame: Uint8Array | null,
): Promise<{ code: number; reason: string }> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url);
    let sent = false;
    socket.on('message', () => {
      if (sent || frame === null) return;
      sent = true;
      socket.send(frame);
    });
    socket.on('close', (code, reason) => resolve({ code, reason: reason.toString() }));
    socket.on('error', reject);
  });
}

const { server, plan, connect } = useTestServer({
  env: { MAX_FRAME_BYTES: String(LIMIT) },
  template: 'blank',
});
let honest: StockClient;

beforeEach(async () => {
  honest = connect(plan().facilitatorToken);
  await whenSynced(honest);
});

async function storedState(): Promise<Uint8Array> {
  const loaded = await server().app.store.loadDocument(plan().id);
  return Y.mergeUpdates(loaded?.updates ?? []);
}

const cases: [string, () => Uint8Array, number][] = [
  ['a truncated frame', () => new Uint8Array([0, 2, 40, 1, 2, 3]), CloseCode.MALFORMED_FRAME],
  ['a frame with trailing bytes', () => new Uint8Array([3, 0, 0]), CloseCode.MALFORMED_FRAME],
  ['an unknown message type', () => new Uint8Array([77, 1]), CloseCode.UNKNOWN_MESSAGE_TYPE],
  [
    'an update that does not apply',
    () => syncUpdateFrame(updateWithGap()),
    CloseCode.UPDATE_DOES_NOT_APPLY,
  ],
  [
    'garbage where an update should be',
    () => syncUpdateFrame(new Uint8Array([5, 250, 250, 250, 1])),
    CloseCode.UPDATE_DOES_NOT_APPLY,
  ],
  [
    'a frame over the size limit',
    () => syncUpdateFrame(new Uint8Array(LIMIT + 10)),
    CloseCode.FRAME_TOO_LARGE,
  ],
];

describe('bad frames at the relay, over real sockets', () => {
  for (const [name, frame, code] of cases) {
    it(`${name} closes only its own socket with ${code}`, async () => {
      const before = await storedState();
      const closed = await sendAndAwaitClose(
        `${server().syncUrl}/${plan().id}?token=${plan().facilitatorToken}`,
        frame(),
      );
      expect(closed.code).toBe(code);
      expect(closed.reason).not.toBe('');
      expect(await storedState()).toEqual(before);
      expect(
        server().logLines.some(
          (line) => line.includes(`"code":${code}`) && line.includes(plan().id),
        ),
      ).toBe(true);

      const section = honest.doc.getXmlFragment(sectionFragmentName(plan().sections[0]?.id ?? ''));
      section.insert(0, [new Y.XmlText('still editing')]);
      await eventually(() => honest.provider.wsconnected && server().app.relay.openRoomCount === 1);
      const check = stockClient(server().syncUrl, plan().id, plan().facilitatorToken);
      await whenSynced(check);
      await eventually(
        () =>
          check.doc
            .getXmlFragment(sectionFragmentName(plan().sections[0]?.id ?? ''))
            .toString()
            .includes('still editing'),
        5_000,
        'the honest edit to reach a new client',
      );
      check.destroy();
    });
  }

  it('refuses a socket for a plan that does not exist with 4404', async () => {
    expect((await sendAndAwaitClose(`${server().syncUrl}/nosuchplan123`, null)).code).toBe(
      CloseCode.UNKNOWN_PLAN,
    );
    expect((await sendAndAwaitClose(`${server().syncUrl}/NOT..valid`, null)).code).toBe(
      CloseCode.UNKNOWN_PLAN,
    );
  });
});
