export type { CloseCodeValue } from './closeCodes.ts';
export { CloseCode, isPermanentClose } from './closeCodes.ts';
export {
  MESSAGE_AUTH,
  MESSAGE_AWARENESS,
  MESSAGE_QUERY_AWARENESS,
  MESSAGE_SAVED,
  MESSAGE_SYNC,
  SYNC_STEP_1,
  SYNC_STEP_2,
  SYNC_UPDATE,
} from './protocol.ts';
export type { RelayConnection } from './Relay.ts';
export { DEFAULT_RELAY_OPTIONS, Relay, UnknownPlanError } from './Relay.ts';
export type { RefusalEvent, RelayEvents, UpdateStoredEvent } from './RelayEvents.ts';
export { StorageFailure } from './Room.ts';
export type {
  ConnectionContext,
  RelayLogger,
  RelayOptions,
  RelayPersistence,
  RelaySocket,
  UpdateOrigin,
} from './types.ts';
export type { UpdateProblem, UpdateSummary } from './updateCheck.ts';
export { inspectUpdate, isUpdateProblem } from './updateCheck.ts';
