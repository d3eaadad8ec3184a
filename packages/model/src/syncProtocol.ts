/**
 * The sync protocol's named values, shared by the relay (which sends them) and the web
 * app (which explains them to people).
 *
 * Every frame starts with a varuint message type. The stock y-websocket client speaks
 * sync, awareness and query-awareness; `MESSAGE_SAVED` is Plenary's addition: the
 * client asks with a nonce, and the server echoes the nonce once everything that
 * arrived on that socket before the request is durably stored.
 */
export const MESSAGE_SYNC = 0;
/** Presence: who is here and where their caret is. Never stored. */
export const MESSAGE_AWARENESS = 1;
/** Reserved by y-websocket for auth; Plenary authenticates on the upgrade instead. */
export const MESSAGE_AUTH = 2;
/** "Send me everyone's presence." */
export const MESSAGE_QUERY_AWARENESS = 3;
/** Save acknowledgement: `[100][nonce]` both ways. */
export const MESSAGE_SAVED = 100;

/** Sync sub-messages, as y-protocols/sync numbers them: "tell me what I am missing". */
export const SYNC_STEP_1 = 0;
/** The answer to step 1: the updates the other side is missing. */
export const SYNC_STEP_2 = 1;
/** A live update. */
export const SYNC_UPDATE = 2;

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
  /** No token, or a token that does not open this plan. */
  UNAUTHORIZED: 4401,
  /** The sender may not change what the update touches (read-only, another group's section, locked). */
  FORBIDDEN: 4403,
  /** No plan has this id. */
  UNKNOWN_PLAN: 4404,
  /**
   * The participant opened more sockets than `MAX_SOCKETS_PER_PARTICIPANT`: the oldest
   * is closed (a tab left open elsewhere, or a phone's socket the wifi already dropped).
   */
  TOO_MANY_CONNECTIONS: 4409,
  /** The frame's message type is not part of the protocol. */
  UNKNOWN_MESSAGE_TYPE: 4405,
  /** The facilitator withdrew the link this connection came in with. */
  LINK_REVOKED: 4410,
  /** The facilitator removed this participant from the plan; the link stays for others. */
  PARTICIPANT_REMOVED: 4411,
  /** The frame is larger than the configured limit. */
  FRAME_TOO_LARGE: 4413,
  /** The update decodes but cannot be applied (missing dependencies, bad structure). */
  UPDATE_DOES_NOT_APPLY: 4422,
  /** The link this connection came in with has expired. */
  LINK_EXPIRED: 4440,
  /** The server failed unexpectedly; reconnecting may help. */
  SERVER_ERROR: 4500,
  /** Storage refused a write; the client keeps its changes and retries. */
  STORAGE_UNAVAILABLE: 4503,
  /**
   * The client did not read what the server sent, and more than `MAX_UNSENT_BYTES` waited
   * for it: the server lets go of it; on reconnect the client syncs what it missed.
   */
  CLIENT_TOO_SLOW: 4508,
  /**
   * The socket or its participant sent more than its fair share (frames, bytes, presence);
   * the client reconnects with backoff and resends what the server did not take.
   */
  RATE_LIMITED: 4529,
  /** The server is shutting down; reconnect to the next one. */
  GOING_AWAY: 1001,
} as const;

/** One of the relay's close codes. */
export type CloseCodeValue = (typeof CloseCode)[keyof typeof CloseCode];

/** True when the client should not reconnect after this code. */
export const isPermanentClose = (code: number): boolean => code >= 4400 && code < 4500;
