/**
 * The errors every adapter raises, worded once so that callers (and the contract suites)
 * see the same code and message whichever adapter is behind the port.
 */
import { StoreError } from './StoreError.ts';

/** The id given to `createPlan` is taken. */
export const planExists = (planId: string): StoreError =>
  new StoreError('plan-exists', `A plan with id "${planId}" already exists; pick a new id.`);

/** The operation names a plan that the store does not hold. */
export const planNotFound = (planId: string): StoreError =>
  new StoreError(
    'plan-not-found',
    `There is no plan "${planId}"; check the id, or create the plan first.`,
  );

/**
 * An update carries a client id that someone else owns: scaled out, another process's
 * socket claimed it before this one heard of it. Stored, it would put two texts under one
 * Yjs id, so the append is refused and nothing of it is stored.
 */
export const clientOwnedElsewhere = (planId: string, clientIds: readonly number[]): StoreError =>
  new StoreError(
    'client-owned-elsewhere',
    `Plan "${planId}" has client ${clientIds.length === 1 ? 'id' : 'ids'} ${clientIds.join(', ')} owned by someone else; the update was not stored.`,
  );

/**
 * An append whose sender had an earlier append refused as someone else's (see
 * RefusedSenders); refused with the same code, so the relay takes it for the same refusal.
 */
export const senderRefused = (planId: string): StoreError =>
  new StoreError(
    'client-owned-elsewhere',
    `Plan "${planId}" refused an earlier update from the same connection (a client id owned by someone else); this one, sent after it, was not stored either.`,
  );

/** An invite or session was given a token hash that another one already has. */
export const tokenExists = (): StoreError =>
  new StoreError(
    'token-exists',
    'Another invite or session already has this token hash; generate a new token and retry.',
  );

/** The operation names an invite that the plan does not have. */
export const inviteNotFound = (planId: string, inviteId: string): StoreError =>
  new StoreError(
    'invite-not-found',
    `Plan "${planId}" has no invite "${inviteId}"; the link may belong to another plan.`,
  );

/** The operation names a participant that the plan does not have. */
export const participantNotFound = (planId: string, participantId: string): StoreError =>
  new StoreError(
    'participant-not-found',
    `Plan "${planId}" has no participant "${participantId}"; create the participant first.`,
  );

/** A decision was given an id that is already logged (or twice in one call). */
export const decisionExists = (decisionId: string): StoreError =>
  new StoreError(
    'decision-exists',
    `Decision "${decisionId}" is already in the log; give each decision a new id.`,
  );

/** A version was given an id that another version already has. */
export const versionExists = (versionId: string): StoreError =>
  new StoreError(
    'version-exists',
    `Version "${versionId}" is already saved; give each version a new id.`,
  );

/** A comment thread or message was given an id that is already stored. */
export const commentExists = (id: string): StoreError =>
  new StoreError(
    'comment-exists',
    `Comment "${id}" is already stored; give each comment a new id.`,
  );

/** A round was given an id that another round already has. */
export const roundExists = (roundId: string): StoreError =>
  new StoreError('round-exists', `Round "${roundId}" already exists; give each round a new id.`);

/** A vote names a round, or an item of it, that the plan does not have. */
export const roundNotFound = (planId: string, roundId: string, itemId: string): StoreError =>
  new StoreError(
    'round-not-found',
    `Plan "${planId}" has no round "${roundId}" with a recommendation "${itemId}".`,
  );

/** A vote came after its round closed. */
export const roundClosed = (roundId: string): StoreError =>
  new StoreError('round-closed', `Round "${roundId}" is closed; its answers can no longer change.`);

/** The storage was used after `close()`. */
export const storageClosed = (): StoreError =>
  new StoreError('unavailable', 'The storage is closed; open it again to keep going.');
