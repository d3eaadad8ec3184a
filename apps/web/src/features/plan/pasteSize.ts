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
