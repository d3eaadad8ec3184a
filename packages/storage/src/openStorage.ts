import { join } from 'node:path';
import { SqliteStorage } from './SqliteStorage.ts';
import type { Storage } from './Storage.ts';

/** Name of the SQLite file inside the data directory. */
export const SQLITE_FILE_NAME = 'plenary.sqlite';

/** Where the server keeps its data. */
export interface StorageOptions {
  /** Directory for the SQLite file; created if missing. */
  dataDir: string;
  /** A PostgreSQL URI (DATABASE_URL): when set, plans live there and not in `dataDir`. */
  databaseUrl?: string | null;
}

/** The one place that picks the storage adapter from the server's configuration. */
export async function openStorage(options: StorageOptions): Promise<Storage> {
  if (options.databaseUrl) {
    // Loaded only when configured: the PostgreSQL driver is some 15 MB of memory that a
    // server on SQLite never uses.
    const { PostgresStorage } = await import('./PostgresStorage.ts');
    return PostgresStorage.open({ connectionString: options.databaseUrl });
  }
  return SqliteStorage.open(join(options.dataDir, SQLITE_FILE_NAME));
}
