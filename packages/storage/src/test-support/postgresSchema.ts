/**
 * A PostgreSQL schema of its own for each test, on the server the tests run against
 * (PLENARY_TEST_DATABASE_URL, else the local one CI provides), dropped afterwards so that
 * runs never see each other's rows.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';

/** The database the PostgreSQL tests use. */
export const TEST_DATABASE_URL =
  process.env.PLENARY_TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

/** A schema name no other run uses. */
export const freshSchemaName = (): string => `plenary_test_${randomBytes(6).toString('hex')}`;

async function runAlone(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: TEST_DATABASE_URL });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/** Creates an empty schema, for tests that name it in the connection URL alone. */
export const createSchema = (schema: string): Promise<void> => runAlone(`CREATE SCHEMA ${schema}`);

/** Drops the schema and everything in it. */
export const dropSchema = (schema: string): Promise<void> =>
  runAlone(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
