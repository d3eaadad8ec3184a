import type { GroupState } from '@plenary/model';
import type { OnlineUser } from '../collab/useOnlineUsers.ts';

/** Two breakout groups and an archived one, as tests of presence by group use them. */
export const TEST_GROUPS: GroupState[] = [
  { id: 'g1', name: 'Group 1', color: '#0b6bcb', archived: false },
  { id: 'g2', name: 'Group 2', color: '#1e7b34', archived: false },
  { id: 'g3', name: 'Old group', color: '#8a4baf', archived: true },
];

let nextClient = 100;

/** Someone online with a Yjs client id of their own; the participant id defaults to the name. */
export const onlineUser = (
  name: string,
  role: OnlineUser['role'],
  groupId: string | null,
  participantId: string | null = name,
): OnlineUser => ({
  clientId: nextClient++,
  participantId,
  name,
  color: '#b3261e',
  role,
  groupId,
  self: false,
});
