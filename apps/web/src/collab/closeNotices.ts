import { CloseCode, isPermanentClose } from '@plenary/model';
import type { en } from '../i18n/en.ts';

/** The i18n key of a sentence that explains a close code. */
export type CloseNoticeKey = `close.${keyof typeof en.close}`;

const NOTICES: ReadonlyMap<number, CloseNoticeKey> = new Map([
  [CloseCode.MALFORMED_FRAME, 'close.malformed'],
  [CloseCode.UNKNOWN_MESSAGE_TYPE, 'close.malformed'],
  [CloseCode.UNAUTHORIZED, 'close.unauthorized'],
  [CloseCode.FORBIDDEN, 'close.forbidden'],
  [CloseCode.UNKNOWN_PLAN, 'close.unknownPlan'],
  [CloseCode.FRAME_TOO_LARGE, 'close.tooLarge'],
  [CloseCode.UPDATE_DOES_NOT_APPLY, 'close.rejected'],
  [CloseCode.SERVER_ERROR, 'close.serverError'],
  // 1011 is the WebSocket standard's "internal error", sent by ws itself.
  [1011, 'close.serverError'],
  [CloseCode.STORAGE_UNAVAILABLE, 'close.storage'],
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
