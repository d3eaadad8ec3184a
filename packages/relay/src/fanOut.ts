/**
 * The port through which the processes serving the same plans hear each other (Redis in
 * the scaled-out deployment; absent when one process serves everything). Each process
 * stores what its own sockets send, then publishes it; the others apply it to their copy
 * of the plan and send it to their own sockets.
 */
import type { ClientOwnerKey } from './clientOwner.ts';

/** What one process tells the others about a plan they may have open. */
export type PlanMessage =
  /** An update this process stored as `seq`, and who now owns the client ids it claimed. */
  | {
      kind: 'update';
      seq: number;
      update: Uint8Array;
      claims: readonly number[];
      owner: ClientOwnerKey;
      /**
       * The participant whose socket sent it; null for the server's own change or a socket
       * of no participant (absent from a process of an older version: taken as null).
       */
      participantId?: string | null;
    }
  /** Client ids a socket showed presence under before writing, now owned by `owner`. */
  | { kind: 'claim'; claims: readonly number[]; owner: ClientOwnerKey }
  /**
   * A note from an extension to the extension of the same name in the other processes
   * (see `PlanDocuments.tellOtherProcesses`).
   */
  | { kind: 'note'; extension: string; note: string }
  /** A y-protocols awareness update of this process's sockets. */
  | { kind: 'awareness'; update: Uint8Array }
  /** A process that just opened the plan asks the others for their sockets' presence. */
  | { kind: 'awareness-query' }
  /** Messages may have been lost (Redis was away): read the plan again from storage. */
  | { kind: 'catch-up' }
  /** Close the sockets that came in through these invite links (they were revoked). */
  | { kind: 'disconnect-invites'; inviteIds: readonly string[]; code: number; reason: string }
  /** Close the sockets of these participants (the facilitator removed them). */
  | {
      kind: 'disconnect-participants';
      participantIds: readonly string[];
      code: number;
      reason: string;
    };

/** How the fan-out reaches the relay. */
export interface FanOutListener {
  /** A message about `planId` from another process. */
  onMessage(planId: string, message: PlanMessage): void;
  /** The link to the other processes is back after an outage: messages may be lost. */
  onReconnected(): void;
}

/** Carries plan messages between processes and elects one of them for once-per-plan work. */
export interface RelayFanOut {
  /** Where messages go; set once by the relay. */
  listen(listener: FanOutListener): void;
  /** Starts hearing a plan's messages; resolves once none can be missed any more. */
  subscribe(planId: string): Promise<void>;
  /** Stops hearing a plan's messages. */
  unsubscribe(planId: string): void;
  /** Sends a message to the other processes; lost while the link is down (see catch-up). */
  publish(planId: string, message: PlanMessage): void;
  /**
   * Resolves true for the one process that takes `key` until `ttlMs` has passed (for work
   * done once per plan: compaction, automatic versions); false for the others, and when
   * the link is down (the work is then left for later, never done twice).
   */
  claim(key: string, ttlMs: number): Promise<boolean>;
}

/** The origin of what another process stored or said, so it is not published back. */
export const FROM_OTHER_PROCESS = Symbol('from another process');
