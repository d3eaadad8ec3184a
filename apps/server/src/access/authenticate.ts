import type { AccessStore } from '@plenary/storage';
import type { Principal } from './Principal.ts';
import type { TokenVault } from './TokenVault.ts';

/** Why a token does not open a plan; each has its own close code and message. */
export type AccessProblem =
  | 'missing-token'
  | 'malformed-token'
  | 'unknown-token'
  | 'revoked'
  | 'removed'
  | 'expired';

/** A token that does not open the plan it was presented for. */
export class AccessError extends Error {
  constructor(
    readonly problem: AccessProblem,
    message: string,
  ) {
    super(message);
    this.name = 'AccessError';
  }
}

const MESSAGES: Record<AccessProblem, string> = {
  'missing-token': 'This plan needs an invite link. Ask the facilitator for one.',
  'malformed-token': 'This link is incomplete or mistyped. Open the link you were sent again.',
  'unknown-token': 'This link does not open this plan. Ask the facilitator for a new one.',
  revoked: 'The facilitator has withdrawn this link. Ask them for a new one.',
  removed: 'The facilitator has removed you from this plan. Ask them if this is a mistake.',
  expired: 'This link has expired. Ask the facilitator for a new one.',
};

/**
 * Resolves a token to the principal it grants in `planId`. A token of another plan is
 * reported as unknown, so a token never reveals which other plans exist.
 */
export async function authenticate(
  access: AccessStore,
  vault: TokenVault,
  planId: string,
  token: string | undefined,
  now = new Date(),
): Promise<Principal> {
  if (!token) throw new AccessError('missing-token', MESSAGES['missing-token']);
  if (!vault.isWellFormed(token))
    throw new AccessError('malformed-token', MESSAGES['malformed-token']);
  const credential = await access.findCredential(vault.hash(token));
  if (!credential || credential.invite.planId !== planId) {
    throw new AccessError('unknown-token', MESSAGES['unknown-token']);
  }
  const { invite } = credential;
  const participant = credential.kind === 'session' ? credential.participant : null;
  // Checked before the link: a removed person is told so, even after the link went too.
  if (participant?.removedAt) throw new AccessError('removed', MESSAGES.removed);
  if (invite.revokedAt) throw new AccessError('revoked', MESSAGES.revoked);
  if (invite.expiresAt && invite.expiresAt <= now)
    throw new AccessError('expired', MESSAGES.expired);
  return {
    planId,
    actor: {
      role: participant?.role ?? invite.role,
      groupId: participant?.groupId ?? invite.groupId,
    },
    inviteId: invite.id,
    participantId: participant?.id ?? null,
    name: participant?.name ?? null,
    expiresAt: invite.expiresAt,
    via: credential.kind,
  };
}
