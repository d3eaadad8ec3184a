import type { Slice } from '@tiptap/pm/model';

/**
 * Share of the server's frame limit a single paste may use. A paste becomes one Yjs
 * update, which also carries ids and the surrounding structure; the margin keeps a
 * paste that fits by this estimate under the real limit.
 */
export const PASTE_LIMIT_RATIO = 0.9;

const utf8 = new TextEncoder();

/**
 * Estimates the bytes a pasted slice adds to the plan: the UTF-8 size of its JSON.
 * For the same content JSON is about as large as the Yjs update for plain text and
 * about 1.5 times larger for tables and lists, so the estimate errs on refusing.
 */
export const pastedBytes = (slice: Slice): number =>
  utf8.encode(JSON.stringify(slice.content.toJSON() ?? [])).length;

/** The largest paste, in bytes, that the server's frame limit leaves room for. */
export const pasteLimit = (maxUpdateBytes: number): number =>
  Math.floor(maxUpdateBytes * PASTE_LIMIT_RATIO);

/**
 * Above this a paste is asked about before it goes in: a 5 MB paste froze the page for
 * 2.5 s and made the plan take 11 s to open on a phone, and such a paste is more often
 * a whole document pasted by mistake than text meant for one section.
 */
export const PASTE_ASK_BYTES = 100 * 1024;
/**
 * No paste is larger than this, whatever the server's frame limit (8 MB by default):
 * the plan must stay quick to open and to compare on the phones in the room.
 */
export const PASTE_MAX_BYTES = 1024 * 1024;

/** What happens to a paste: it goes in, the person is asked first, or it is refused. */
export type PasteVerdict =
  | { action: 'paste' }
  | { action: 'ask'; bytes: number }
  | { action: 'refuse'; bytes: number; limit: number };

/**
 * The verdict on a paste of `bytes`: refused above the hard limit (`PASTE_MAX_BYTES`, or
 * less when the server's frame limit, `maxUpdateBytes`, leaves less room), asked about
 * above `PASTE_ASK_BYTES`, otherwise pasted.
 */
export function pasteVerdict(bytes: number, maxUpdateBytes: number | null): PasteVerdict {
  const limit =
    maxUpdateBytes === null
      ? PASTE_MAX_BYTES
      : Math.min(PASTE_MAX_BYTES, pasteLimit(maxUpdateBytes));
  if (bytes > limit) return { action: 'refuse', bytes, limit };
  if (bytes > PASTE_ASK_BYTES) return { action: 'ask', bytes };
  return { action: 'paste' };
}
