/**
 * Which link targets a report keeps. The editor allows only these protocols, but a link's
 * href reaches the shared document from any client, so every format checks it again:
 * a `javascript:` or `data:` target in a downloaded report would run in whatever opens it.
 */

// Anchored at the very start: a target with leading spaces or control characters, which
// some readers strip before choosing the protocol, is dropped rather than cleaned.
const SAFE_LINK = /^(https?:|mailto:)/i;

/** The link target to write, or null when the link is written as plain text. */
export function safeLinkTarget(href: unknown): string | null {
  return typeof href === 'string' && SAFE_LINK.test(href) ? href : null;
}
