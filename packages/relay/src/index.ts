export type { CloseCodeValue } from '@plenary/model';
export { CloseCode, isPermanentClose } from '@plenary/model';
export type { ClientOwnerKey, OwnedClient } from './clientOwner.ts';
export {
  MAX_CLIENTS_PER_OWNER,
  MAX_CLOCK,
  MAX_NEW_CLIENTS_PER_UPDATE,
} from './clientOwnership.ts';
export { gcStructsUpdate, presenceUpdateAs, updateAs } from './craftedUpdates.ts';
export type { FairShareLimits, RateBudget } from './FairShare.ts';
export { DEFAULT_FAIR_SHARE } from './FairShare.ts';
export type { FanOutListener, PlanMessage, RelayFanOut } from './fanOut.ts';
export {
  awarenessFrame,
  savedFrame,
  syncStep1Frame,
  syncStep2Frame,
  updateFrame,
} from './frames.ts';
export { MAX_PENDING_BYTES, PendingFrames } from './PendingFrames.ts';
export { planWritePolicy } from './planWritePolicy.ts';
export type { RelayConnection } from './Relay.ts';
export { Relay, UnknownPlanError } from './Relay.ts';
export type * from './RelayEvents.ts';
export type {
  PlanDocuments,
  RelayExtension,
  ReviewCheck,
  UpdateCheck,
  WithPlans,
} from './RelayExtension.ts';
export { DEFAULT_EXTENSION_PRIORITY } from './RelayExtension.ts';
export { DEFAULT_RELAY_OPTIONS } from './relayDefaults.ts';
export { StorageFailure } from './roomErrors.ts';
export type {
  ConnectionContext,
  RelayLogger,
  RelayOptions,
  RelayPersistence,
  RelaySocket,
  UpdateOrigin,
  VouchedPresence,
} from './types.ts';
export type { UpdateProblem, UpdateSummary } from './updateCheck.ts';
export { inspectUpdate, isUpdateProblem } from './updateCheck.ts';
export { applyInSteps } from './updatePieces.ts';
export { encodeUpdateSince } from './updateSince.ts';
