export type {
  AccessStore,
  Credential,
  InviteWithUsage,
  NewInvite,
  StoredInvite,
  StoredParticipant,
} from './AccessStore.ts';
export type {
  CommentStore,
  NewCommentMessage,
  NewCommentThread,
  StoredCommentMessage,
  StoredCommentThread,
} from './CommentStore.ts';
export type {
  DecisionAction,
  DecisionLog,
  NewDecision,
  StoredDecision,
} from './DecisionLog.ts';
export type {
  AppendResult,
  ClientAttribution,
  ClientOwner,
  DocumentStore,
  LoadedDocument,
  ParticipantDeletions,
  StoredPlan,
  UpdateOrigin,
} from './DocumentStore.ts';
export { InMemoryStorage } from './InMemoryStorage.ts';
export type { StorageOptions } from './openStorage.ts';
export { openStorage, SQLITE_FILE_NAME } from './openStorage.ts';
// PostgreSQL is '@plenary/storage/postgres', so that what imports this index (the server
// on SQLite) does not load its driver.
export type {
  NewRound,
  RoundItem,
  RoundStatus,
  RoundStore,
  StoredRound,
  StoredVote,
  VoteChoice,
} from './RoundStore.ts';
export { VOTE_CHOICES } from './RoundStore.ts';
export { SqliteStorage } from './SqliteStorage.ts';
export type { Storage } from './Storage.ts';
export type { StoreErrorCode } from './StoreError.ts';
export { StoreError } from './StoreError.ts';
export type {
  NewVersion,
  StoredVersion,
  VersionReason,
  VersionStore,
} from './VersionStore.ts';
export type { CheckpointerOptions, CheckpointResult } from './WalCheckpointer.ts';
export { WalCheckpointer } from './WalCheckpointer.ts';
