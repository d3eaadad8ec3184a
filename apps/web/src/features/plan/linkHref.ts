const HAS_SCHEME = /^[a-z][a-z0-9+.-]*:/i;
const EMAIL = /^[^\s@/]+@[^\s@/]+\.[^\s@/]+$/;

/**
 * Turns what a person types as a link into an address: "un.org/r2p" becomes
 * "https://un.org/r2p", "name@example.org" a mailto link. Null for an empty entry.
 */
export function linkHref(typed: string): string | null {
  const value = typed.trim();
  if (!value) return null;
  if (HAS_SCHEME.test(value)) return value;
  if (EMAIL.test(value)) return `mailto:${value}`;
  return `https://${value.replace(/^\/+/, '')}`;
}
