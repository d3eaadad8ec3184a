import { describe, expect, it } from 'vitest';
import { TEST_GROUPS as GROUPS, onlineUser as online } from '../test-support/onlineUsers.ts';
import { authorMark, PLENARY_COLOR } from './authorColors.ts';

describe('authorMark', () => {
  const users = [online('Sokha', 'member', 'g2'), online('Vanna', 'facilitator', null)];

  it('marks text in the colour of its author’s group, found by the Yjs client id', () => {
    const [member] = users;
    expect(authorMark(member?.clientId ?? -1, users, GROUPS)).toEqual({
      color: '#1e7b34',
      groupId: 'g2',
    });
  });

  it('marks text by the facilitation, or by someone offline, in the plenary colour', () => {
    expect(authorMark(users[1]?.clientId ?? -1, users, GROUPS)).toEqual({
      color: PLENARY_COLOR,
      groupId: null,
    });
    expect(authorMark(424242, users, GROUPS)).toEqual({ color: PLENARY_COLOR, groupId: null });
  });
});
