import { describe, expect, it } from 'vitest';
import { onlineUser, TEST_GROUPS } from '../../test-support/onlineUsers.ts';
import { renderMarkup } from '../../test-support/renderMarkup.tsx';
import { ProjectorPresence } from './ProjectorPresence.tsx';

describe('ProjectorPresence', () => {
  it('counts the people of each group and the facilitation, leaving the projector out', () => {
    const html = renderMarkup(
      <ProjectorPresence
        users={[
          onlineUser('Sokha', 'member', 'g1'),
          onlineUser('Dara', 'member', 'g1'),
          onlineUser('Vanna', 'facilitator', null),
          onlineUser('Room', 'observer', null),
        ]}
        groups={TEST_GROUPS}
      />,
    );
    expect(html).toContain('data-group="g1" data-count="2"');
    expect(html).toContain('data-group="g2" data-count="0"');
    expect(html).toContain('Facilitation');
    expect(html).toContain('data-group="" data-count="1"');
    expect(html).not.toContain('Old group');
  });
});
