import { describeAccessStoreContract } from './accessStoreContract.ts';
import { describeDecisionLogContract } from './decisionLogContract.ts';
import { describeDocumentStoreContract } from './documentStoreContract.ts';
import { InMemoryStorage } from './InMemoryStorage.ts';
import type { StorageFixture } from './test-support/contractFixture.ts';
import { describeVersionStoreContract } from './versionStoreContract.ts';

async function inMemoryFixture(): Promise<StorageFixture> {
  const storage = new InMemoryStorage();
  return { storage, cleanup: () => storage.close() };
}

describeDocumentStoreContract('InMemoryStorage', inMemoryFixture, { durable: false });
describeAccessStoreContract('InMemoryStorage', inMemoryFixture, { durable: false });
describeDecisionLogContract('InMemoryStorage', inMemoryFixture, { durable: false });
describeVersionStoreContract('InMemoryStorage', inMemoryFixture, { durable: false });
