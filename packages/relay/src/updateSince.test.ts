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
});
