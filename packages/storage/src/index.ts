export type {
  AppendResult,
  ClientAttribution,
  DocumentStore,
  LoadedDocument,
  StoredPlan,
  UpdateOrigin,
} from './DocumentStore.ts';
export { StoreError } from './DocumentStore.ts';
export { InMemoryDocumentStore } from './InMemoryDocumentStore.ts';
export type { DocumentStoreOptions } from './openDocumentStore.ts';
export { openDocumentStore, SQLITE_FILE_NAME } from './openDocumentStore.ts';
export { SqliteDocumentStore } from './SqliteDocumentStore.ts';
