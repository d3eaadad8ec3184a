import type { GroupState } from '@plenary/model';
import { describe, expect, it } from 'vitest';
import type { Invite } from '../../api/planTypes.ts';
import { renderMarkup } from '../../test-support/renderMarkup.tsx';
import { InviteLink } from './InviteLink.tsx';
import { InviteList } from './InviteList.tsx';

const NOW = new Date('2030-05-01T09:00:00.000Z');
const groups: GroupState[] = [{ id: 'g1', name: 'Group 1', color: '#0b6bcb', archived: false }];

const invite = (id: string, change: Partial<Invite> = {}): Invite => ({
  id,
  role: 'member',
  groupId: 'g1',
  url: `http://venue.local/plans/plan1234#invite=${id}`,
  createdAt: '2030-05-01T08:00:00.000Z',
  expiresAt: null,
  revokedAt: null,
  participantCount: 3,
  personName: null,
  ...change,
});

const render = (invites: Invite[]) =>
  renderMarkup(
    <InviteList
      invites={invites}
      groups={groups}
      ownInviteId="own"
      now={NOW}
      onShow={() => {}}
      onRevoke={() => {}}
    />,
  );

/** The markup of one list item, by its test id. */
const item = (html: string, id: string): string =>
  html.match(new RegExp(`<li[^>]*data-testid="invite-${id}"[\\s\\S]*?</li>`))?.[0] ?? '';

describe('InviteList', () => {
  it('lists each link with its role, group, joined count and validity, with Show and Revoke', () => {
    const html = render([invite('m1'), invite('own', { role: 'facilitator', groupId: null })]);
    expect(html).toContain('data-testid="invite-list"');
    const member = item(html, 'm1');
    expect(member).toContain('Member link for Group 1');
    expect(member).toContain('Joined: 3 · No expiry');
    expect(member).toContain('>Show</button>');
    expect(member).toContain('>Revoke</button>');
  });

  it('names a per-person link by the person it is for', () => {
    const html = render([invite('p', { personName: 'Amina', participantCount: 1 })]);
    expect(item(html, 'p')).toContain('Amina’s Member link (Group 1)');
  });

  it('does not offer to revoke the facilitator’s own link', () => {
    const own = item(render([invite('own', { role: 'facilitator', groupId: null })]), 'own');
    expect(own).toContain('Facilitator link');
    expect(own).toContain('Your own link');
    expect(own).toContain('>Show</button>');
    expect(own).not.toContain('Revoke');
  });

  it('marks revoked and expired links and offers nothing for them', () => {
    const html = render([
      invite('r', { revokedAt: '2030-05-01T08:30:00.000Z' }),
      invite('e', { expiresAt: '2030-05-01T08:45:00.000Z' }),
    ]);
    expect(item(html, 'r')).toContain('data-state="revoked"');
    expect(item(html, 'r')).toContain('· Revoked');
    expect(item(html, 'e')).toContain('· Expired');
    expect(html).not.toContain('<button');
  });
});

describe('InviteLink', () => {
  it('shows the readable address with a Copy button beside the QR code', () => {
    const html = renderMarkup(
      <InviteLink
        url="http://venue.local/plans/plan1234#invite=abc"
        label="Member link for Group 1"
        inviteId={null}
      />,
    );
    expect(html).toContain(
      'data-testid="invite-url">http://venue.local/plans/plan1234#invite=abc</p>',
    );
    expect(html).toContain('>Copy link</button>');
  });
});
