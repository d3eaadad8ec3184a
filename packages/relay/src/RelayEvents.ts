/** An update was stored and broadcast. */
export interface UpdateStoredEvent {
  planId: string;
  bytes: number;
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
  onRefusal?(event: RefusalEvent): void;
}
