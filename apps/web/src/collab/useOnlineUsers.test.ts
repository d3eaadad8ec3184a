import { describe, expect, it } from 'vitest';
import { Awareness, applyAwarenessUpdate, encodeAwarenessUpdate } from 'y-protocols/awareness';
import * as Y from 'yjs';
import { readOnlineUsers, splitByRole } from './useOnlineUsers.ts';

/** An awareness that has heard from the given remote people. */
function awarenessWith(self: unknown, others: unknown[]): Awareness {
  const local = new Awareness(new Y.Doc());
  local.setLocalStateField('user', self);
  for (const user of others) {
    const remote = new Awareness(new Y.Doc());
    remote.setLocalStateField('user', user);
    applyAwarenessUpdate(local, encodeAwarenessUpdate(remote, [remote.clientID]), 'test');
    remote.destroy();
  }
  return local;
}

describe('readOnlineUsers', () => {
  it('lists this device first, then everyone else by name', () => {
    const awareness = awarenessWith({ name: 'Vanna', color: '#0b6bcb' }, [
      { name: 'Sokha', color: '#b3261e' },
      { name: 'Dara', color: '#1e7b34' },
    ]);
    expect(readOnlineUsers(awareness).map((u) => [u.name, u.self])).toEqual([
      ['Vanna', true],
      ['Dara', false],
      ['Sokha', false],
    ]);
    awareness.destroy();
  });

  it('leaves out people who have not given a name yet, or whose state is malformed', () => {
    const awareness = awarenessWith({ name: '  ', color: '#0b6bcb' }, [
      { name: 'Sokha', color: '#b3261e' },
      { color: '#1e7b34' },
      'not a user',
    ]);
    expect(readOnlineUsers(awareness).map((u) => u.name)).toEqual(['Sokha']);
    awareness.destroy();
  });
});

describe('splitByRole', () => {
  it('lists observers apart, as viewing, with the role and group the server vouched for', () => {
    const awareness = awarenessWith(
      { name: 'Vanna', color: '#0b6bcb', role: 'facilitator', groupId: null },
      [
        { name: 'Sokha', color: '#b3261e', role: 'member', groupId: 'g1' },
        { name: 'Dara', color: '#1e7b34', role: 'observer', groupId: null },
        { name: 'Mealea', color: '#8a4baf', role: 'chief' },
      ],
    );
    const { writing, viewing } = splitByRole(readOnlineUsers(awareness));
    expect(writing.map((u) => [u.name, u.role, u.groupId])).toEqual([
      ['Vanna', 'facilitator', null],
      ['Mealea', null, null],
      ['Sokha', 'member', 'g1'],
    ]);
    expect(viewing.map((u) => u.name)).toEqual(['Dara']);
    awareness.destroy();
  });
});
