import * as encoding from 'lib0/encoding';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { gcStructsUpdate } from './craftedUpdates.ts';
import { inspectUpdate, isUpdateProblem, type UpdateSummary } from './updateCheck.ts';

/** A server document with three sections and a plan map, as a relay would hold it. */
function serverDoc(): Y.Doc {
  const doc = new Y.Doc();
  doc.transact(() => {
    doc.getMap('plan').set('title', 'Plan');
    for (const id of ['s1', 's2', 's3']) {
      const paragraph = new Y.XmlElement('paragraph');
      paragraph.insert(0, [new Y.XmlText(`text of ${id}`)]);
      doc.getXmlFragment(`section:${id}`).insert(0, [paragraph]);
    }
  });
  return doc;
}

/** A client that starts from the server's state and records what it sends. */
function clientOf(server: Y.Doc, clientID?: number): Y.Doc {
  const client = new Y.Doc();
  if (clientID !== undefined) client.clientID = clientID;
  Y.applyUpdate(client, Y.encodeStateAsUpdate(server));
  return client;
}

function captureUpdate(client: Y.Doc, change: (doc: Y.Doc) => void): Uint8Array {
  let captured: Uint8Array | null = null;
  const listen = (update: Uint8Array) => {
    captured = update;
  };
  client.on('update', listen);
  client.transact(() => change(client));
  client.off('update', listen);
  if (!captured) throw new Error('the change produced no update');
  return captured;
}

function roots(server: Y.Doc, update: Uint8Array): string[] {
  const result = inspectUpdate(server, update);
  if (isUpdateProblem(result)) throw new Error(result.reason);
  return [...(result as UpdateSummary).touchedRoots].sort();
}

const textOf = (doc: Y.Doc, id: string) =>
  (doc.getXmlFragment(`section:${id}`).get(0) as Y.XmlElement).get(0) as Y.XmlText;

