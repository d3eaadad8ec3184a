import { MAX_CLIENTS_PER_OWNER, MAX_NEW_CLIENTS_PER_UPDATE } from './clientOwnership.ts';
import { DEFAULT_FAIR_SHARE } from './FairShare.ts';
import { MAX_PENDING_BYTES } from './PendingFrames.ts';
import type { RelayOptions } from './types.ts';

/**
 * The relay's defaults: 8 MiB frames, compaction every 500 updates, 5 s idle rooms and
 * storage pauses, the client-id limits, and `DEFAULT_FAIR_SHARE`.
 */
export const DEFAULT_RELAY_OPTIONS: RelayOptions = {
  maxFrameBytes: 8 * 1024 * 1024,
  maxPendingBytes: MAX_PENDING_BYTES,
  compactAfterUpdates: 500,
  idleEvictMs: 5_000,
  storageRetryMs: 5_000,
  maxNewClientsPerUpdate: MAX_NEW_CLIENTS_PER_UPDATE,
  maxClientsPerOwner: MAX_CLIENTS_PER_OWNER,
  fairShare: DEFAULT_FAIR_SHARE,
};
