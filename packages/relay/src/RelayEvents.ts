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
