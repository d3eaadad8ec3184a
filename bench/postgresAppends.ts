/**
 * What PostgreSQL appends cost: `count` updates to one plan awaited one by one (each its
 * own group commit, the worst case: one transaction per keystroke) and then offered all
 * at once (grouped), on a fresh schema that is dropped afterwards.
 *
 * `node --import tsx bench/postgresAppends.ts [count] [storage module]`: the module is
 * `@plenary/storage/postgres` unless given, so that another checkout's adapter can be
 * measured by the same bench (e.g. before and after a change to how appends are written).
 */
import { randomBytes } from 'node:crypto';
import * as Y from 'yjs';

const DATABASE_URL =
  process.env.PLENARY_TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const [countArg = '2000', modulePath = '@plenary/storage/postgres'] = process.argv.slice(2);
const count = Number(countArg);

const { PostgresStorage } = (await import(
  modulePath
)) as typeof import('@plenary/storage/postgres');

/** One keystroke's update each, under one client id, as a typing participant sends them. */
function keystrokes(n: number): Uint8Array[] {
  const doc = new Y.Doc();
  const updates: Uint8Array[] = [];
  doc.on('update', (update: Uint8Array) => updates.push(update));
  for (let i = 0; i < n; i++) doc.getText('t').insert(i, 'x');
  return updates;
}

const schema = `plenary_bench_${randomBytes(6).toString('hex')}`;
const storage = await PostgresStorage.open({ connectionString: DATABASE_URL, schema });
try {
  const store = storage.documents;
  await store.createPlan({ id: 'p1', title: 'Bench', initialState: new Uint8Array([0, 0]) });
  const origin = { clientIds: [1], participantId: 'amina' };
  const updates = keystrokes(2 * count);
  let started = performance.now();
  for (const update of updates.slice(0, count)) await store.appendUpdate('p1', update, origin);
  const oneByOne = performance.now() - started;
  started = performance.now();
  await Promise.all(updates.slice(count).map((u) => store.appendUpdate('p1', u, origin)));
  const together = performance.now() - started;
  const perSecond = (ms: number) => Math.round(count / (ms / 1000));
  console.log(
    `${count} appends one by one: ${Math.round(oneByOne)} ms (${perSecond(oneByOne)}/s); ` +
      `offered together: ${Math.round(together)} ms (${perSecond(together)}/s)`,
  );
} finally {
  await storage.close();
  await PostgresStorage.dropSchema({ connectionString: DATABASE_URL, schema });
}
