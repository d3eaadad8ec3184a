/**
 * The errors every adapter raises, worded once so that callers (and the contract suite)
 * see the same code and message whichever adapter is behind the port.
 */
import { StoreError } from './DocumentStore.ts';

/** The id given to `createPlan` is taken. */
export const planExists = (planId: string): StoreError =>
  new StoreError('plan-exists', `A plan with id "${planId}" already exists; pick a new id.`);

/** The operation names a plan that the store does not hold. */
export const planNotFound = (planId: string): StoreError =>
  new StoreError(
    'plan-not-found',
    `There is no plan "${planId}"; check the id, or create the plan first.`,
  );

/** The store was used after `close()`. */
export const storeClosed = (): StoreError =>
  new StoreError('unavailable', 'The document store is closed; open a new one to keep going.');
