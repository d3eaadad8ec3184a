import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DocumentStore } from './DocumentStore.ts';
import { describeDocumentStoreContract } from './documentStoreContract.ts';
import { SqliteDocumentStore } from './SqliteDocumentStore.ts';

describeDocumentStoreContract('SqliteDocumentStore', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'plenary-storage-'));
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
      rmSync(dir, { recursive: true, force: true });
    },
  };
});
