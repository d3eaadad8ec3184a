import { join } from 'node:path';
import { afterEach, beforeEach, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import type { UpdateOrigin } from './DocumentStore.ts';
import { SqliteConnection } from './SqliteConnection.ts';
import { SqliteDocumentStore } from './SqliteDocumentStore.ts';
import { SqliteStorage } from './SqliteStorage.ts';
import { makeTempDir, removeTempDir } from './test-support/tempDir.ts';
import { connectedReplicas, TEXT_NAME, textOf } from './test-support/yjsText.ts';

const AMINA: UpdateOrigin = { clientIds: [101], participantId: 'amina' };
const EMPTY = Y.encodeStateAsUpdate(new Y.Doc());

let dir: string;
let file: string;
let connection: SqliteConnection;
let store: SqliteDocumentStore;

beforeEach(() => {
  dir = makeTempDir();
  file = join(dir, 'plenary.sqlite');
  connection = SqliteConnection.open(file);
  store = new SqliteDocumentStore(connection);
});

afterEach(async () => {
  await connection.close();
  removeTempDir(dir);
});

/** `count` updates, each typing one more character of "abcdefghij…". */
function typedUpdates(count: number): Uint8Array[] {
  const { a, take } = connectedReplicas();
  for (let index = 0; index < count; index += 1) {
    a.getText(TEXT_NAME).insert(index, String.fromCharCode(97 + (index % 26)));
  }
  return take();
}

it('commits appends made in one pass of the event loop in one transaction, numbered in call order', async () => {
  await store.createPlan({ id: 'p1', title: 'P1', initialState: EMPTY });
  await store.createPlan({ id: 'p2', title: 'P2', initialState: EMPTY });
  const transactions = vi.spyOn(connection, 'writeNow');
  const updates = typedUpdates(5);
  const results = await Promise.all([
    ...updates.map((update) => store.appendUpdate('p1', update, AMINA)),
    store.appendUpdate('p2', updates[0] ?? EMPTY, AMINA),
  ]);
  expect(transactions).toHaveBeenCalledTimes(1);
  expect(results.map((result) => result.seq)).toEqual([1, 2, 3, 4, 5, 1]);
  expect(textOf((await store.loadDocument('p1'))?.updates ?? [])).toBe('abcde');
});

it('resolves appends only once their group is committed, readable from another connection', async () => {
  await store.createPlan({ id: 'p1', title: 'P1', initialState: EMPTY });
  const updates = typedUpdates(3);
  const appends = updates.map((update) => store.appendUpdate('p1', update, AMINA));
  // Nothing is written before the group's commit...
  const reader = SqliteConnection.open(file);
  try {
    const unwritten = reader.db.prepare('SELECT COUNT(*) AS n FROM plan_updates').get();
    expect(unwritten).toEqual({ n: 0 });
    await Promise.all(appends);
    // ...and once the appends resolved, another connection (another process would do
    // the same) reads every one of them from the file.
    expect(reader.db.prepare('SELECT COUNT(*) AS n FROM plan_updates').get()).toEqual({ n: 3 });
  } finally {
    await reader.close();
  }
});

it('rejects every append of a group the database refuses, and stores none of them', async () => {
  await store.createPlan({ id: 'p1', title: 'P1', initialState: EMPTY });
  const [first = EMPTY, second = EMPTY, third = EMPTY] = typedUpdates(3);
  // The database itself refuses the second insert, as it would a full disk: the whole
  // transaction rolls back.
  connection.db.exec(
    `CREATE TRIGGER refuse_one BEFORE INSERT ON plan_updates WHEN NEW.seq = 2
     BEGIN SELECT RAISE(ABORT, 'refused by the test database'); END`,
  );
  const results = await Promise.allSettled(
    [first, second, third].map((update) => store.appendUpdate('p1', update, AMINA)),
  );
  expect(results.map((result) => result.status)).toEqual(['rejected', 'rejected', 'rejected']);
  expect(await store.loadDocument('p1')).toMatchObject({ lastSeq: 0, logLength: 0 });
  expect(await store.clientAttribution('p1')).toEqual([]);
});

it('refuses an append to a plan that is gone without failing the others in its group', async () => {
  await store.createPlan({ id: 'p1', title: 'P1', initialState: EMPTY });
  const [first = EMPTY, second = EMPTY] = typedUpdates(2);
  const results = await Promise.allSettled([
    store.appendUpdate('p1', first, AMINA),
    store.appendUpdate('missing', first, AMINA),
    store.appendUpdate('p1', second, AMINA),
  ]);
  expect(results).toEqual([
    { status: 'fulfilled', value: { seq: 1, logLength: 1 } },
    { status: 'rejected', reason: expect.objectContaining({ code: 'plan-not-found' }) },
    { status: 'fulfilled', value: { seq: 2, logLength: 2 } },
  ]);
});

it('writes a claim after the appends made before it, so the first of them still wins', async () => {
  await store.createPlan({ id: 'p1', title: 'P1', initialState: EMPTY });
  const [update = EMPTY] = typedUpdates(1);
  const appended = store.appendUpdate('p1', update, AMINA);
  await store.claimClients('p1', { clientIds: [101], participantId: 'bora' });
  await appended;
  expect((await store.clientAttribution('p1')).map((client) => client.participantId)).toEqual([
    'amina',
  ]);
});

it('writes appends still waiting when the storage closes', async () => {
  await connection.close();
  const storage = SqliteStorage.open(file);
  await storage.documents.createPlan({ id: 'p1', title: 'P1', initialState: EMPTY });
  const appends = typedUpdates(2).map((update) =>
    storage.documents.appendUpdate('p1', update, AMINA),
  );
  await storage.close();
  expect(await Promise.all(appends)).toEqual([
    { seq: 1, logLength: 1 },
    { seq: 2, logLength: 2 },
  ]);
  const reopened = SqliteStorage.open(file);
  try {
    expect(textOf((await reopened.documents.loadDocument('p1'))?.updates ?? [])).toBe('ab');
  } finally {
    await reopened.close();
    connection = SqliteConnection.open(file);
  }
});
