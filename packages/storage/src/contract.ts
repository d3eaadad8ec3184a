/**
 * The contract suites every storage adapter passes, as `@plenary/storage/contract`: kept
 * out of the package's index because they import vitest.
 */
export { describeAccessStoreContract } from './accessStoreContract.ts';
export { describeCommentStoreContract } from './commentStoreContract.ts';
export { describeDecisionLogContract } from './decisionLogContract.ts';
export { describeDocumentStoreContract } from './documentStoreContract.ts';
export { describeRoundStoreContract } from './roundStoreContract.ts';
export type { StorageFixture } from './test-support/contractFixture.ts';
export { describeVersionStoreContract } from './versionStoreContract.ts';
