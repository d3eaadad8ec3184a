import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { encodeUpdateSince } from './updateSince.ts';

function floodedPlan(): Y.Doc {
  const doc = new Y.Doc();
  const text = doc.getText('section:a');
  text.insert(0, 'Objectives of the plan, typed in one go.');
  // One character at a time at the start: a struct each.
  for (let i = 0; i < 1_800; i++) text.insert(0, String.fromCharCode(97 + (i % 26)));
  text.delete(100, 250);
  doc.getMap('plan').set('phase', 'review');
  return doc;
}

const goOn = () => null;

describe('encodeUpdateSince', () => {
  it('writes the same update as Yjs does, pausing between runs of structs', async () => {
    const server = floodedPlan();
    let pauses = 0;
    const answer = await encodeUpdateSince(
      server,
      new Map(),
      () => {
        pauses += 1;
        return Promise.resolve();
      },
      { maxStructs: 500 },
    );
    expect(pauses).toBe(3);
    expect(answer).toEqual(Y.encodeStateAsUpdate(server));
    const client = new Y.Doc();
    Y.applyUpdate(client, answer);
    expect(client.getText('section:a').toString()).toBe(server.getText('section:a').toString());
    expect(client.getMap('plan').get('phase')).toBe('review');
  });

  it('sends a client only what it is missing, also from inside a struct', async () => {
    const server = new Y.Doc();
    const text = server.getText('section:a');
    text.insert(0, 'Objectives');
    const client = new Y.Doc();
    Y.applyUpdate(client, Y.encodeStateAsUpdate(server));
    // Typed on after the client's copy: Yjs merges it into the struct the client has part of.
    text.insert(10, ' for 2026');
    const stateVector = Y.encodeStateVector(client);
    const answer = await encodeUpdateSince(server, Y.decodeStateVector(stateVector), goOn);
    expect(answer).toEqual(Y.encodeStateAsUpdate(server, stateVector));
    expect(Y.decodeUpdate(answer).structs[0]?.id.clock).toBe(10);
    Y.applyUpdate(client, answer);
    expect(client.getText('section:a').toString()).toBe('Objectives for 2026');
  });

  it('answers a client that has everything with the deletions alone', async () => {
    const server = floodedPlan();
    const stateVector = Y.encodeStateVector(server);
    const answer = await encodeUpdateSince(server, Y.decodeStateVector(stateVector), goOn);
    expect(answer).toEqual(Y.encodeStateAsUpdate(server, stateVector));
    expect(Y.decodeUpdate(answer).structs).toHaveLength(0);
  });

  it('writes clients and deletions in the order Yjs does, whatever order the document met them in', async () => {
    // Several people's edits, each on a document of its own, reaching the server (and one
    // another) in a random order: the server's store holds the clients in the order it
    // met them, Yjs writes the highest id first.
    const edit = fc.record({
      person: fc.nat({ max: 3 }),
      at: fc.nat(),
      text: fc.string({ minLength: 1, maxLength: 6 }),
      remove: fc.nat({ max: 3 }),
    });
    await fc.assert(
      fc.asyncProperty(
        fc.uniqueArray(fc.integer({ min: 1, max: 2 ** 32 - 1 }), { minLength: 4, maxLength: 4 }),
        fc.array(fc.tuple(edit, fc.nat({ max: 3 })), { minLength: 1, maxLength: 30 }),
        fc.nat({ max: 3 }),
        async (ids, edits, behind) => {
          const server = new Y.Doc();
          const people = ids.map((id) => {
            const doc = new Y.Doc();
            doc.clientID = id;
            return doc;
          });
          for (const [{ person, at, text, remove }, sendTo] of edits) {
            const doc = people[person] as Y.Doc;
            const before = Y.encodeStateVector(doc);
            const section = doc.getText('section:a');
            const index = at % (section.length + 1);
            section.delete(index, Math.min(remove, section.length - index));
            section.insert(index, text);
            const update = Y.encodeStateAsUpdate(doc, before);
            Y.applyUpdate(server, update);
            Y.applyUpdate(people[sendTo] as Y.Doc, Y.encodeStateAsUpdate(doc));
          }
          const stateVector = Y.encodeStateVector(people[behind] as Y.Doc);
          const answer = await encodeUpdateSince(server, Y.decodeStateVector(stateVector), goOn);
          expect(answer).toEqual(Y.encodeStateAsUpdate(server, stateVector));
        },
      ),
      { numRuns: 200 },
    );
  });

  it('writes a snapshot that merges with the stored updates it overlaps (a catch-up after an outage)', async () => {
    // A process compacts the plan into its document's snapshot while the log still holds
    // the updates of that snapshot, and another process's; a process catching up merges
    // them all. Written in the order the document met its clients (lower id first), the
    // merge left one client's text pending for good.
    const base = new Y.Doc();
    base.clientID = 100;
    base.getXmlFragment('section:a').insert(0, [new Y.XmlText('Objectives.')]);
    // Each appends five paragraphs, an update each, as a stock client typing does.
    const typist = (clientID: number) => {
      const doc = new Y.Doc();
      doc.clientID = clientID;
      Y.applyUpdate(doc, Y.encodeStateAsUpdate(base));
      const rows: Uint8Array[] = [];
      doc.on('update', (update: Uint8Array) => rows.push(update));
      const section = doc.getXmlFragment('section:a');
      for (let i = 0; i < 5; i++) {
        const paragraph = new Y.XmlElement('paragraph');
        paragraph.insert(0, [new Y.XmlText(`${clientID} typed ${i}.`)]);
        section.insert(section.length, [paragraph]);
      }
      return { doc, rows };
    };
    const compacting = typist(200);
    const other = typist(300);
    const snapshot = await encodeUpdateSince(compacting.doc, new Map(), goOn);
    const stored = [snapshot, ...other.rows, ...compacting.rows.slice(1)];
    const caughtUp = new Y.Doc();
    Y.applyUpdate(caughtUp, Y.mergeUpdates(stored));
    expect(caughtUp.store.pendingStructs).toBeNull();
    const oneByOne = new Y.Doc();
    for (const update of stored) Y.applyUpdate(oneByOne, update);
    const text = (doc: Y.Doc) => doc.getXmlFragment('section:a').toString();
    expect(text(caughtUp)).toBe(text(oneByOne));
    expect(text(caughtUp)).toContain('200 typed 4.');
  });
});
