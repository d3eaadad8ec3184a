/**
 * The one test suite every VersionStore adapter passes, run on a whole Storage since
 * versions belong to the plans of its DocumentStore. Exported from
 * `@plenary/storage/contract`, as it imports vitest.
 */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  type ContractSuite,
  clockAt,
  expectStoreError,
  T1,
  T2,
  T3,
  usePlanStore,
} from './test-support/contractFixture.ts';
import { TEXT_NAME } from './test-support/yjsText.ts';
import type { NewVersion } from './VersionStore.ts';

/** A version of `planId` whose state holds `text`, with every field set. */
function version(id: string, text: string, more: Partial<NewVersion> = {}): NewVersion {
  const doc = new Y.Doc();
  doc.getText(TEXT_NAME).insert(0, text);
  return {
    id,
    planId: 'p1',
    name: `Version ${id}`,
    reason: 'named',
    createdBy: 'facilitator-1',
    createdByName: 'Dara',
    state: Y.encodeStateAsUpdate(doc),
    ...more,
  };
}

/** What `createVersion` returns for `input` saved at `createdAt`. */
const summaryOf = ({ state: _state, ...input }: NewVersion, createdAt: Date) => ({
  ...input,
  createdAt,
});

/** Registers the contract's tests for the versions of the storage `makeStorage` builds, fresh per test. */
export const describeVersionStoreContract: ContractSuite = (name, makeStorage, { durable }) => {
  describe(`${name} keeps the VersionStore contract`, () => {
    const { store, fixture } = usePlanStore(makeStorage, (storage) => storage.versions);

    it('saves versions and lists them newest first, the last saved first within one moment', async () => {
      const firstAt = clockAt(T1);
      const first = await store().createVersion(version('v1', 'one'));
      expect(first).toEqual(summaryOf(version('v1', 'one'), firstAt));
      const secondAt = clockAt(T2);
      const automatic = version('v2', 'two', {
        name: null,
        reason: 'phase',
        createdBy: null,
        createdByName: null,
      });
      const second = await store().createVersion(automatic);
      const sameMoment = await store().createVersion(version('v3', 'three', { reason: 'restore' }));
      expect(second).toEqual(summaryOf(automatic, secondAt));
      expect(await store().listVersions('p1')).toEqual([sameMoment, second, first]);
    });

    it('keeps a given creation time, wherever it falls in the list', async () => {
      clockAt(T3);
      await store().createVersion(version('v1', 'now'));
      const earlier = await store().createVersion(
        version('v0', 'earlier', { createdAt: new Date(T1) }),
      );
      expect(earlier.createdAt).toEqual(new Date(T1));
      expect((await store().listVersions('p1')).map((v) => v.id)).toEqual(['v1', 'v0']);
    });

    it("gives a version's state back byte for byte", async () => {
      const input = version('v1', 'Ending poverty in all its forms — ស្រុកខ្មែរ');
      const expected = input.state.slice();
      await store().createVersion(input);
      const state = await store().versionState('p1', 'v1');
      expect(state).toEqual(expected);
      expect(state).toBeInstanceOf(Uint8Array);
      const doc = new Y.Doc();
      Y.applyUpdate(doc, state ?? new Uint8Array());
      expect(doc.getText(TEXT_NAME).toString()).toBe('Ending poverty in all its forms — ស្រុកខ្មែរ');
    });

    it('answers null for an unknown version, another plan’s version or an unknown plan', async () => {
      await store().createVersion(version('v1', 'one'));
      expect(await store().versionState('p1', 'missing')).toBeNull();
      expect(await store().versionState('p2', 'v1')).toBeNull();
      expect(await store().versionState('missing', 'v1')).toBeNull();
      expect(await store().listVersions('p2')).toEqual([]);
      expect(await store().listVersions('missing')).toEqual([]);
    });

    it('refuses a taken id, even in another plan, and a plan it does not hold', async () => {
      await store().createVersion(version('v1', 'one'));
      await expectStoreError(store().createVersion(version('v1', 'again')), 'version-exists');
      await expectStoreError(
        store().createVersion(version('v1', 'elsewhere', { planId: 'p2' })),
        'version-exists',
      );
      await expectStoreError(
        store().createVersion(version('v2', 'x', { planId: 'missing' })),
        'plan-not-found',
      );
      expect((await store().listVersions('p1')).map((v) => v.id)).toEqual(['v1']);
      expect(await store().listVersions('p2')).toEqual([]);
    });

    it('keeps its own copies: changing what went in or came out changes nothing stored', async () => {
      const input = version('v1', 'one');
      const expected = input.state.slice();
      const created = await store().createVersion(input);
      input.state.fill(0);
      created.createdAt.setTime(0);
      (await store().versionState('p1', 'v1'))?.fill(0);
      (await store().listVersions('p1'))[0]?.createdAt.setTime(0);
      expect(await store().versionState('p1', 'v1')).toEqual(expected);
      expect((await store().listVersions('p1'))[0]?.createdAt.getTime()).not.toBe(0);
    });

    it('rejects every call as unavailable once the storage is closed', async () => {
      await fixture().storage.close();
      await expectStoreError(store().createVersion(version('v1', 'one')), 'unavailable');
      await expectStoreError(store().listVersions('p1'), 'unavailable');
      await expectStoreError(store().versionState('p1', 'v1'), 'unavailable');
    });

    if (durable) {
      it('keeps versions and their states across close and reopen', async () => {
        const input = version('v1', 'one');
        const expected = input.state.slice();
        const saved = await store().createVersion(input);
        const reopened = (await fixture().reopen?.())?.versions;
        expect(await reopened?.listVersions('p1')).toEqual([saved]);
        expect(await reopened?.versionState('p1', 'v1')).toEqual(expected);
      });
    }
  });
};
