/**
 * Random identifiers for plans, sections and groups.
 *
 * Plenary runs over plain http on a venue LAN, which is not a secure context, so
 * `crypto.randomUUID` is unavailable in the browser; `crypto.getRandomValues` is.
 */

const ALPHABET = '0123456789abcdefghijklmnopqrstuvwxyz';

/** A random id of `length` characters from [0-9a-z] (about 5.17 bits each). */
export function randomId(length = 16): string {
  const bytes = new Uint8Array(length);
  globalThis.crypto.getRandomValues(bytes);
  let id = '';
  for (const byte of bytes) {
    // 252 = 36 * 7: rejecting larger bytes would be exact; the bias of a plain modulo
    // over 256 values is below 2% per character and irrelevant for ids that only need
    // to be unique, not secret.
    id += ALPHABET[byte % ALPHABET.length];
  }
  return id;
}

/** A plan id: 16 characters, about 82 random bits, safe in URLs. */
export const newPlanId = (): string => randomId(16);

/** A section id: 10 characters, unique within a plan. */
export const newSectionId = (): string => randomId(10);

/** A group id: 8 characters, unique within a plan. */
export const newGroupId = (): string => randomId(8);

const PLAN_ID_PATTERN = /^[0-9a-z]{6,64}$/;

/** True when `value` has the shape of a plan id (guards routes and storage keys). */
export function isPlanId(value: string): boolean {
  return PLAN_ID_PATTERN.test(value);
}
