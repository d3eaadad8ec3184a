import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { DocumentStore } from './DocumentStore.ts';
import { describeDocumentStoreContract } from './documentStoreContract.ts';
import { SqliteDocumentStore } from './SqliteDocumentStore.ts';
import { makeTempDir, removeTempDir } from './test-support/tempDir.ts';

describeDocumentStoreContract('SqliteDocumentStore', async () => {
  const dir = makeTempDir();
  // A nested path, so every test also checks that open() creates missing directories.
  const file = join(dir, 'data', 'plenary.sqlite');
  let current: DocumentStore = SqliteDocumentStore.open(file);
  return {
    store: current,
    reopen: async () => {
      await current.close();
      current = SqliteDocumentStore.open(file);
      return current;
    },
    cleanup: async () => {
      await current.close();
      removeTempDir(dir);
    },
  };
});

describe('SqliteDocumentStore.open', () => {
  it('fails as unavailable, naming the file, when it cannot create the database', () => {
    const dir = makeTempDir();
    try {
      const notADirectory = join(dir, 'file');
      writeFileSync(notADirectory, '');
      const open = () => SqliteDocumentStore.open(join(notADirectory, 'plenary.sqlite'));
      expect(open).toThrow(expect.objectContaining({ code: 'unavailable' }));
      expect(open).toThrow(
        /Cannot open the plan database at .*file.*check that the data directory/,
      );
    } finally {
      removeTempDir(dir);
    }
  });
});
