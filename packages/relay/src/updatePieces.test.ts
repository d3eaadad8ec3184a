import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { applyInSteps, splitUpdate, type UpdatePieces } from './updatePieces.ts';

const goOn = () => null;

function docWith(clientID: number, base?: Uint8Array): Y.Doc {
  const doc = new Y.Doc();
  doc.clientID = clientID;
  if (base) Y.applyUpdate(doc, base);
  return doc;
}

/** Applies every piece in the order handed out; each must apply completely on its own. */
function applyAll(target: Y.Doc, pieces: UpdatePieces): number[] {
  const sizes: number[] = [];
  for (let piece = pieces.next(target); piece; piece = pieces.next(target)) {
    sizes.push(Y.decodeUpdate(piece).structs.length);
    Y.applyUpdate(target, piece);
    expect(target.store.pendingStructs).toBeNull();
    expect(target.store.pendingDs).toBeNull();
  }
  return sizes;
}

describe('splitUpdate', () => {
  it('leaves an update of a few structs whole', async () => {
    const doc = docWith(1);
    doc.getText('section:a').insert(0, 'A paragraph typed in one go.');
    expect(await splitUpdate(Y.encodeStateAsUpdate(doc), goOn)).toBeNull();
  });

  it("cuts a flood of one-character changes into pieces that rebuild the sender's text", async () => {
    const server = docWith(1);
    server.getText('section:a').insert(0, 'Objectives');
    const base = Y.encodeStateAsUpdate(server);
    const client = docWith(2, base);
    const text = client.getText('section:a');
    // Typed at the start, each character is a struct of its own; some are deleted again.
    for (let i = 0; i < 1_200; i++) text.insert(0, String.fromCharCode(97 + (i % 26)));
    text.delete(5, 40);
    const update = Y.encodeStateAsUpdate(client, Y.encodeStateVector(server));

    const pieces = await splitUpdate(update, goOn, 500);
    expect(pieces).not.toBeNull();
    const sizes = applyAll(server, pieces as UpdatePieces);
    expect(sizes.length).toBeGreaterThan(2);
    expect(Math.max(...sizes)).toBeLessThanOrEqual(500);
    expect(server.getText('section:a').toString()).toBe(text.toString());
  });

  it('hands out a delete set of thousands of ranges in pieces of its own, after the structs', async () => {
    const server = docWith(1);
    server.getText('section:a').insert(0, 'x'.repeat(3_000));
    const client = docWith(2, Y.encodeStateAsUpdate(server));
    const text = client.getText('section:a');
    // Every other character of the server's text: 1,500 ranges of server's client id,
    // and a few new characters of the client's own.
    client.transact(() => {
      for (let at = 0; at < 1_500; at++) text.delete(at, 1);
      text.insert(0, 'typed offline');
    });
    const update = Y.encodeStateAsUpdate(client, Y.encodeStateVector(server));

    const pieces = (await splitUpdate(update, goOn, 500)) as UpdatePieces;
    expect(pieces).not.toBeNull();
    const ranges: number[] = [];
    for (let piece = pieces.next(server); piece; piece = pieces.next(server)) {
      const { structs, ds } = Y.decodeUpdate(piece);
      const count = [...ds.clients.values()].reduce((sum, list) => sum + list.length, 0);
      // Structs first, then deletions alone.
      if (ranges.length > 0) expect(structs).toHaveLength(0);
      if (count > 0) ranges.push(count);
      Y.applyUpdate(server, piece);
      expect(server.store.pendingDs).toBeNull();
    }
    expect(ranges).toEqual([500, 500, 500]);
    expect(server.getText('section:a').toString()).toBe(text.toString());
  });

  it('hands out the client that others build on first, whatever order the update lists them in', async () => {
    const server = docWith(1);
    server.getText('section:a').insert(0, 'Objectives');
    const base = Y.encodeStateAsUpdate(server);
    // Yjs lists clients by descending id: the later session (9) comes before the one it builds on (3).
    const early = docWith(3, base);
    for (let i = 0; i < 700; i++) early.getText('section:a').insert(0, 'e');
    const late = docWith(9, Y.encodeStateAsUpdate(early));
    for (let i = 0; i < 700; i++) late.getText('section:a').insert(3, 'l');
    const update = Y.encodeStateAsUpdate(late, Y.encodeStateVector(server));
    expect(Y.decodeUpdate(update).structs[0]?.id.client).toBe(9);

    const pieces = await splitUpdate(update, goOn, 500);
    applyAll(server, pieces as UpdatePieces);
    expect(server.getText('section:a').toString()).toBe(late.getText('section:a').toString());
  });

  it('takes turns between two clients that build on each other', async () => {
    const server = docWith(1);
    const base = Y.encodeStateAsUpdate(server);
    const a = docWith(3, base);
    const b = docWith(9, base);
    const exchange = () => {
      Y.applyUpdate(a, Y.encodeStateAsUpdate(b));
      Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    };
    for (let round = 0; round < 4; round++) {
      for (let i = 0; i < 300; i++) a.getText('section:a').insert(0, 'a');
      exchange();
      for (let i = 0; i < 300; i++) b.getText('section:a').insert(0, 'b');
      exchange();
    }
    const update = Y.encodeStateAsUpdate(a, Y.encodeStateVector(server));
    const pieces = await splitUpdate(update, goOn, 500);
    const sizes = applyAll(server, pieces as UpdatePieces);
    expect(Math.max(...sizes)).toBeLessThanOrEqual(500);
    expect(server.getText('section:a').toString()).toBe(a.getText('section:a').toString());
  });

  it('hands out as one what cannot apply yet, for the update check to say why', async () => {
    const server = docWith(1);
    const client = docWith(2);
    for (let i = 0; i < 1_200; i++) client.getText('section:a').insert(0, 'x');
    const missed = Y.encodeStateVector(client);
    for (let i = 0; i < 1_200; i++) client.getText('section:a').insert(0, 'y');
    // Builds on 1,200 changes the server never got.
    const update = Y.encodeStateAsUpdate(client, missed);
    const pieces = (await splitUpdate(update, goOn, 500)) as UpdatePieces;
    const piece = pieces.next(server) as Uint8Array;
    expect(Y.decodeUpdate(piece).structs).toHaveLength(1_200);
    expect(pieces.next(server)).toBeNull();
  });

  it('pauses while it reads a long update', async () => {
    const client = docWith(2);
    for (let i = 0; i < 1_000; i++) client.getText('section:a').insert(0, 'x');
    let pauses = 0;
    await splitUpdate(Y.encodeStateAsUpdate(client), () => {
      pauses += 1;
      return Promise.resolve();
    });
    expect(pauses).toBeGreaterThan(10);
  });

  it('leaves an update it cannot read to the update check', async () => {
    const client = docWith(2);
    for (let i = 0; i < 1_000; i++) client.getText('section:a').insert(0, 'x');
    const update = Y.encodeStateAsUpdate(client);
    expect(await splitUpdate(update.subarray(0, update.byteLength - 300), goOn)).toBeNull();
  });
});

describe('applyInSteps', () => {
  it("loads a plan's snapshot in pieces, pausing between them, into the same document", async () => {
    // Two people who typed over each other's text, then deleted some: a stored snapshot.
    const [a, b] = [docWith(1), docWith(2)];
    for (let i = 0; i < 1_500; i++) {
      const [writer, reader] = i % 2 === 0 ? [a, b] : [b, a];
      writer.getText('section:a').insert(i % 7, String.fromCharCode(97 + (i % 26)));
      Y.applyUpdate(reader, Y.encodeStateAsUpdate(writer, Y.encodeStateVector(reader)));
    }
    a.getText('section:a').delete(10, 200);
    const snapshot = Y.encodeStateAsUpdate(a);

    const loaded = new Y.Doc();
    let pauses = 0;
    await applyInSteps(loaded, snapshot, () => {
      pauses += 1;
      return Promise.resolve();
    });
    expect(pauses).toBeGreaterThan(2);
    expect(loaded.store.pendingStructs).toBeNull();
    expect(loaded.store.pendingDs).toBeNull();
    expect(loaded.getText('section:a').toString()).toBe(a.getText('section:a').toString());
    expect(Y.encodeStateAsUpdate(loaded)).toEqual(snapshot);
  });
});
