import type { GroupState } from '@plenary/model';
import { describe, expect, it } from 'vitest';
import { authorMark, PLENARY_COLOR } from './authorColors.ts';
import { groupPresence } from './groupPresence.ts';
import type { OnlineUser } from './useOnlineUsers.ts';

const GROUPS: GroupState[] = [
  { id: 'g1', name: 'Group 1', color: '#0b6bcb', archived: false },
  { id: 'g2', name: 'Group 2', color: '#1e7b34', archived: false },
  { id: 'g3', name: 'Old group', color: '#8a4baf', archived: true },
];

let nextClient = 100;
const online = (
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

describe('groupPresence', () => {
  it('counts members per group, empty groups too, then the facilitation; never observers', () => {
    const users = [
      online('Sokha', 'member', 'g1'),
      online('Dara', 'member', 'g1'),
      online('Vanna', 'facilitator', null),
      online('Projector', 'observer', null),
      online('Mealea', 'focal-point', null),
    ];
    expect(
      groupPresence(users, GROUPS).map(({ group, people }) => [
        group?.name ?? null,
        people.map((person) => person.name),
      ]),
    ).toEqual([
      ['Group 1', ['Sokha', 'Dara']],
      ['Group 2', []],
      [null, ['Vanna', 'Mealea']],
    ]);
  });

  it('counts a person with two tabs once', () => {
    const users = [online('Sokha', 'member', 'g2', 'p1'), online('Sokha', 'member', 'g2', 'p1')];
    expect(groupPresence(users, GROUPS)[1]?.people).toHaveLength(1);
  });
});

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
