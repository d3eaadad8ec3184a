import { join } from 'node:path';
import type { DocumentStore } from './DocumentStore.ts';
import { SqliteDocumentStore } from './SqliteDocumentStore.ts';

/** Name of the SQLite file inside the data directory. */
export const SQLITE_FILE_NAME = 'plenary.sqlite';

/** Where the server keeps its data. */
export interface DocumentStoreOptions {
  /** Directory for the SQLite file; created if missing. */
  dataDir: string;
}

/** The one place that picks the DocumentStore adapter from the server's configuration. */
export function openDocumentStore(options: DocumentStoreOptions): DocumentStore {
  return SqliteDocumentStore.open(join(options.dataDir, SQLITE_FILE_NAME));
}
