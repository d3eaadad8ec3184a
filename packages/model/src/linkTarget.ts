/**
 * Which link targets the plan keeps: web addresses and e-mail addresses. A link's href
 * reaches the shared document from any client, so whatever reads or shows it checks it
 * again (the editor when it parses and draws a link, every report format when it writes
 * one): a `javascript:` or `data:` target would run in whatever opens it.
 */

// Anchored at the very start: a target with leading spaces or control characters, which
// some readers strip before choosing the protocol, is dropped rather than cleaned.
const SAFE_LINK = /^(https?:|mailto:)/i;

/** The link target to write, or null when the link is written as plain text. */
export function safeLinkTarget(href: unknown): string | null {
  return typeof href === 'string' && SAFE_LINK.test(href) ? href : null;
}
