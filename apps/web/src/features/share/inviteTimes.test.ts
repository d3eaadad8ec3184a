import { describe, expect, it } from 'vitest';
import type { Invite } from '../../api/planTypes.ts';
import { EXPIRY_CHOICES, expiresAt, inviteState, sortInvites } from './inviteTimes.ts';

const NOW = new Date('2030-05-01T09:00:00.000Z');

const invite = (id: string, change: Partial<Invite> = {}): Invite => ({
  id,
  role: 'member',
  groupId: 'g1',
  url: null,
  createdAt: '2030-05-01T08:00:00.000Z',
  expiresAt: null,
  revokedAt: null,
  participantCount: 0,
  personName: null,
  ...change,
});

describe('expiresAt', () => {
  it('counts the chosen hours from now, and leaves a never-expiring link without a time', () => {
    expect(expiresAt('hours4', NOW)).toBe('2030-05-01T13:00:00.000Z');
    expect(expiresAt('week1', NOW)).toBe('2030-05-08T09:00:00.000Z');
    expect(expiresAt('never', NOW)).toBeUndefined();
    expect(EXPIRY_CHOICES[0]?.id).toBe('never');
  });
});

describe('inviteState', () => {
  it('tells working, expired and revoked links apart', () => {
    expect(inviteState(invite('a'), NOW)).toBe('active');
    expect(inviteState(invite('b', { expiresAt: '2030-05-01T10:00:00.000Z' }), NOW)).toBe('active');
    expect(inviteState(invite('c', { expiresAt: '2030-05-01T09:00:00.000Z' }), NOW)).toBe(
      'expired',
    );
    expect(inviteState(invite('d', { revokedAt: '2030-05-01T08:30:00.000Z' }), NOW)).toBe(
      'revoked',
    );
  });
});

describe('sortInvites', () => {
  it('lists working links first, newest first', () => {
    const sorted = sortInvites(
      [
        invite('old', { createdAt: '2030-04-01T00:00:00.000Z' }),
        invite('revoked', { createdAt: '2030-05-01T08:59:00.000Z', revokedAt: NOW.toISOString() }),
        invite('new', { createdAt: '2030-05-01T08:58:00.000Z' }),
      ],
      NOW,
    );
    expect(sorted.map((item) => item.id)).toEqual(['new', 'old', 'revoked']);
  });
});
