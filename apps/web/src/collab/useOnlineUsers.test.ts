import { describe, expect, it } from 'vitest';
import { Awareness, applyAwarenessUpdate, encodeAwarenessUpdate } from 'y-protocols/awareness';
import * as Y from 'yjs';
import { readOnlineUsers } from './useOnlineUsers.ts';

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
