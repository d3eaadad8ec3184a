/** An update was stored and broadcast. */
export interface UpdateStoredEvent {
  planId: string;
  bytes: number;
  participantId: string | null;
}

/** A client's update was applied and stored: the roots of the plan it changed. */
export interface ClientUpdateEvent {
  planId: string;
  touchedRoots: ReadonlySet<string>;
  /** What it changed, as stored: work done in reply can be limited to that. */
  update: Uint8Array;
  participantId: string | null;
}

/** A frame was refused and its socket closed. */
export interface RefusalEvent {
  planId: string;
  code: number;
  reason: string;
}

/** Hooks the relay calls; one concern each, all optional. */
export interface RelayEvents {
  onUpdateStored?(event: UpdateStoredEvent): void;
  /**
   * After a client's update is stored, for work the server does in reply (e.g. repairing
   * a section); a `Relay#transact` started here runs after the update, in the room's queue.
   */
  onClientUpdate?(event: ClientUpdateEvent): void;
  onRefusal?(event: RefusalEvent): void;
}
