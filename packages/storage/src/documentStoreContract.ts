/**
 * The one test suite every DocumentStore adapter passes. It imports vitest, so it is
 * exported from `@plenary/storage/contract` rather than from the package's index.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { DocumentStore, LoadedDocument, UpdateOrigin } from './DocumentStore.ts';
import {
  clockAt,
  expectStoreError,
  type StorageFixture,
  useStorageFixture,
} from './test-support/contractFixture.ts';
import {
  connectedReplicas,
  deletedTextIn,
  docOf,
  TEXT_NAME,
  textOf,
} from './test-support/yjsText.ts';

const AMINA: UpdateOrigin = { clientIds: [101], participantId: 'amina' };

const textIn = (doc: Y.Doc): Y.Text => doc.getText(TEXT_NAME);

/** Types `characters` at the end of the doc's text, one transaction (and update) each. */
function typeEach(doc: Y.Doc, characters: string): void {
  for (const character of characters) textIn(doc).insert(textIn(doc).length, character);
}

/** The update that creates a document holding `text`. */
function initialStateWith(text: string): Uint8Array {
  const doc = new Y.Doc();
  textIn(doc).insert(0, text);
  return Y.encodeStateAsUpdate(doc);
}

/** Registers the contract's tests for the documents of the storage `makeStorage` builds, fresh per test. */
export function describeDocumentStoreContract(
  name: string,
  makeStorage: () => Promise<StorageFixture>,
  /** Whether the storage keeps its data across close and reopen (SQLite does, memory does not). */
  { durable }: { durable: boolean },
): void {
  describe(`${name} keeps the DocumentStore contract`, () => {
    const fixture = useStorageFixture(makeStorage);
    let store: DocumentStore;

    beforeEach(() => {
      store = fixture().storage.documents;
    });

    const createPlan = (id: string, initialState = initialStateWith('')) =>
      store.createPlan({ id, title: `Plan ${id}`, initialState });

    async function appendAll(planId: string, updates: Uint8Array[], origin = AMINA) {
      const results = [];
      for (const update of updates) results.push(await store.appendUpdate(planId, update, origin));
      return results;
    }

    /** Creates plan p1 and appends one update per character typed; returns the replicas. */
    async function planTyped(characters: string) {
      const replicas = connectedReplicas();
      await createPlan('p1');
      typeEach(replicas.a, characters);
      await appendAll('p1', replicas.take());
      return replicas;
    }

    async function load(planId: string): Promise<LoadedDocument> {
      const loaded = await store.loadDocument(planId);
      if (!loaded) throw new Error(`expected plan ${planId} to load`);
      return loaded;
    }

    /** A snapshot of the first `count` entries of a loaded document, as the relay builds one. */
    const snapshotOf = (loaded: LoadedDocument, count = loaded.updates.length): Uint8Array =>
      Y.encodeStateAsUpdate(docOf(loaded.updates.slice(0, count)));

    describe('plans', () => {
      it('creates a plan and gets its row back', async () => {
        const created = await store.createPlan({
          id: 'p1',
          title: 'Cambodia NAP',
          initialState: initialStateWith(''),
        });
        expect(created).toMatchObject({ id: 'p1', title: 'Cambodia NAP' });
        expect(created.createdAt).toBeInstanceOf(Date);
        expect(created.updatedAt).toEqual(created.createdAt);
        expect(await store.getPlan('p1')).toEqual(created);
        expect(await store.getPlan('missing')).toBeNull();
      });

      it('refuses a second plan with the same id and keeps the first', async () => {
        await createPlan('p1', initialStateWith('first'));
        await expectStoreError(
          store.createPlan({ id: 'p1', title: 'Other', initialState: initialStateWith('second') }),
          'plan-exists',
        );
        expect((await store.getPlan('p1'))?.title).toBe('Plan p1');
        expect(textOf((await load('p1')).updates)).toBe('first');
      });

      it('lists plans most recently updated first', async () => {
        clockAt('2026-03-01T09:00:00Z');
        await createPlan('older');
        clockAt('2026-03-01T09:05:00Z');
        await createPlan('newer');
        expect((await store.listPlans()).map((plan) => plan.id)).toEqual(['newer', 'older']);

        const appendedAt = clockAt('2026-03-01T09:10:00Z');
        await store.appendUpdate('older', initialStateWith('x'), AMINA);
        const plans = await store.listPlans();
        expect(plans.map((plan) => plan.id)).toEqual(['older', 'newer']);
        expect(plans[0]).toMatchObject({
          createdAt: new Date('2026-03-01T09:00:00Z'),
          updatedAt: appendedAt,
        });
      });

      it('renames a plan in its listing', async () => {
        await createPlan('p1');
        await store.setPlanTitle('p1', 'Kenya NAP');
        expect((await store.getPlan('p1'))?.title).toBe('Kenya NAP');
        expect((await store.listPlans()).map((plan) => plan.title)).toEqual(['Kenya NAP']);
        await expectStoreError(store.setPlanTitle('missing', 'x'), 'plan-not-found');
      });
    });

    describe('update log', () => {
      it("starts a plan's document at its initial state, with an empty log", async () => {
        await createPlan('p1', initialStateWith('Draft'));
        const loaded = await load('p1');
        expect(loaded).toMatchObject({ lastSeq: 0, logLength: 0 });
        expect(loaded.updates).toHaveLength(1);
        expect(textOf(loaded.updates)).toBe('Draft');
      });

      it('numbers appends 1, 2, 3 per plan and counts the log', async () => {
        const { a, take } = connectedReplicas();
        await createPlan('p1');
        await createPlan('p2');
        typeEach(a, 'abc');
        const updates = take();
        expect(await appendAll('p1', updates)).toEqual([
          { seq: 1, logLength: 1 },
          { seq: 2, logLength: 2 },
          { seq: 3, logLength: 3 },
        ]);
        expect(await appendAll('p2', updates.slice(0, 1))).toEqual([{ seq: 1, logLength: 1 }]);
        const loaded = await load('p1');
        expect(loaded).toMatchObject({ lastSeq: 3, logLength: 3 });
        expect(loaded.updates).toHaveLength(4);
      });

      it('numbers appends made without waiting in the order they were made', async () => {
        const { a, take } = connectedReplicas();
        await createPlan('p1');
        typeEach(a, 'abcd');
        const updates = take();
        const results = await Promise.all(
          updates.map((update) => store.appendUpdate('p1', update, AMINA)),
        );
        expect(results.map((result) => result.seq)).toEqual([1, 2, 3, 4]);
        expect(textOf((await load('p1')).updates)).toBe('abcd');
      });

      it('returns null for the document of a plan it does not hold', async () => {
        expect(await store.loadDocument('missing')).toBeNull();
      });

      it('rejects writes and attribution queries for a plan it does not hold', async () => {
        const update = initialStateWith('x');
        await expectStoreError(store.appendUpdate('missing', update, AMINA), 'plan-not-found');
        await expectStoreError(store.compact('missing', update, 0), 'plan-not-found');
        await expectStoreError(store.clientAttribution('missing'), 'plan-not-found');
        await expectStoreError(store.deletionAttribution('missing'), 'plan-not-found');
      });

      it('gives back concurrent Yjs edits that rebuild the same text', async () => {
        const { a, b, take } = connectedReplicas();
        await createPlan('p1');
        textIn(a).insert(0, 'Hello');
        textIn(b).insert(5, ' world');
        textIn(a).delete(0, 1);
        textIn(b).insert(0, 'J');
        await appendAll('p1', take());
        expect(textOf((await load('p1')).updates)).toBe('Jello world');
        expect(textIn(a).toString()).toBe('Jello world');
      });

      it('keeps its own copy of the bytes it is given', async () => {
        const initialState = initialStateWith('Draft');
        const { a, take } = connectedReplicas();
        typeEach(a, '!');
        const [update = new Uint8Array()] = take();
        const expected = [initialState.slice(), update.slice()];
        await createPlan('p1', initialState);
        await store.appendUpdate('p1', update, AMINA);
        initialState.fill(0);
        update.fill(0);
        (await load('p1')).updates[0]?.fill(0);
        expect((await load('p1')).updates).toEqual(expected);
      });
    });

    describe('compaction', () => {
      it('folds the log into a snapshot; later appends still load and the log starts over', async () => {
        const { a, take } = connectedReplicas();
        await createPlan('p1');
        textIn(a).insert(0, 'Hello');
        textIn(a).insert(5, ' world');
        await appendAll('p1', take());
        const before = await load('p1');
        await store.compact('p1', snapshotOf(before), before.lastSeq);

        const compacted = await load('p1');
        expect(compacted).toMatchObject({ lastSeq: 2, logLength: 0 });
        expect(compacted.updates).toHaveLength(1);

        textIn(a).insert(11, '!');
        expect(await appendAll('p1', take())).toEqual([{ seq: 3, logLength: 1 }]);
        const after = await load('p1');
        expect(after).toMatchObject({ lastSeq: 3, logLength: 1 });
        expect(textOf(after.updates)).toBe('Hello world!');
      });

      it('keeps the updates after throughSeq', async () => {
        const { a, take } = await planTyped('abcd');
        // The snapshot entry plus seqs 1 and 2.
        await store.compact('p1', snapshotOf(await load('p1'), 3), 2);

        const loaded = await load('p1');
        expect(loaded).toMatchObject({ lastSeq: 4, logLength: 2 });
        expect(loaded.updates).toHaveLength(3);
        expect(textOf(loaded.updates)).toBe('abcd');
        typeEach(a, 'e');
        expect(await appendAll('p1', take())).toEqual([{ seq: 5, logLength: 3 }]);
        expect(textOf((await load('p1')).updates)).toBe('abcde');
      });

      it('ignores a stale compaction older than the stored snapshot', async () => {
        await planTyped('abcd');
        const full = await load('p1');
        await store.compact('p1', snapshotOf(full, 4), 3);
        await store.compact('p1', snapshotOf(full, 3), 2);

        const loaded = await load('p1');
        expect(loaded).toMatchObject({ lastSeq: 4, logLength: 1 });
        expect(textOf(loaded.updates)).toBe('abcd');
      });

      it('rejects compacting through a seq the log never reached', async () => {
        await planTyped('ab');
        const loaded = await load('p1');
        await expectStoreError(store.compact('p1', snapshotOf(loaded), 3), 'seq-out-of-range');
        await expectStoreError(store.compact('p1', snapshotOf(loaded), -1), 'seq-out-of-range');
        expect(await load('p1')).toEqual(loaded);
      });
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

    describe('lifecycle', () => {
      // Registered only for durable storage, so no test is ever skipped.
      const itWhenDurable = durable ? it : () => undefined;
      itWhenDurable('finds everything again after reopening', async () => {
        const { reopen } = fixture();
        const { a, take } = await planTyped('abc');
        await createPlan('p2');
        await store.compact('p1', snapshotOf(await load('p1'), 2), 1);
        await store.setPlanTitle('p2', 'Renamed');
        const plans = await store.listPlans();
        const document = await load('p1');
        const clients = await store.clientAttribution('p1');
        const deletions = await store.deletionAttribution('p1');

        const reopened = (await reopen?.())?.documents;
        if (!reopened) throw new Error('reopen returned no storage');
        expect(await reopened.listPlans()).toEqual(plans);
        expect(await reopened.loadDocument('p1')).toEqual(document);
        expect(await reopened.clientAttribution('p1')).toEqual(clients);
        expect(await reopened.deletionAttribution('p1')).toEqual(deletions);
        typeEach(a, 'd');
        const [update = new Uint8Array()] = take();
        expect(await reopened.appendUpdate('p1', update, AMINA)).toEqual({ seq: 4, logLength: 3 });
        expect(textOf((await reopened.loadDocument('p1'))?.updates ?? [])).toBe('abcd');
      });

      it('pings while the storage is open, and rejects every call as unavailable once it is closed', async () => {
        const { storage } = fixture();
        await createPlan('p1');
        await store.ping();
        await storage.close();
        const update = initialStateWith('x');
        const calls: (() => Promise<unknown>)[] = [
          () => store.createPlan({ id: 'p2', title: 'x', initialState: update }),
          () => store.getPlan('p1'),
          () => store.listPlans(),
          () => store.setPlanTitle('p1', 'x'),
          () => store.appendUpdate('p1', update, AMINA),
          () => store.claimClients('p1', AMINA),
          () => store.loadDocument('p1'),
          () => store.compact('p1', update, 0),
          () => store.clientAttribution('p1'),
          () => store.deletionAttribution('p1'),
          () => store.ping(),
        ];
        for (const call of calls) await expectStoreError(call(), 'unavailable');
      });
    });
  });
}
