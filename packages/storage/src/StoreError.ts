/** What went wrong in a store operation, for callers that branch on it. */
export type StoreErrorCode =
  | 'plan-exists'
  | 'plan-not-found'
  | 'seq-out-of-range'
  | 'client-owned-elsewhere'
  | 'token-exists'
  | 'invite-not-found'
  | 'participant-not-found'
  | 'decision-exists'
  | 'version-exists'
  | 'comment-exists'
  | 'round-exists'
  | 'round-not-found'
  | 'round-closed'
  | 'unavailable';

/** A store operation that failed for a reason the caller can name. */
export class StoreError extends Error {
  constructor(
    readonly code: StoreErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'StoreError';
  }
}
