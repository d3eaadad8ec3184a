/**
 * Two PostgresStorage pools on one schema, as two Plenary processes on one database: they
 * migrate at once, append to one plan at once and compact it at once without losing or
 * repeating anything.
 */
import pg from 'pg';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { UpdateOrigin } from './DocumentStore.ts';
import { PostgresStorage } from './PostgresStorage.ts';
import { POSTGRES_MIGRATIONS } from './postgresMigrations.ts';
import { dropSchema, freshSchemaName, TEST_DATABASE_URL } from './test-support/postgresSchema.ts';
import { connectedReplicas, docOf, TEXT_NAME, textOf } from './test-support/yjsText.ts';

const AMINA: UpdateOrigin = { clientIds: [101], participantId: 'amina' };
const BORA: UpdateOrigin = { clientIds: [202], participantId: 'bora' };

describe('two processes on one PostgreSQL schema', () => {
  let schema: string;
  const opened: PostgresStorage[] = [];

  const open = async () => {
    const storage = await PostgresStorage.open({ connectionString: TEST_DATABASE_URL, schema });
    opened.push(storage);
    return storage;
  };

  /** Runs `sql` on a connection of its own in the test's schema. */
  async function queryRaw<R extends object>(sql: string): Promise<R[]> {
    const client = new pg.Client({
      connectionString: TEST_DATABASE_URL,
      options: `-c search_path=${schema}`,
    });
    await client.connect();
    try {
      return (await client.query<R>(sql)).rows;
    } finally {
      await client.end();
    }
  }

  beforeEach(() => {
    schema = freshSchemaName();
  });

  afterEach(async () => {
    for (const storage of opened.splice(0)) await storage.close();
    await dropSchema(schema);
  });

  it('migrate a new schema once when they start at the same moment', async () => {
    const [a, b, c] = await Promise.all([open(), open(), open()]);
    if (!a || !b || !c) throw new Error('expected three storages');
    const versions = await queryRaw<{ version: number }>(
      'SELECT version FROM plenary_migrations ORDER BY version',
    );
    expect(versions.map((row) => row.version)).toEqual(POSTGRES_MIGRATIONS.map((_, i) => i + 1));
    await a.documents.createPlan({
      id: 'p1',
      title: 'Plan',
      initialState: new Uint8Array([0, 0]),
    });
    expect((await b.documents.getPlan('p1'))?.title).toBe('Plan');
    expect((await c.documents.listPlans()).map((plan) => plan.id)).toEqual(['p1']);
  });

  it('refuse to start on a schema written by a newer Plenary, saying what to do', async () => {
    await (await open()).close();
    await queryRaw(
      `INSERT INTO plenary_migrations (version) VALUES (${POSTGRES_MIGRATIONS.length + 1})`,
    );
    await expect(open()).rejects.toMatchObject({
      code: 'unavailable',
      message: expect.stringMatching(/newer Plenary, so upgrade this one/),
    });
  });

  it('number appends to one plan from both without a gap or a repeat, and lose none', async () => {
    const [a, b] = await Promise.all([open(), open()]);
    if (!a || !b) throw new Error('expected two storages');
    await a.documents.createPlan({
      id: 'p1',
      title: 'Plan',
      initialState: new Uint8Array([0, 0]),
    });
    const replicas = connectedReplicas();
    const text = (doc: Y.Doc) => doc.getText(TEXT_NAME);
    for (let i = 0; i < 20; i += 1) text(replicas.a).insert(text(replicas.a).length, 'a');
    const fromA = replicas.take();
    for (let i = 0; i < 20; i += 1) text(replicas.b).insert(0, 'b');
    const fromB = replicas.take();
    const results = await Promise.all([
      ...fromA.map((update) => a.documents.appendUpdate('p1', update, AMINA)),
      ...fromB.map((update) => b.documents.appendUpdate('p1', update, BORA)),
    ]);
    expect(results.map((result) => result.seq).sort((x, y) => x - y)).toEqual(
      Array.from({ length: 40 }, (_, i) => i + 1),
    );
    const loaded = await b.documents.loadDocument('p1');
    expect(loaded?.lastSeq).toBe(40);
    expect(textOf(loaded?.updates ?? [])).toBe(text(replicas.a).toString());
    expect((await a.documents.clientAttribution('p1')).map((c) => c.participantId).sort()).toEqual([
      'amina',
      'bora',
    ]);
  });

  it('number appends made together to several plans in order; a missing plan refuses only its own', async () => {
    const a = await open();
    for (const id of ['p2', 'p1']) {
      await a.documents.createPlan({ id, title: id, initialState: new Uint8Array([0, 0]) });
    }
    const writer = new Y.Doc();
    const updates: Uint8Array[] = [];
    writer.on('update', (update: Uint8Array) => updates.push(update));
    for (const letter of 'abc') writer.getText(TEXT_NAME).insert(0, letter);
    const [first, second, third] = updates;
    if (!first || !second || !third) throw new Error('expected three updates');
    const outcomes = await Promise.allSettled([
      a.documents.appendUpdate('p2', first, AMINA),
      a.documents.appendUpdate('gone', first, AMINA),
      a.documents.appendUpdate('p1', first, BORA),
      a.documents.appendUpdate('p2', second, AMINA),
      a.documents.appendUpdate('p2', third, AMINA),
    ]);
    expect(outcomes.map((outcome) => outcome.status)).toEqual([
      'fulfilled',
      'rejected',
      'fulfilled',
      'fulfilled',
      'fulfilled',
    ]);
    expect(outcomes[1]).toMatchObject({ reason: { code: 'plan-not-found' } });
    expect((await a.documents.loadDocument('p2'))?.lastSeq).toBe(3);
    expect(textOf((await a.documents.loadDocument('p2'))?.updates ?? [])).toBe('cba');
    expect((await a.documents.loadDocument('p1'))?.lastSeq).toBe(1);
  });

  it('lose nothing when both compact one plan while the other appends', async () => {
    const [a, b] = await Promise.all([open(), open()]);
    if (!a || !b) throw new Error('expected two storages');
    await a.documents.createPlan({
      id: 'p1',
      title: 'Plan',
      initialState: new Uint8Array([0, 0]),
    });
    const writer = new Y.Doc();
    const updates: Uint8Array[] = [];
    writer.on('update', (update: Uint8Array) => updates.push(update));
    const typeSome = (count: number) => {
      for (let i = 0; i < count; i += 1) writer.getText(TEXT_NAME).insert(0, String(i % 10));
      return updates.splice(0);
    };
    for (const update of typeSome(30)) await a.documents.appendUpdate('p1', update, AMINA);
    // Each process builds its own snapshot of what it loaded, as two relays would.
    const [loadedA, loadedB] = await Promise.all([
      a.documents.loadDocument('p1'),
      b.documents.loadDocument('p1'),
    ]);
    if (!loadedA || !loadedB) throw new Error('expected the plan to load');
    const snapshot = (updatesOf: Uint8Array[]) => Y.encodeStateAsUpdate(docOf(updatesOf));
    await Promise.all([
      a.documents.compact('p1', snapshot(loadedA.updates.slice(0, 11)), 10),
      b.documents.compact('p1', snapshot(loadedB.updates), loadedB.lastSeq),
      ...typeSome(15).map((update) => b.documents.appendUpdate('p1', update, AMINA)),
    ]);
    const final = await a.documents.loadDocument('p1');
    expect(final?.lastSeq).toBe(45);
    expect(textOf(final?.updates ?? [])).toBe(writer.getText(TEXT_NAME).toString());
  });
});
