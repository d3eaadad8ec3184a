import { describe, expect, it } from 'vitest';
import type { OnlineUser } from '../../collab/useOnlineUsers.ts';
import { renderMarkup } from '../../test-support/renderMarkup.tsx';
import { OnlineUsers } from './OnlineUsers.tsx';

const user = (
  name: string,
  role: OnlineUser['role'],
  change: Partial<OnlineUser> = {},
): OnlineUser => ({
  clientId: name.length,
  participantId: null,
  name,
  color: '#0b6bcb',
  role,
  groupId: null,
  self: false,
  ...change,
});

describe('OnlineUsers', () => {
  it('lists observers apart as viewing, and members with their group', () => {
    const html = renderMarkup(
      <OnlineUsers
        users={[
          user('Vanna', 'facilitator', { self: true }),
          user('Sokha', 'member', { groupId: 'g1' }),
          user('Dara', 'observer'),
        ]}
        groups={[{ id: 'g1', name: 'Group 1', color: '#0b6bcb', archived: false }]}
      />,
    );
    expect(html).toContain('Online now <span class="count">2</span>');
    expect(html).toContain('Vanna (you)</span><span class="user-chip__detail">Facilitator</span>');
    expect(html).toContain('Sokha</span><span class="user-chip__detail">Group 1</span>');
    expect(html).toMatch(
      /Viewing <span class="count">1<\/span>[\s\S]*data-testid="viewing-users"[\s\S]*Dara/,
    );
  });
});
