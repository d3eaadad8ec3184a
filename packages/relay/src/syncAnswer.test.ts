import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { syncAnswerPieces } from './syncAnswer.ts';

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

const structsIn = (update: Uint8Array) => Y.decodeUpdate(update).structs.length;

describe('syncAnswerPieces', () => {
  it('answers a new client in pieces of at most the limit that together are the whole plan', () => {
    const server = floodedPlan();
    const pieces = [...syncAnswerPieces(server, new Map(), 500)];
    expect(pieces.length).toBeGreaterThan(3);
    for (const piece of pieces) expect(structsIn(piece)).toBeLessThanOrEqual(500);
    const client = new Y.Doc();
    for (const piece of pieces) Y.applyUpdate(client, piece);
    expect(client.store.pendingStructs).toBeNull();
    expect(client.getText('section:a').toString()).toBe(server.getText('section:a').toString());
    expect(client.getMap('plan').get('phase')).toBe('review');
    // The deletions travel with the last piece only.
    expect(pieces.slice(0, -1).every((piece) => Y.decodeUpdate(piece).ds.clients.size === 0)).toBe(
      true,
    );
  });

  it('sends a client only what it is missing, also from inside a struct', () => {
    const server = new Y.Doc();
    const text = server.getText('section:a');
    text.insert(0, 'Objectives');
    const client = new Y.Doc();
    Y.applyUpdate(client, Y.encodeStateAsUpdate(server));
    // Typed on after the client's copy: Yjs merges it into the struct the client has part of.
    text.insert(10, ' for 2026');
    const pieces = [...syncAnswerPieces(server, Y.decodeStateVector(Y.encodeStateVector(client)))];
    expect(pieces).toHaveLength(1);
    expect(Y.decodeUpdate(pieces[0] as Uint8Array).structs[0]?.id.clock).toBe(10);
    Y.applyUpdate(client, pieces[0] as Uint8Array);
    expect(client.getText('section:a').toString()).toBe('Objectives for 2026');
  });

  it('answers a client that has everything with one update that holds only the deletions', () => {
    const server = floodedPlan();
    const pieces = [...syncAnswerPieces(server, Y.decodeStateVector(Y.encodeStateVector(server)))];
    expect(pieces).toHaveLength(1);
    expect(structsIn(pieces[0] as Uint8Array)).toBe(0);
    expect(Y.decodeUpdate(pieces[0] as Uint8Array).ds.clients.size).toBe(1);
  });
});