describe('inspectUpdate: the roots an update touches', () => {
  it('typing in a section touches that section only', () => {
    const server = serverDoc();
    const client = clientOf(server);
    expect(
      roots(
        server,
        captureUpdate(client, (doc) => textOf(doc, 's2').insert(3, 'abc')),
      ),
    ).toEqual(['section:s2']);
  });

  it('a new paragraph with text nested in it touches its section', () => {
    const server = serverDoc();
    const client = clientOf(server);
    const update = captureUpdate(client, (doc) => {
      const paragraph = new Y.XmlElement('paragraph');
      paragraph.insert(0, [new Y.XmlText('new')]);
      doc.getXmlFragment('section:s3').insert(1, [paragraph]);
    });
    expect(roots(server, update)).toEqual(['section:s3']);
  });

  it('changing the plan map touches the plan root', () => {
    const server = serverDoc();
    const client = clientOf(server);
    expect(
      roots(
        server,
        captureUpdate(client, (doc) => doc.getMap('plan').set('title', 'x')),
      ),
    ).toEqual(['plan']);
  });

  it('a deletion touches the section of the deleted text', () => {
    const server = serverDoc();
    const client = clientOf(server);
    expect(
      roots(
        server,
        captureUpdate(client, (doc) => textOf(doc, 's1').delete(0, 4)),
      ),
    ).toEqual(['section:s1']);
  });

  it('one deletion range that spans two sections touches both', () => {
    const server = serverDoc();
    const author = clientOf(server, 4242);
    // The author's clocks run contiguously through s1 then s3.
    Y.applyUpdate(
      server,
      captureUpdate(author, (doc) => {
        textOf(doc, 's1').insert(0, 'AAA');
        textOf(doc, 's3').insert(0, 'BBB');
      }),
    );
    const deleter = clientOf(server);
    const update = captureUpdate(deleter, (doc) => {
      textOf(doc, 's1').delete(0, 3);
      textOf(doc, 's3').delete(0, 3);
    });
    expect(roots(server, update)).toEqual(['section:s1', 'section:s3']);
  });

  it("a reconnect's full state and delete set, already applied on the server, touches nothing", () => {
    const server = serverDoc();
    const other = clientOf(server);
    Y.applyUpdate(
      server,
      captureUpdate(other, (doc) => textOf(doc, 's1').delete(0, 5)),
    );
    Y.applyUpdate(
      server,
      captureUpdate(other, (doc) => textOf(doc, 's2').insert(0, 'more ')),
    );
    const reconnecting = clientOf(server);
    expect(roots(server, Y.encodeStateAsUpdate(reconnecting))).toEqual([]);
  });

  it('refuses a forged struct that claims one section but would land in another', () => {
    const server = serverDoc();
    const forger = clientOf(server, 777);
    // The forger's last two clocks on the server are in section s3.
    Y.applyUpdate(
      server,
      captureUpdate(forger, (doc) => textOf(doc, 's3').insert(0, 'xy')),
    );
    // A second document with the same client id, whose clocks 1..2 are one struct in
    // an empty root "section:s1" with no neighbours, so it declares that parent. The
    // server has clock 1 (in s3), so Yjs would link the rest after it, in s3.
    const fake = new Y.Doc();
    fake.clientID = 777;
    fake.getMap('junk').set('k', 1);
    const before = Y.encodeStateVector(fake);
    fake.getText('section:s1').insert(0, 'zz');
    const forged = Y.encodeStateAsUpdate(fake, before);
    const result = inspectUpdate(server, forged);
    expect(isUpdateProblem(result) ? result.reason : 'accepted').toMatch(
      /claims section:s1 but would land in section:s3/,
    );
  });

  it('refuses an update that lists the same client twice', () => {
    const server = serverDoc();
    const first = captureUpdate(clientOf(server, 99), (doc) => textOf(doc, 's1').insert(0, 'a'));
    // Another document posing as the same client writes different content at the same clock.
    const second = captureUpdate(clientOf(server, 99), (doc) => textOf(doc, 's2').insert(0, 'b'));
    // V1 layout: [client count][blocks…][delete set]; both have one block and no deletions.
    const block = (update: Uint8Array) => update.subarray(1, update.length - 1);
    const doubled = new Uint8Array([2, ...block(first), ...block(second), 0]);
    const result = inspectUpdate(server, doubled);
    expect(isUpdateProblem(result) ? result.reason : 'accepted').toMatch(/lists client 99 twice/);
  });

  it('refuses deletions of content the server has never seen', () => {
    const server = serverDoc();
    const ahead = clientOf(server, 5);
    captureUpdate(ahead, (doc) => textOf(doc, 's1').insert(0, 'unsent'));
    const deletion = captureUpdate(ahead, (doc) => textOf(doc, 's1').delete(0, 6));
    const result = inspectUpdate(server, deletion);
    expect(isUpdateProblem(result) ? result.reason : 'accepted').toMatch(/does not exist/);
  });

  it('refuses a deletion of length 0, which makes Yjs throw half way through applying it', () => {
    const server = serverDoc();
    const client = server.clientID;
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, 0); // no structs
    encoding.writeVarUint(encoder, 1); // one client in the delete set
    encoding.writeVarUint(encoder, client);
    encoding.writeVarUint(encoder, 2); // two deletions
    // Of the last character, next to one of nothing at the end of the client's clock.
    encoding.writeVarUint(encoder, Y.getState(server.store, client) - 1);
    encoding.writeVarUint(encoder, 1);
    encoding.writeVarUint(encoder, Y.getState(server.store, client));
    encoding.writeVarUint(encoder, 0);
    const update = encoding.toUint8Array(encoder);
    expect(() => Y.applyUpdate(clientOf(server), update)).toThrow();
    const result = inspectUpdate(server, update);
    expect(isUpdateProblem(result) ? result.reason : 'accepted').toMatch(/deletes nothing/);
  });

  it('refuses a struct of length 0, which makes every copy of the plan unloadable', () => {
    const server = serverDoc();
    const empty = gcStructsUpdate([4242], 0, { length: 0 });

    // What happens without the check: Yjs takes it, and from then on the document's own
    // state (what a joining browser or the device's saved copy loads) no longer loads.
    const victim = clientOf(server);
    Y.applyUpdate(victim, empty);
    expect(() => Y.applyUpdate(new Y.Doc(), Y.encodeStateAsUpdate(victim))).toThrow();

    const result = inspectUpdate(server, empty);
    expect(isUpdateProblem(result) ? result.reason : 'accepted').toMatch(/empty struct/);
  });

  it('reports the client ids that write new structs', () => {
    const server = serverDoc();
    const client = clientOf(server, 31337);
    const result = inspectUpdate(
      server,
      captureUpdate(client, (doc) => textOf(doc, 's1').insert(0, 'k')),
    );
    expect(isUpdateProblem(result) ? [] : result.clientIds).toEqual([31337]);
  });
});
