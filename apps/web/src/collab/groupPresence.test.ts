import { describe, expect, it } from 'vitest';
import { TEST_GROUPS as GROUPS, onlineUser as online } from '../test-support/onlineUsers.ts';
import { groupPresence } from './groupPresence.ts';

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
