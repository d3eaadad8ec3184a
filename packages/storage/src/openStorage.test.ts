import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { openStorage, SQLITE_FILE_NAME } from './openStorage.ts';
import { newInvite } from './test-support/newInvite.ts';
import { makeTempDir, removeTempDir } from './test-support/tempDir.ts';

it('keeps plans and their invites in plenary.sqlite inside the data directory, creating it', async () => {
  const parent = makeTempDir();
  try {
    const dataDir = join(parent, 'data');
    const storage = openStorage({ dataDir });
    await storage.documents.createPlan({
      id: 'p1',
      title: 'Plan',
      initialState: new Uint8Array([0, 0]),
    });
    await storage.access.createInvite(newInvite('p1', 'i1'));
    await storage.close();
    expect(existsSync(join(dataDir, SQLITE_FILE_NAME))).toBe(true);
    const reopened = openStorage({ dataDir });
    expect((await reopened.documents.getPlan('p1'))?.title).toBe('Plan');
    expect((await reopened.access.findCredential('hash-of-i1'))?.invite.id).toBe('i1');
    await reopened.close();
  } finally {
    removeTempDir(parent);
  }
});
