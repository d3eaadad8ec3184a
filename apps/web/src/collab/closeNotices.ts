import { CloseCode, isPermanentClose } from '@plenary/model';
import type { en } from '../i18n/en.ts';

/** The i18n key of a sentence that explains a close code. */
export type CloseNoticeKey = `close.${keyof typeof en.close}`;

const NOTICES: ReadonlyMap<number, CloseNoticeKey> = new Map([
  [CloseCode.MALFORMED_FRAME, 'close.malformed'],
  [CloseCode.UNKNOWN_MESSAGE_TYPE, 'close.malformed'],
  [CloseCode.UNAUTHORIZED, 'close.unauthorized'],
  [CloseCode.FORBIDDEN, 'close.forbidden'],
  [CloseCode.LINK_REVOKED, 'close.revoked'],
  [CloseCode.PARTICIPANT_REMOVED, 'close.removed'],
  [CloseCode.LINK_EXPIRED, 'close.expired'],
  [CloseCode.UNKNOWN_PLAN, 'close.unknownPlan'],
  [CloseCode.FRAME_TOO_LARGE, 'close.tooLarge'],
  [CloseCode.UPDATE_DOES_NOT_APPLY, 'close.rejected'],
  [CloseCode.SERVER_ERROR, 'close.serverError'],
  // 1011 is the WebSocket standard's "internal error", sent by ws itself.
  [1011, 'close.serverError'],
  [CloseCode.STORAGE_UNAVAILABLE, 'close.storage'],
  [CloseCode.TOO_MANY_CONNECTIONS, 'close.tooManyConnections'],
  [CloseCode.CLIENT_TOO_SLOW, 'close.tooSlow'],
  [CloseCode.RATE_LIMITED, 'close.overShare'],
]);

/**
 * The sentence to show for a close code, or null when the close needs no words of its
 * own (a dropped network or a server restart: the "offline" state already says it).
 * A permanent code the app does not know yet still gets a sentence, with the server's
 * reason in it, because the app will not reconnect by itself after it.
 */
export function closeNoticeKey(code: number): CloseNoticeKey | null {
  return NOTICES.get(code) ?? (isPermanentClose(code) ? 'close.other' : null);
}

/** Close codes after which the plan cannot go on here: the link or the plan is gone. */
const ENDS_SESSION: ReadonlySet<number> = new Set([
  CloseCode.UNAUTHORIZED,
  CloseCode.UNKNOWN_PLAN,
  CloseCode.LINK_REVOKED,
  CloseCode.PARTICIPANT_REMOVED,
  CloseCode.LINK_EXPIRED,
]);

/** What a close means for the open plan. */
export type CloseOutcome =
  /** The link or the plan is gone: stop, and say why. */
  | 'ended'
  /**
   * A newer socket of the same participant pushed this one out (4409): nothing here was
   * refused, so the doc and its copy on this device stay; stop, so that this page does
   * not push another out in turn, and say how to go on.
   */
  | 'displaced'
  /** The server refused something this doc sent: the doc must not be sent again. */
  | 'refused'
  /** A dropped network, a restart, a storage hiccup: the provider reconnects by itself. */
  | 'transient';

/** Sorts a close code into what the app does next. */
export function closeOutcome(code: number): CloseOutcome {
  if (ENDS_SESSION.has(code)) return 'ended';
  if (code === CloseCode.TOO_MANY_CONNECTIONS) return 'displaced';
  return isPermanentClose(code) ? 'refused' : 'transient';
}
