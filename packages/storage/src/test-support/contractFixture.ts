/**
 * What both contract suites share: the storage under test, fresh per test, and the
 * assertions and clock they both lean on.
 */
import { afterEach, beforeEach, expect, vi } from 'vitest';
import type { Storage } from '../Storage.ts';
import { StoreError, type StoreErrorCode } from '../StoreError.ts';

/** A storage under test, and how to reopen it over the same data and to clean up after it. */
export interface StorageFixture {
  storage: Storage;
  /** Closes the storage and opens a new one over the same data; absent when data cannot outlive it. */
  reopen?: () => Promise<Storage>;
  /** Closes whichever storage is open and deletes its data. */
  cleanup: () => Promise<void>;
}

/**
 * What every contract suite is: registers its tests, named after `name`, for the storage
 * `makeStorage` builds fresh per test; `durable` says whether that storage keeps its data
 * across close and reopen (SQLite does, memory does not).
 */
export type ContractSuite = (
  name: string,
  makeStorage: () => Promise<StorageFixture>,
  options: { durable: boolean },
) => void;

/**
 * Builds a fixture with `makeStorage` before each test of the enclosing describe and
 * cleans it up after; returns a getter for the current one.
 */
export function useStorageFixture(
  makeStorage: () => Promise<StorageFixture>,
): () => StorageFixture {
  let fixture: StorageFixture | undefined;
  beforeEach(async () => {
    fixture = await makeStorage();
  });
  afterEach(async () => {
    vi.useRealTimers();
    await fixture?.cleanup();
    fixture = undefined;
  });
  return () => {
    if (!fixture) throw new Error('the storage fixture is only there inside a test');
    return fixture;
  };
}

/** Awaits `promise`, expecting it to reject with a StoreError of `code`. */
export async function expectStoreError(promise: Promise<unknown>, code: StoreErrorCode) {
  const error = await promise.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  expect(error).toBeInstanceOf(StoreError);
  expect(error).toMatchObject({ code });
}

/** Sets the clock that stores read timestamps from; the fixture restores it after each test. */
export function clockAt(isoTime: string): Date {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(new Date(isoTime));
  return new Date(isoTime);
}

/** The Yjs update of an empty document: plans need one, contract tests never read it. */
export const EMPTY_DOCUMENT = new Uint8Array([0, 0]);

/** Creates empty plans p1 and p2, for suites whose records belong to a plan. */
export async function createTwoPlans(storage: Storage): Promise<void> {
  for (const id of ['p1', 'p2']) {
    await storage.documents.createPlan({ id, title: `Plan ${id}`, initialState: EMPTY_DOCUMENT });
  }
}

/**
 * For a contract suite over a store whose records belong to plans: a fresh storage per test
 * holding plans p1 and p2, and getters for the store under test and for the fixture.
 */
export function usePlanStore<Store>(
  makeStorage: () => Promise<StorageFixture>,
  storeOf: (storage: Storage) => Store,
): { store: () => Store; fixture: () => StorageFixture } {
  const fixture = useStorageFixture(makeStorage);
  beforeEach(async () => {
    await createTwoPlans(fixture().storage);
  });
  return { store: () => storeOf(fixture().storage), fixture };
}

/** Fixed moments, five minutes apart, for tests that set the clock. */
export const T1 = '2026-03-01T09:00:00Z';
/** Five minutes after T1. */
export const T2 = '2026-03-01T09:05:00Z';
/** Five minutes after T2. */
export const T3 = '2026-03-01T09:10:00Z';
