/**
 * A PostgreSQL schema of its own for each test, on the server the tests run against
 * (PLENARY_TEST_DATABASE_URL, else the local one CI provides), dropped afterwards so that
 * runs never see each other's rows.
 */
import { randomBytes } from 'node:crypto';
import { PostgresStorage } from '../PostgresStorage.ts';

/** The database the PostgreSQL tests use. */
export const TEST_DATABASE_URL =
  process.env.PLENARY_TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

/** A schema name no other run uses. */
export const freshSchemaName = (): string => `plenary_test_${randomBytes(6).toString('hex')}`;

/** Creates the schema with Plenary's tables in it, as a first start would. */
export async function createSchema(schema: string): Promise<void> {
  await (await PostgresStorage.open({ connectionString: TEST_DATABASE_URL, schema })).close();
}

/** Drops the schema and everything in it. */
export const dropSchema = (schema: string): Promise<void> =>
  PostgresStorage.dropSchema({ connectionString: TEST_DATABASE_URL, schema });
