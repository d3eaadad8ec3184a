import { describeAccessStoreContract } from './accessStoreContract.ts';
import { describeCommentStoreContract } from './commentStoreContract.ts';
import { describeDecisionLogContract } from './decisionLogContract.ts';
import { describeDocumentStoreContract } from './documentStoreContract.ts';
import { InMemoryStorage } from './InMemoryStorage.ts';
import { describeRoundStoreContract } from './roundStoreContract.ts';
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
describeCommentStoreContract('InMemoryStorage', inMemoryFixture, { durable: false });
describeRoundStoreContract('InMemoryStorage', inMemoryFixture, { durable: false });
