import type { Role } from '@plenary/model';
import type { StoredInvite } from '@plenary/storage';
import type { TokenVault } from './TokenVault.ts';

/**
 * Short join codes: six characters someone can read off a projector and type on a phone,
 * standing for a shared invite link. A code is derived (HMAC under the vault's key) from
 * the invite and the current 30-minute window, so nothing is stored, every process of a
 * scale-out computes the same one, and a code says nothing about its invite to anyone
 * without the key. The current and the previous window's codes are both accepted, so a
 * code read off the screen just before it changes still works: each lives 30 to 60 minutes.
 */

/** No 0/O, 1/I/L: what is read off a wall is typed without guessing which was meant. */
export const JOIN_CODE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
export const JOIN_CODE_LENGTH = 6;
export const JOIN_CODE_WINDOW_MS = 30 * 60_000;
/** How many different codes there are: 31^6, about 887 million. */
export const JOIN_CODE_SPACE = JOIN_CODE_ALPHABET.length ** JOIN_CODE_LENGTH;

const PURPOSE = 'plenary join code v1';

/** The roles of the shared links a code may stand for (see `mayHaveJoinCode`). */
export const JOIN_CODE_ROLES: readonly Role[] = ['member', 'observer'];

/**
 * Whether an invite may have a code: shared member and observer links only. A code is a
 * far smaller secret than a link's token, so it never stands for a facilitator's or focal
 * point's rights, nor for one person's own link.
 */
export function mayHaveJoinCode(invite: StoredInvite, now: Date): boolean {
  return (
    JOIN_CODE_ROLES.includes(invite.role) &&
    !invite.personName &&
    !invite.revokedAt &&
    !(invite.expiresAt && invite.expiresAt <= now)
  );
}

const windowOf = (now: Date) => Math.floor(now.getTime() / JOIN_CODE_WINDOW_MS);

function codeIn(vault: TokenVault, inviteId: string, window: number): string {
  const digest = vault.mac(PURPOSE, `${inviteId}:${window}`);
  // 48 bits reduced modulo 31^6: the bias (2^48 is 317,000 times the space) is negligible.
  let value = digest.readUIntBE(0, 6) % JOIN_CODE_SPACE;
  let code = '';
  for (let i = 0; i < JOIN_CODE_LENGTH; i++) {
    code = JOIN_CODE_ALPHABET[value % JOIN_CODE_ALPHABET.length] + code;
    value = Math.floor(value / JOIN_CODE_ALPHABET.length);
  }
  return code;
}

/** The code to show now, when it changes, and until when it is accepted. */
export function currentJoinCode(
  vault: TokenVault,
  inviteId: string,
  now: Date,
): { code: string; changesAt: Date; validUntil: Date } {
  const window = windowOf(now);
  return {
    code: codeIn(vault, inviteId, window),
    changesAt: new Date((window + 1) * JOIN_CODE_WINDOW_MS),
    validUntil: new Date((window + 2) * JOIN_CODE_WINDOW_MS),
  };
}

/** A typed code as the alphabet spells it: capitals, without spaces or dashes; null when it cannot be one. */
export function normalizeJoinCode(typed: string): string | null {
  const code = typed.toUpperCase().replace(/[\s-]/g, '');
  if (code.length !== JOIN_CODE_LENGTH) return null;
  return [...code].every((c) => JOIN_CODE_ALPHABET.includes(c)) ? code : null;
}

/** The invite among `invites` that `code` stands for now (this window or the last), or null. */
export function inviteForJoinCode<T extends StoredInvite>(
  vault: TokenVault,
  invites: readonly T[],
  code: string,
  now: Date,
): T | null {
  const window = windowOf(now);
  return (
    invites.find(
      (invite) =>
        mayHaveJoinCode(invite, now) &&
        (codeIn(vault, invite.id, window) === code ||
          codeIn(vault, invite.id, window - 1) === code),
    ) ?? null
  );
}
