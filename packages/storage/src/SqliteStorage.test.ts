import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { describeAccessStoreContract } from './accessStoreContract.ts';
import { describeCommentStoreContract } from './commentStoreContract.ts';
import { describeDecisionLogContract } from './decisionLogContract.ts';
import { describeDocumentStoreContract } from './documentStoreContract.ts';
import { describeRoundStoreContract } from './roundStoreContract.ts';
import { SqliteStorage } from './SqliteStorage.ts';
import type { Storage } from './Storage.ts';
import type { StorageFixture } from './test-support/contractFixture.ts';
import { makeTempDir, removeTempDir } from './test-support/tempDir.ts';
import { describeVersionStoreContract } from './versionStoreContract.ts';

async function sqliteFixture(): Promise<StorageFixture> {
  const dir = makeTempDir();
  // A nested path, so every test also checks that open() creates missing directories.
  const file = join(dir, 'data', 'plenary.sqlite');
  let current: Storage = SqliteStorage.open(file);
  return {
    storage: current,
    reopen: async () => {
      await current.close();
      current = SqliteStorage.open(file);
      return current;
    },
    cleanup: async () => {
      await current.close();
      removeTempDir(dir);
    },
  };
}

describeDocumentStoreContract('SqliteStorage', sqliteFixture, { durable: true });
describeAccessStoreContract('SqliteStorage', sqliteFixture, { durable: true });
describeDecisionLogContract('SqliteStorage', sqliteFixture, { durable: true });
describeVersionStoreContract('SqliteStorage', sqliteFixture, { durable: true });
describeCommentStoreContract('SqliteStorage', sqliteFixture, { durable: true });
describeRoundStoreContract('SqliteStorage', sqliteFixture, { durable: true });

describe('SqliteStorage.open', () => {
  it('fails as unavailable, naming the file, when it cannot create the database', () => {
    const dir = makeTempDir();
    try {
      const notADirectory = join(dir, 'file');
      writeFileSync(notADirectory, '');
      const open = () => SqliteStorage.open(join(notADirectory, 'plenary.sqlite'));
      expect(open).toThrow(expect.objectContaining({ code: 'unavailable' }));
      expect(open).toThrow(
        /Cannot open the plan database at .*file.*check that the data directory/,
      );
    } finally {
      removeTempDir(dir);
    }
  });
});
