import type { StoredInvite, StoredParticipant } from './AccessStore.ts';

/**
 * The participant that opening `invite` creates: the role and group are the invite's, so
 * that every adapter derives them in one place.
 */
export const participantThrough = (
  invite: StoredInvite,
  participant: { id: string; name: string },
  now: Date,
): StoredParticipant => ({
  id: participant.id,
  planId: invite.planId,
  inviteId: invite.id,
  name: participant.name,
  role: invite.role,
  groupId: invite.groupId,
  createdAt: now,
  lastSeenAt: now,
  removedAt: null,
});
