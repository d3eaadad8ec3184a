import type { Role } from '@plenary/model';
import { randomId } from '@plenary/model';
import type { AccessStore, StoredInvite } from '@plenary/storage';
import type { TokenVault } from './TokenVault.ts';

/** The browser address of an invite link; the token rides in the fragment, so it never reaches a server log. */
export const inviteUrl = (baseUrl: string, planId: string, token: string): string =>
  `${baseUrl}/plans/${planId}#invite=${token}`;

/** A newly made link, with its token in the clear (shown once to its creator). */
export interface IssuedInvite {
  invite: StoredInvite;
  token: string;
}

/** Makes an invite link for a role (and group) and stores only its hash and sealed copy. */
export async function issueInvite(
  access: AccessStore,
  vault: TokenVault,
  input: {
    planId: string;
    role: Role;
    groupId: string | null;
    expiresAt: Date | null;
    createdBy: string | null;
    /** Whom a per-person link is for; null or absent for a shared link. */
    personName?: string | null;
  },
): Promise<IssuedInvite> {
  const token = vault.newToken();
  const invite = await access.createInvite({
    id: randomId(12),
    planId: input.planId,
    role: input.role,
    groupId: input.groupId,
    tokenHash: vault.hash(token),
    sealedToken: vault.seal(token),
    expiresAt: input.expiresAt,
    createdBy: input.createdBy,
    personName: input.personName ?? null,
  });
  return { invite, token };
}
