/**
 * The one test suite every DocumentStore adapter passes. It imports vitest, so it is
 * exported from `@plenary/storage/contract` rather than from the package's index. The
 * cases on attribution are in `documentAttributionContract.ts`, registered from here.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import type { DocumentStore } from './DocumentStore.ts';
import { describeAttributionContract } from './documentAttributionContract.ts';
import {
  type ContractSuite,
  clockAt,
  expectStoreError,
  useStorageFixture,
} from './test-support/contractFixture.ts';
import {
  AMINA,
  documentStoreHelpers,
  initialStateWith,
  textIn,
  typeEach,
} from './test-support/documentContractHelpers.ts';
import { connectedReplicas, textOf } from './test-support/yjsText.ts';

/** Registers the contract's tests for the documents of the storage `makeStorage` builds, fresh per test. */
export const describeDocumentStoreContract: ContractSuite = (name, makeStorage, { durable }) => {
  describe(`${name} keeps the DocumentStore contract`, () => {
    const fixture = useStorageFixture(makeStorage);
    let store: DocumentStore;

    beforeEach(() => {
      store = fixture().storage.documents;
    });

    const helpers = documentStoreHelpers(() => store);
    const { createPlan, appendAll, planTyped, load, snapshotOf } = helpers;

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

      it("keeps a plan's last change time once compaction folds its updates", async () => {
        clockAt('2026-03-01T09:00:00Z');
        await createPlan('p1');
        clockAt('2026-03-01T09:05:00Z');
        await store.appendUpdate('p1', initialStateWith('x'), AMINA);
        const appendedAt = clockAt('2026-03-01T09:10:00Z');
        await store.appendUpdate('p1', initialStateWith('y'), AMINA);
        clockAt('2026-03-01T09:15:00Z');
        await store.compact('p1', initialStateWith('xy'), 1);
        expect((await store.getPlan('p1'))?.updatedAt).toEqual(appendedAt);
        await store.compact('p1', initialStateWith('xy'), 2);
        expect((await store.getPlan('p1'))?.updatedAt).toEqual(appendedAt);
        expect((await store.listPlans())[0]?.updatedAt).toEqual(appendedAt);
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
    describeAttributionContract(() => store, helpers);

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
};
