/** Invites for tests, with every field `createInvite` takes filled in from a few. */
import type { Role } from '@plenary/model';
import type { NewInvite } from '../AccessStore.ts';

/** An invite of `planId` whose token hash and sealed token are derived from its id. */
export const newInvite = (
  planId: string,
  id: string,
  grants: { role?: Role; groupId?: string | null } = {},
): NewInvite => ({
  id,
  planId,
  role: grants.role ?? 'member',
  groupId: grants.groupId ?? null,
  tokenHash: `hash-of-${id}`,
  sealedToken: new TextEncoder().encode(`sealed-${id}`),
  expiresAt: null,
  createdBy: null,
  personName: null,
});
