import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { openStorage, SQLITE_FILE_NAME } from './openStorage.ts';
import { newInvite } from './test-support/newInvite.ts';
import {
  createSchema,
  dropSchema,
  freshSchemaName,
  TEST_DATABASE_URL,
} from './test-support/postgresSchema.ts';
import { makeTempDir, removeTempDir } from './test-support/tempDir.ts';

it('keeps plans and their invites in plenary.sqlite inside the data directory, creating it', async () => {
  const parent = makeTempDir();
  try {
    const dataDir = join(parent, 'data');
    const storage = await openStorage({ dataDir });
    await storage.documents.createPlan({
      id: 'p1',
      title: 'Plan',
      initialState: new Uint8Array([0, 0]),
    });
    await storage.access.createInvite(newInvite('p1', 'i1'));
    await storage.close();
    expect(existsSync(join(dataDir, SQLITE_FILE_NAME))).toBe(true);
    const reopened = await openStorage({ dataDir });
    expect((await reopened.documents.getPlan('p1'))?.title).toBe('Plan');
    expect((await reopened.access.findCredential('hash-of-i1'))?.invite.id).toBe('i1');
    await reopened.close();
  } finally {
    removeTempDir(parent);
  }
});

it('keeps plans in PostgreSQL when given a database URL, and nothing in the data directory', async () => {
  const parent = makeTempDir();
  const schema = freshSchemaName();
  const url = new URL(TEST_DATABASE_URL);
  // The URL alone says where, as DATABASE_URL does; the schema is made beforehand.
  url.searchParams.set('options', `-c search_path=${schema}`);
  await createSchema(schema);
  try {
    const dataDir = join(parent, 'data');
    const storage = await openStorage({ dataDir, databaseUrl: url.toString() });
    await storage.documents.createPlan({
      id: 'p1',
      title: 'Plan',
      initialState: new Uint8Array([0, 0]),
    });
    await storage.close();
    expect(existsSync(join(dataDir, SQLITE_FILE_NAME))).toBe(false);
    const reopened = await openStorage({ dataDir, databaseUrl: url.toString() });
    expect((await reopened.documents.getPlan('p1'))?.title).toBe('Plan');
    await reopened.close();
  } finally {
    await dropSchema(schema);
    removeTempDir(parent);
  }
});
