import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { openDocumentStore, SQLITE_FILE_NAME } from './openDocumentStore.ts';
import { makeTempDir, removeTempDir } from './test-support/tempDir.ts';

it('keeps plans in plenary.sqlite inside the data directory, creating it', async () => {
  const parent = makeTempDir();
  try {
    const dataDir = join(parent, 'data');
    const store = openDocumentStore({ dataDir });
    await store.createPlan({ id: 'p1', title: 'Plan', initialState: new Uint8Array([0, 0]) });
    await store.close();
    expect(existsSync(join(dataDir, SQLITE_FILE_NAME))).toBe(true);
    const reopened = openDocumentStore({ dataDir });
    expect((await reopened.getPlan('p1'))?.title).toBe('Plan');
    await reopened.close();
  } finally {
    removeTempDir(parent);
  }
});
