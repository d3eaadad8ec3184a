/**
 * The values of the sync protocol the web app speaks: y-websocket's message types plus
 * Plenary's save acknowledgement, and the close codes the server uses to say why it
 * ended a connection. They mirror the relay's definitions, which the web app does not
 * import (it never reaches into the relay).
 */

/** y-websocket's sync message (its first varuint after the type is the sync step). */
export const MESSAGE_SYNC = 0;
/** Sync step 1: "here is my state vector, send me what I am missing". */
export const SYNC_STEP_1 = 0;
/** Save acknowledgement: the client sends `[100][nonce]`, the server echoes it once stored. */
export const MESSAGE_SAVED = 100;

/** Why the server closed a sync connection. */
export const CloseCode = {
  MALFORMED_FRAME: 4400,
  UNAUTHORIZED: 4401,
  FORBIDDEN: 4403,
  UNKNOWN_PLAN: 4404,
  UNKNOWN_MESSAGE_TYPE: 4405,
  FRAME_TOO_LARGE: 4413,
  UPDATE_DOES_NOT_APPLY: 4422,
  SERVER_ERROR: 4500,
  STORAGE_UNAVAILABLE: 4503,
  INTERNAL_ERROR: 1011,
} as const;

/**
 * True for 4400-4499: the server decided something reconnecting cannot fix, and
 * y-websocket stops reconnecting (its default `shouldReconnect`).
 */
export const isPermanentClose = (code: number): boolean => code >= 4400 && code < 4500;
