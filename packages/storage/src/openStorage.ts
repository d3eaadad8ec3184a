import { join } from 'node:path';
import { SqliteStorage } from './SqliteStorage.ts';
import type { Storage } from './Storage.ts';

/** Name of the SQLite file inside the data directory. */
export const SQLITE_FILE_NAME = 'plenary.sqlite';

/** Where the server keeps its data. */
export interface StorageOptions {
  /** Directory for the SQLite file; created if missing. */
  dataDir: string;
}

/** The one place that picks the storage adapter from the server's configuration. */
export function openStorage(options: StorageOptions): Storage {
  return SqliteStorage.open(join(options.dataDir, SQLITE_FILE_NAME));
}
