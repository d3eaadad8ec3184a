/**
 * The relay takes a large update in pieces, a pass of the event loop apart, and stores and
 * sends it on as one (see `updatePieces.ts` and `ClientUpdates.ts`).
 */
import { type UpdateClocks, updateClocksOf } from '@plenary/model';
import { describe, expect, it } from 'vitest';
import { PLAN, storedText, synced, syncedPair, useRelay } from './test-support/relayFixture.ts';
import { TestClient, until } from './test-support/TestClient.ts';

const start = useRelay();

describe('Relay, a large update', () => {
  it('takes a large update in pieces, then stores and sends it on as one', async () => {
    const { relay, persistence } = start();
    const [alice, bora] = await syncedPair(relay);
    const receivedBefore = bora.received;
    // Typed at the start one character at a time (a reconnecting flooder's answer): 3,000 structs.
    alice.doc.transact(() => {
      for (let i = 0; i < 3_000; i++) alice.doc.getText('section:a').insert(0, 'x');
    });
    const expected = alice.doc.getText('section:a').toString();
    await until(() => bora.doc.getText('section:a').toString() === expected);
    expect(persistence.logs.get(PLAN)?.updates).toHaveLength(1);
    expect(bora.received - receivedBefore).toBe(1);
    expect(storedText(persistence)).toBe(expected);
    expect(alice.closed).toBeNull();

    const cyrus = new TestClient(relay, PLAN);
    await until(() => cyrus.doc.getText('section:a').toString() === expected);
  });

  it('tells the extensions the clocks a large update wrote and deleted, as its stored update has them', async () => {
    const told: UpdateClocks[] = [];
    const { relay, persistence } = start({}, [
      { name: 'clocks', onClientUpdate: ({ clocks }) => told.push(clocks()) },
    ]);
    const [alice, bora] = await syncedPair(relay);
    // 3,000 characters in, and the seeded word deleted: structs of one client, deletions of another.
    alice.doc.transact(() => {
      for (let i = 0; i < 3_000; i++) alice.doc.getText('section:a').insert(0, 'x');
      alice.doc.getText('section:a').delete(3_000, 'Objectives'.length);
    });
    await until(() => told.length === 1);
    const stored = persistence.logs.get(PLAN)?.updates.map(({ update }) => update) ?? [];
    expect(stored).toHaveLength(1);
    expect(told[0]).toEqual(updateClocksOf(stored));
    expect(told[0]?.get(alice.doc.clientID)).toEqual([[0, 3_000]]);
    // A small one's, worked out from the update when asked.
    bora.doc.getText('section:a').insert(0, 'y');
    await until(() => told.length === 2);
    expect(told[1]).toEqual(new Map([[bora.doc.clientID, [[0, 1]]]]));
  });

  it('takes back the pieces already applied when a later piece is refused', async () => {
    const { relay, persistence } = start({}, [
      {
        name: 'lock-b',
        beforeUpdate: ({ touchedRoots }) =>
          touchedRoots.has('section:b') ? 'section b is locked' : null,
      },
    ]);
    const [alice, bora] = await syncedPair(relay);
    // One update, in clock order: 3,000 characters in section a, then one in section b.
    alice.doc.transact(() => {
      for (let i = 0; i < 3_000; i++) alice.doc.getText('section:a').insert(0, 'x');
      alice.doc.getText('section:b').insert(0, 'y');
    });
    await until(() => alice.closed !== null);
    expect(alice.closed?.reason).toBe('section b is locked');
    expect(persistence.logs.get(PLAN)?.updates ?? []).toHaveLength(0);
    // The room's copy is what storage has: a newcomer gets none of the pieces.
    const cyrus = new TestClient(relay, PLAN);
    await synced(cyrus);
    expect(cyrus.doc.getText('section:a').toString()).toBe('Objectives');
    expect(bora.doc.getText('section:a').toString()).toBe('Objectives');
  });

  // Taking the pieces back loads the plan again from storage: under a flood, the flooder
  // was closed for its next frames while its reconnect answer was applied, every time.
  it('finishes a large update whose sender left while its pieces were applied', async () => {
    let alice: TestClient | null = null;
    let checks = 0;
    const { relay, persistence } = start({ idleEvictMs: 60_000 }, [
      // Asked once per piece: alice leaves once the first piece is in.
      {
        name: 'leave-after-first-piece',
        beforeUpdate: () => {
          checks += 1;
          if (checks === 2) alice?.disconnect();
          return null;
        },
      },
    ]);
    alice = new TestClient(relay, PLAN);
    const bora = new TestClient(relay, PLAN);
    await synced(alice);
    await synced(bora);
    checks = 0;
    alice.doc.transact(() => {
      for (let i = 0; i < 3_000; i++) alice?.doc.getText('section:a').insert(0, 'x');
    });
    const expected = alice.doc.getText('section:a').toString();
    await until(() => bora.doc.getText('section:a').toString() === expected);
    expect(checks).toBeGreaterThan(2);
    expect(persistence.logs.get(PLAN)?.updates).toHaveLength(1);
    expect(storedText(persistence)).toBe(expected);
  });

  it('judges a large update of a suggester whole, once all its pieces are applied', async () => {
    const checked: number[] = [];
    let transactions = 0;
    let pauses = 0;
    const { relay, persistence } = start({}, [
      {
        name: 'count-growth',
        reviewUpdate: ({ doc }) => {
          const before = doc.getText('section:a').length;
          doc.on('afterTransaction', () => {
            transactions += 1;
          });
          return async (pause) => {
            // Asks for turns as a long check does; refuses what is over 4,000 characters.
            for (let i = 0; i < 3; i++) {
              pauses += 1;
              await pause();
            }
            const added = doc.getText('section:a').length - before;
            checked.push(added);
            return added > 4_000 ? 'too long to be a suggestion' : null;
          };
        },
      },
    ]);
    const [alice, bora] = await syncedPair(relay);
    alice.doc.transact(() => {
      for (let i = 0; i < 3_000; i++) alice.doc.getText('section:a').insert(0, 'x');
    });
    await until(() => storedText(persistence).length === 3_000 + 'Objectives'.length);
    // Applied in pieces (a transaction each), judged once with all of them in.
    expect(transactions).toBeGreaterThan(2);
    expect(checked).toEqual([3_000]);
    expect(pauses).toBe(3);
    expect(persistence.logs.get(PLAN)?.updates.length).toBe(1);

    // Refused once judged: none of its pieces is stored or reaches anyone.
    alice.doc.transact(() => {
      for (let i = 0; i < 5_000; i++) alice.doc.getText('section:a').insert(0, 'z');
    });
    await until(() => alice.closed !== null);
    expect(alice.closed?.reason).toBe('too long to be a suggestion');
    expect(checked).toEqual([3_000, 5_000]);
    expect(persistence.logs.get(PLAN)?.updates.length).toBe(1);
    const cyrus = new TestClient(relay, PLAN);
    const stored = storedText(persistence);
    await until(() => cyrus.doc.getText('section:a').toString() === stored);
    expect(stored).not.toContain('z');
    expect(bora.doc.getText('section:a').toString()).toBe(stored);
  });
});
