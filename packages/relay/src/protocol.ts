/**
 * Message types of the y-websocket protocol, plus Plenary's own.
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

/** Sync sub-messages, as y-protocols/sync numbers them. */
export const SYNC_STEP_1 = 0;
/** The answer to step 1: the updates the other side is missing. */
export const SYNC_STEP_2 = 1;
/** A live update. */
export const SYNC_UPDATE = 2;
