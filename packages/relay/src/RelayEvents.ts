import type { UpdateClocks } from '@plenary/model';

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
  /**
   * The clocks it wrote and deleted, per Yjs client id, worked out once when first asked
   * (or known from applying it): what work in reply looks at, without decoding a large
   * update in one piece.
   */
  clocks(): UpdateClocks;
  participantId: string | null;
}

/**
 * A participant's update that another process serving the plan took and stored, now
 * applied here too (scaled out): the roots of the plan it changed, as found here.
 */
export interface OtherProcessUpdateEvent {
  planId: string;
  touchedRoots: ReadonlySet<string>;
  participantId: string;
}

/** A note from the extension of the same name in another process serving the plan. */
export interface OtherProcessNoteEvent {
  planId: string;
  note: string;
}

/** A frame was refused and its socket closed. */
export interface RefusalEvent {
  planId: string;
  code: number;
  reason: string;
}
