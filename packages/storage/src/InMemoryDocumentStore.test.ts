import { describeDocumentStoreContract } from './documentStoreContract.ts';
import { InMemoryDocumentStore } from './InMemoryDocumentStore.ts';

describeDocumentStoreContract('InMemoryDocumentStore', async () => {
  const store = new InMemoryDocumentStore();
  return { store, cleanup: () => store.close() };
});
