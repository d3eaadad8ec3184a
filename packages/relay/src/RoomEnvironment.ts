import type { RelayFanOut } from './fanOut.ts';
import type { RelayExtensions } from './RelayExtensions.ts';
import type { RelayLogger, RelayOptions, RelayPersistence } from './types.ts';

/** What a room needs from the relay that owns it. */
export interface RoomEnvironment {
  persistence: RelayPersistence;
  logger: RelayLogger;
  options: RelayOptions;
  /** The hooks that may refuse an update or look at it again, and hear what happened. */
  extensions: RelayExtensions;
  /** The other processes serving plans, or null when this one serves them all. */
  fanOut: RelayFanOut | null;
  /** Called once when the room stops serving, so the relay forgets it (the room itself). */
  onClosed(room: { readonly planId: string }): void;
  /** Called when storage refused a write, so the relay can hold off reloading the plan. */
  onStorageFailure(planId: string): void;
}
