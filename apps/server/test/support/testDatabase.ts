/** The PostgreSQL and Redis the scale-out tests run against, and a schema of their own. */
import { randomBytes } from 'node:crypto';
import { PostgresStorage } from '@plenary/storage/postgres';

/** The database the tests use (PLENARY_TEST_DATABASE_URL, else the local one CI provides). */
const TEST_DATABASE_URL =
  process.env.PLENARY_TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

/** The Redis the tests use (PLENARY_TEST_REDIS_URL, else the local one CI provides). */
export const TEST_REDIS_URL = process.env.PLENARY_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

/**
 * A schema of Plenary's tables that lasts until `drop`, and DATABASE_URL naming it as an
 * operator would (search_path in the URL's options).
 */
export async function testSchema(): Promise<{ databaseUrl: string; drop: () => Promise<void> }> {
  const schema = `plenary_test_${randomBytes(6).toString('hex')}`;
  const connectionString = TEST_DATABASE_URL;
  await (await PostgresStorage.open({ connectionString, schema })).close();
  const url = new URL(connectionString);
  url.searchParams.set('options', `-c search_path=${schema}`);
  return {
    databaseUrl: url.toString(),
    drop: () => PostgresStorage.dropSchema({ connectionString, schema }),
  };
}
