/**
 * While a large update is applied in pieces, other sockets' small updates that cannot
 * interfere with it are taken in between (see `BetweenPieces.ts`); the others wait for it.
 */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { RelayExtension } from './RelayExtension.ts';
import type { MemoryPersistence } from './test-support/MemoryPersistence.ts';
import { PLAN, storedText, synced, syncedPair, useRelay } from './test-support/relayFixture.ts';
import { TestClient, until } from './test-support/TestClient.ts';

const start = useRelay();

/** An extension that runs `during` once, as the large update's second piece is checked. */
function onSecondPiece(during: () => void): RelayExtension {
  let checks = 0;
  return {
    name: 'during-the-pieces',
    beforeUpdate: ({ touchedRoots }) => {
      // Only the large update writes section a at the start: count its pieces.
      if (touchedRoots.has('section:a')) checks += 1;
      if (checks === 2) {
        checks += 1;
        during();
      }
      return null;
    },
  };
}

/** 3,000 one-character changes at the start of section a, as one update. */
function typeLargeUpdate(client: TestClient): void {
  client.doc.transact(() => {
    for (let i = 0; i < 3_000; i++) client.doc.getText('section:a').insert(0, 'x');
  });
}

/** The stored updates in order, each as the client ids its structs and deletions are under. */
function storedWriters(persistence: MemoryPersistence): number[][] {
  return (persistence.logs.get(PLAN)?.updates ?? []).map(({ update }) => {
    const { structs, ds } = Y.decodeUpdate(update);
    return [...new Set([...structs.map((struct) => struct.id.client), ...ds.clients.keys()])];
  });
}

describe('Relay, updates between the pieces of a large one', () => {
  it('stores and sends on another section’s change before the large update is done', async () => {
    let bora: TestClient | null = null;
    const { relay, persistence } = start({}, [
      // With a deletion of its own, which the large update's stored update must not carry.
      onSecondPiece(() =>
        bora?.doc.transact(() => {
          bora?.doc.getText('section:b').insert(0, 'yz');
          bora?.doc.getText('section:b').delete(1, 1);
        }),
      ),
    ]);
    const [alice, pair] = await syncedPair(relay);
    bora = pair;
    const cyrus = new TestClient(relay, PLAN);
    await synced(cyrus);
    // What cyrus holds of section a each time section b changes.
    const sectionAWhenBChanged: string[] = [];
    cyrus.doc.getText('section:b').observe(() => {
      sectionAWhenBChanged.push(cyrus.doc.getText('section:a').toString());
    });
    typeLargeUpdate(alice);
    const expected = alice.doc.getText('section:a').toString();
    await until(() => cyrus.doc.getText('section:a').toString() === expected);
    expect(cyrus.doc.getText('section:b').toString()).toBe('y');
    expect(sectionAWhenBChanged).toEqual(['Objectives']);
    // Each stored by itself, under its own writer's client id only.
    expect(storedWriters(persistence)).toEqual([[bora.doc.clientID], [alice.doc.clientID]]);
    expect(storedText(persistence)).toBe(expected);
    expect(alice.doc.getText('section:b').toString()).toBe('y');
    expect([alice.closed, bora.closed]).toEqual([null, null]);
  });

  it('leaves a change to a section the pieces touched until the large update is done', async () => {
    let bora: TestClient | null = null;
    const { relay, persistence } = start({}, [
      onSecondPiece(() => {
        // One in the large update's section, then one elsewhere: both wait, in order.
        bora?.doc.getText('section:a').insert('Objectives'.length, '!');
        bora?.doc.getText('section:b').insert(0, 'y');
      }),
    ]);
    const [alice, pair] = await syncedPair(relay);
    bora = pair;
    typeLargeUpdate(alice);
    await until(() => storedWriters(persistence).length === 3);
    expect(storedWriters(persistence)).toEqual([
      [alice.doc.clientID],
      [bora.doc.clientID],
      [bora.doc.clientID],
    ]);
    const expected = `${'x'.repeat(3_000)}Objectives!`;
    expect(storedText(persistence)).toBe(expected);
    await until(() => alice.doc.getText('section:a').toString() === expected);
    expect(bora.doc.getText('section:a').toString()).toBe(expected);
  });

  it('leaves a socket’s change for later while it has a frame in the room’s queue', async () => {
    let bora: TestClient | null = null;
    const { relay, persistence } = start({}, [
      onSecondPiece(() => {
        bora?.requestSave(7);
        bora?.doc.getText('section:b').insert(0, 'y');
      }),
    ]);
    const [alice, pair] = await syncedPair(relay);
    bora = pair;
    typeLargeUpdate(alice);
    await until(() => storedWriters(persistence).length === 2);
    expect(storedWriters(persistence)).toEqual([[alice.doc.clientID], [bora.doc.clientID]]);
    await until(() => bora?.savedNonces.length === 1);
  });

  it('leaves a change that needs a second look for later', async () => {
    let bora: TestClient | null = null;
    const looked: string[] = [];
    const { relay, persistence } = start({}, [
      onSecondPiece(() => bora?.doc.getText('section:b').insert(0, 'y')),
      {
        name: 'second-look-at-b',
        reviewUpdate: ({ touchedRoots, doc }) =>
          touchedRoots.has('section:b')
            ? () => {
                looked.push(doc.getText('section:a').toString().slice(0, 3));
                return null;
              }
            : null,
      },
    ]);
    const [alice, pair] = await syncedPair(relay);
    bora = pair;
    typeLargeUpdate(alice);
    await until(() => storedWriters(persistence).length === 2);
    expect(storedWriters(persistence)).toEqual([[alice.doc.clientID], [bora.doc.clientID]]);
    // Judged once, after the whole large update.
    expect(looked).toEqual(['xxx']);
  });

  it('keeps a change taken in between when the large update is refused after it', async () => {
    let bora: TestClient | null = null;
    const { relay, persistence } = start({}, [
      onSecondPiece(() => bora?.doc.getText('section:b').insert(0, 'y')),
      {
        name: 'lock-c',
        beforeUpdate: ({ touchedRoots }) =>
          touchedRoots.has('section:c') ? 'section c is locked' : null,
      },
    ]);
    const [alice, pair] = await syncedPair(relay);
    bora = pair;
    // In clock order: 3,000 characters in section a, then one in the locked section c.
    alice.doc.transact(() => {
      for (let i = 0; i < 3_000; i++) alice.doc.getText('section:a').insert(0, 'x');
      alice.doc.getText('section:c').insert(0, 'z');
    });
    await until(() => alice.closed !== null);
    expect(alice.closed?.reason).toBe('section c is locked');
    expect(storedWriters(persistence)).toEqual([[bora.doc.clientID]]);
    // The room's copy is what storage has: bora's change, none of alice's pieces.
    const cyrus = new TestClient(relay, PLAN);
    await until(() => cyrus.doc.getText('section:b').toString() === 'y');
    expect(cyrus.doc.getText('section:a').toString()).toBe('Objectives');
    expect(cyrus.doc.getText('section:c').toString()).toBe('');
  });
});
