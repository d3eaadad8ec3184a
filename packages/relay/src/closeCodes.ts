/**
 * Close codes the relay sends, so that a client can tell the person what happened.
 *
 * 4400-4499 mirror HTTP 4xx: the stock y-websocket client does not reconnect after
 * them, which is right because resending the same frame would fail the same way.
 * 4500-4599 are "try again later": the client reconnects with backoff.
 */
export const CloseCode = {
  /** The frame could not be decoded (truncated, trailing bytes, bad varint). */
  MALFORMED_FRAME: 4400,
  /** The token does not open this plan (used by the server's upgrade check). */
  UNAUTHORIZED: 4401,
  /** The sender may not change what the update touches. */
  FORBIDDEN: 4403,
  /** No plan has this id. */
  UNKNOWN_PLAN: 4404,
  /** The frame's message type is not part of the protocol. */
  UNKNOWN_MESSAGE_TYPE: 4405,
  /** The frame is larger than the configured limit. */
  FRAME_TOO_LARGE: 4413,
  /** The update decodes but cannot be applied (missing dependencies, bad structure). */
  UPDATE_DOES_NOT_APPLY: 4422,
  /** The server failed unexpectedly; reconnecting may help. */
  SERVER_ERROR: 4500,
  /** Storage refused a write; the client keeps its changes and retries. */
  STORAGE_UNAVAILABLE: 4503,
  /** The server is shutting down; reconnect to the next one. */
  GOING_AWAY: 1001,
} as const;

/** One of the relay's close codes. */
export type CloseCodeValue = (typeof CloseCode)[keyof typeof CloseCode];

/** True when the client should not reconnect after this code. */
export const isPermanentClose = (code: number): boolean => code >= 4400 && code < 4500;
