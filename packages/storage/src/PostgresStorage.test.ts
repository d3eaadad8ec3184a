import { describe, expect, it } from 'vitest';
import { describeAccessStoreContract } from './accessStoreContract.ts';
import { describeDecisionLogContract } from './decisionLogContract.ts';
import { describeDocumentStoreContract } from './documentStoreContract.ts';
import { PostgresStorage } from './PostgresStorage.ts';
import type { Storage } from './Storage.ts';
import type { StorageFixture } from './test-support/contractFixture.ts';
import { dropSchema, freshSchemaName, TEST_DATABASE_URL } from './test-support/postgresSchema.ts';
import { describeVersionStoreContract } from './versionStoreContract.ts';

async function postgresFixture(): Promise<StorageFixture> {
  const options = { connectionString: TEST_DATABASE_URL, schema: freshSchemaName() };
  let current: Storage = await PostgresStorage.open(options);
  return {
    storage: current,
    reopen: async () => {
      await current.close();
      current = await PostgresStorage.open(options);
      return current;
    },
    cleanup: async () => {
      await current.close();
      await dropSchema(options.schema);
    },
  };
}

describeDocumentStoreContract('PostgresStorage', postgresFixture, { durable: true });
describeAccessStoreContract('PostgresStorage', postgresFixture, { durable: true });
describeDecisionLogContract('PostgresStorage', postgresFixture, { durable: true });
describeVersionStoreContract('PostgresStorage', postgresFixture, { durable: true });

describe('PostgresStorage.open', () => {
  it('fails as unavailable, naming the server, when PostgreSQL does not answer', async () => {
    // Port 1 is reserved and closed, so the connection is refused at once.
    const open = PostgresStorage.open({
      connectionString: 'postgres://nobody:secret@127.0.0.1:1/x',
    });
    await expect(open).rejects.toMatchObject({ code: 'unavailable' });
    await expect(open).rejects.toThrow(/postgres:\/\/nobody@127\.0\.0\.1:1\/x.*DATABASE_URL/);
  });
});
