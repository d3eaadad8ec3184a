/**
 * The DocumentStore contract's cases on attribution: who each Yjs client id belongs to, and
 * who deleted what, kept across compaction. Part of `describeDocumentStoreContract`, which
 * registers them inside its own suite; apart because attribution is an idea of its own.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { DocumentStore, UpdateOrigin } from './DocumentStore.ts';
import { clockAt, expectStoreError } from './test-support/contractFixture.ts';
import {
  AMINA,
  type DocumentStoreHelpers,
  textIn,
  typeEach,
} from './test-support/documentContractHelpers.ts';
import { connectedReplicas, deletedTextIn, docOf, textOf } from './test-support/yjsText.ts';

/** Registers the attribution cases, on the store `current` gives (fresh per test). */
export function describeAttributionContract(
  current: () => DocumentStore,
  { createPlan, appendAll, load, snapshotOf }: DocumentStoreHelpers,
): void {
  let store: DocumentStore;

  beforeEach(() => {
    store = current();
  });

  describe('client attribution', () => {
    it('records who each client id belongs to, first writer wins, and keeps it across compaction', async () => {
      const { a, b, take } = connectedReplicas();
      await createPlan('p1');
      const firstSeen = clockAt('2026-03-01T09:00:00Z');
      typeEach(a, 'a');
      await appendAll('p1', take(), { clientIds: [a.clientID], participantId: 'amina' });
      typeEach(b, 'b');
      await appendAll('p1', take(), { clientIds: [b.clientID], participantId: 'bo' });
      clockAt('2026-03-01T09:30:00Z');
      typeEach(a, 'c');
      // A later update under a known client id (by its owner, who is not its participant
      // here) does not overwrite the id's first attribution.
      await appendAll('p1', take(), {
        clientIds: [a.clientID, 7],
        participantId: null,
        owner: 'amina',
      });

      const expected = [
        { clientId: a.clientID, participantId: 'amina', firstSeenAt: firstSeen },
        { clientId: b.clientID, participantId: 'bo', firstSeenAt: firstSeen },
        { clientId: 7, participantId: null, firstSeenAt: new Date('2026-03-01T09:30:00Z') },
      ];
      expect(await store.clientAttribution('p1')).toEqual(expected);

      const loaded = await load('p1');
      await store.compact('p1', snapshotOf(loaded), loaded.lastSeq);
      expect(await store.clientAttribution('p1')).toEqual(expected);
    });

    it("loads each client id's owner with the document, first claim wins, across compaction", async () => {
      const { a, b, take } = connectedReplicas();
      await createPlan('p1');
      typeEach(a, 'a');
      // A socket without a participant owns its ids under the relay's key for it.
      await appendAll('p1', take(), {
        clientIds: [a.clientID],
        participantId: null,
        owner: 'invite:i1',
      });
      typeEach(b, 'b');
      await appendAll('p1', take(), { clientIds: [b.clientID], participantId: 'bo' });
      // The server writes for Amina under an id of its own: credited to her, owned by it.
      const restore = Y.encodeStateAsUpdate(new Y.Doc());
      await appendAll('p1', [restore], { clientIds: [9], participantId: 'amina', owner: null });

      const expected = [
        { clientId: a.clientID, owner: 'invite:i1' },
        { clientId: b.clientID, owner: 'bo' },
        { clientId: 9, owner: null },
      ];
      expect((await load('p1')).clientOwners).toEqual(expected);
      expect((await store.clientAttribution('p1')).map((c) => c.participantId)).toEqual([
        null,
        'bo',
        'amina',
      ]);
      const loaded = await load('p1');
      await store.compact('p1', snapshotOf(loaded), loaded.lastSeq);
      expect((await load('p1')).clientOwners).toEqual(expected);
    });

    it('refuses an update under a client id someone else owns, storing nothing of it', async () => {
      await createPlan('p1');
      // Scaled out, Amina's socket on one process claimed id 500 while Bo's on another,
      // not yet told, wrote under it (and under a new id of his own).
      await store.claimClients('p1', { clientIds: [500], participantId: 'amina' });
      const written = (clientId: number, text: string) => {
        const doc = new Y.Doc();
        doc.clientID = clientId;
        textIn(doc).insert(0, text);
        return Y.encodeStateAsUpdate(doc);
      };
      // Submitted together, so that adapters with group commit write them in one group.
      const [intruder, honest] = await Promise.allSettled([
        store.appendUpdate('p1', written(500, 'bo'), {
          clientIds: [700, 500],
          participantId: 'bo',
        }),
        store.appendUpdate('p1', written(600, 'cy'), { clientIds: [600], participantId: 'cy' }),
      ]);
      expect(intruder.status).toBe('rejected');
      const refusal = intruder.status === 'rejected' ? intruder.reason : null;
      await expectStoreError(Promise.reject(refusal), 'client-owned-elsewhere');
      expect((refusal as Error).message).toContain('500');
      expect((refusal as Error).message).not.toContain('700');
      expect(honest).toEqual({ status: 'fulfilled', value: { seq: 1, logLength: 1 } });

      // Amina herself, and the server under its own id, still write.
      await appendAll('p1', [written(500, 'am')], { clientIds: [500], participantId: 'amina' });
      await appendAll('p1', [written(9, '')], {
        clientIds: [9],
        participantId: 'bo',
        owner: null,
      });
      await expectStoreError(
        store.appendUpdate('p1', written(9, 'x'), { clientIds: [9], participantId: 'bo' }),
        'client-owned-elsewhere',
      );
      const loaded = await load('p1');
      expect(loaded).toMatchObject({ lastSeq: 3, logLength: 3 });
      expect(loaded.clientOwners).toEqual([
        { clientId: 500, owner: 'amina' },
        { clientId: 600, owner: 'cy' },
        { clientId: 9, owner: null },
      ]);
      expect(textOf(loaded.updates)).not.toContain('bo');
    });

    it("refuses whatever a refused update's sender sent after it, in its group and later; others write on", async () => {
      await createPlan('p1');
      await store.claimClients('p1', { clientIds: [500], participantId: 'amina' });
      // Bo's socket wrote under Amina's id, then under his own deleted what it wrote there:
      // the deletion names Amina's clocks, which hold her text in storage.
      const bo = new Y.Doc();
      bo.clientID = 500;
      textIn(bo).insert(0, 'bo');
      const underAminasId = Y.encodeStateAsUpdate(bo);
      bo.clientID = 700;
      const state = Y.encodeStateVector(bo);
      textIn(bo).delete(0, 2);
      const deletion = Y.encodeStateAsUpdate(bo, state);
      const socket = {};
      const fromBo = (clientIds: number[]) => ({
        clientIds,
        participantId: 'bo',
        sender: socket,
      });
      const cy = { clientIds: [600], participantId: 'cy', sender: {} };
      const cyWrites = (text: string) => {
        const doc = new Y.Doc();
        doc.clientID = 600;
        textIn(doc).insert(0, text);
        return doc;
      };
      // Submitted together, so that adapters with group commit write them in one group.
      const [intruder, after, honest] = await Promise.allSettled([
        store.appendUpdate('p1', underAminasId, fromBo([500])),
        store.appendUpdate('p1', deletion, fromBo([])),
        store.appendUpdate('p1', Y.encodeStateAsUpdate(cyWrites('cy')), cy),
      ]);
      expect(intruder.status).toBe('rejected');
      expect(after.status).toBe('rejected');
      await expectStoreError(
        Promise.reject(after.status === 'rejected' ? after.reason : null),
        'client-owned-elsewhere',
      );
      expect(honest).toEqual({ status: 'fulfilled', value: { seq: 1, logLength: 1 } });
      // And in a later group.
      await expectStoreError(
        store.appendUpdate('p1', Y.encodeStateAsUpdate(cyWrites('x')), fromBo([700])),
        'client-owned-elsewhere',
      );
      expect((await load('p1')).lastSeq).toBe(1);
    });

    it('records a claim on client ids without an update, first claim still winning', async () => {
      const { a, take } = connectedReplicas();
      await createPlan('p1');
      typeEach(a, 'a');
      await appendAll('p1', take(), { clientIds: [a.clientID], participantId: 'amina' });
      expect(
        await store.claimClients('p1', { clientIds: [a.clientID, 42], participantId: 'bo' }),
      ).toEqual([
        { clientId: a.clientID, owner: 'amina' },
        { clientId: 42, owner: 'bo' },
      ]);
      const loaded = await load('p1');
      expect(loaded.clientOwners).toEqual([
        { clientId: a.clientID, owner: 'amina' },
        { clientId: 42, owner: 'bo' },
      ]);
      expect(loaded).toMatchObject({ lastSeq: 1, logLength: 1 });
      await expectStoreError(
        store.claimClients('missing', { clientIds: [1], participantId: null }),
        'plan-not-found',
      );
    });
  });

  describe('deletion attribution', () => {
    const BO: UpdateOrigin = { clientIds: [102], participantId: 'bo' };
    const SERVER: UpdateOrigin = { clientIds: [103], participantId: null };

    /**
     * Plan p1 where Amina typed `text` (one update) and nobody deleted anything yet;
     * returns the replicas and a doc that keeps every character typed, undeleted.
     */
    async function planWithText(text: string) {
      const replicas = connectedReplicas();
      await createPlan('p1');
      textIn(replicas.a).insert(0, text);
      const typed = replicas.take();
      await appendAll('p1', typed);
      return { ...replicas, original: docOf(typed) };
    }

    /** Deletes `length` characters at `index` as `origin`, one update each call. */
    async function deleteAs(
      doc: Y.Doc,
      take: () => Uint8Array[],
      origin: UpdateOrigin,
      index: number,
      length: number,
    ) {
      textIn(doc).delete(index, length);
      await appendAll('p1', take(), origin);
    }

    /** What each participant deleted, as text of `original`, in the order the store lists them. */
    async function deletedBy(original: Y.Doc) {
      return (await store.deletionAttribution('p1')).map(({ participantId, deletions }) => ({
        participantId,
        text: deletedTextIn(original, deletions),
      }));
    }

    async function compactAll() {
      const loaded = await load('p1');
      await store.compact('p1', snapshotOf(loaded), loaded.lastSeq);
    }

    it('lists no one while nothing is deleted', async () => {
      await planWithText('Hello world');
      expect(await store.deletionAttribution('p1')).toEqual([]);
    });

    it('keeps a deletion and its participant across compaction', async () => {
      const { b, take, original } = await planWithText('Hello world');
      await deleteAs(b, take, BO, 5, 6);
      const expected = [{ participantId: 'bo', text: ' world' }];
      expect(await deletedBy(original)).toEqual(expected);
      await compactAll();
      expect((await load('p1')).logLength).toBe(0);
      expect(await deletedBy(original)).toEqual(expected);
    });

    it("keeps two participants' deletions apart, first seen first, whether compacted or not", async () => {
      const { a, b, take, original } = await planWithText('abcdefgh');
      await deleteAs(b, take, BO, 0, 2);
      await deleteAs(a, take, AMINA, 4, 2);
      await deleteAs(a, take, SERVER, 0, 1);
      await compactAll();
      // One more of Bo's after compaction: the live row joins the folded one.
      await deleteAs(b, take, BO, 1, 1);
      const expected = [
        { participantId: 'bo', text: 'abe' },
        { participantId: 'amina', text: 'gh' },
        { participantId: null, text: 'c' },
      ];
      expect(await deletedBy(original)).toEqual(expected);
      await compactAll();
      expect(await deletedBy(original)).toEqual(expected);
    });

    it('folds only the compacted updates, and a second compaction adds to the first', async () => {
      const { b, take, original } = await planWithText('abcdef');
      await deleteAs(b, take, BO, 0, 1);
      await deleteAs(b, take, BO, 0, 1);
      await deleteAs(b, take, BO, 0, 1);
      // The snapshot entry, the typing and Bo's first deletion.
      await store.compact('p1', snapshotOf(await load('p1'), 3), 2);
      expect(await deletedBy(original)).toEqual([{ participantId: 'bo', text: 'abc' }]);
      await compactAll();
      expect(await deletedBy(original)).toEqual([{ participantId: 'bo', text: 'abc' }]);
      expect(textOf((await load('p1')).updates)).toBe('def');
    });

    it('attributes nothing to a stale compaction that changed nothing', async () => {
      const { b, take, original } = await planWithText('abcd');
      await deleteAs(b, take, BO, 0, 1);
      const full = await load('p1');
      await store.compact('p1', snapshotOf(full), full.lastSeq);
      await store.compact('p1', snapshotOf(full, 2), 1);
      expect(await deletedBy(original)).toEqual([{ participantId: 'bo', text: 'a' }]);
    });
  });
}
