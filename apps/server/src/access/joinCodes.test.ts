import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { StoredInvite } from '@plenary/storage';
import { describe, expect, it } from 'vitest';
import { GuessLimiter } from './GuessLimiter.ts';
import {
  currentJoinCode,
  inviteForJoinCode,
  JOIN_CODE_WINDOW_MS,
  normalizeJoinCode,
} from './joinCodes.ts';
import { TokenVault } from './TokenVault.ts';

const vault = TokenVault.open(mkdtempSync(path.join(os.tmpdir(), 'plenary-codes-')));
const invite = (id: string, extra: Partial<StoredInvite> = {}): StoredInvite => ({
  id,
  planId: 'plan1',
  role: 'member',
  groupId: 'g1',
  tokenHash: 'h',
  sealedToken: new Uint8Array(),
  createdAt: new Date(0),
  expiresAt: null,
  revokedAt: null,
  createdBy: null,
  personName: null,
  ...extra,
});
const start = new Date(Date.UTC(2026, 11, 6, 20, 0));
const later = (ms: number) => new Date(start.getTime() + ms);

describe('join codes', () => {
  it('are accepted in their window and the next, and no later', () => {
    const invites = [invite('a'), invite('b')];
    const { code, changesAt, validUntil } = currentJoinCode(vault, 'b', start);
    expect(changesAt).toEqual(later(JOIN_CODE_WINDOW_MS));
    expect(validUntil).toEqual(later(2 * JOIN_CODE_WINDOW_MS));
    expect(inviteForJoinCode(vault, invites, code, start)?.id).toBe('b');
    expect(inviteForJoinCode(vault, invites, code, later(2 * JOIN_CODE_WINDOW_MS - 1))?.id).toBe(
      'b',
    );
    expect(inviteForJoinCode(vault, invites, code, validUntil)).toBeNull();
    expect(currentJoinCode(vault, 'b', changesAt).code).not.toBe(code);
  });

  it('agree between processes sharing the key, and differ under another key', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'plenary-codes-'));
    expect(currentJoinCode(TokenVault.open(dir), 'a', start).code).toBe(
      currentJoinCode(TokenVault.open(dir), 'a', start).code,
    );
    const other = TokenVault.open(mkdtempSync(path.join(os.tmpdir(), 'plenary-codes-')));
    expect(currentJoinCode(other, 'a', start).code).not.toBe(
      currentJoinCode(vault, 'a', start).code,
    );
  });

  it('never open an expired, revoked, facilitator or personal link', () => {
    for (const refused of [
      invite('x', { expiresAt: start }),
      invite('x', { revokedAt: start }),
      invite('x', { role: 'facilitator', groupId: null }),
      invite('x', { personName: 'Dara' }),
    ]) {
      const { code } = currentJoinCode(vault, 'x', start);
      expect(inviteForJoinCode(vault, [refused], code, start)).toBeNull();
    }
  });

  it('are read without case, spaces or dashes, and only from the alphabet', () => {
    expect(normalizeJoinCode(' ab-c 2z9 ')).toBe('ABC2Z9');
    expect(normalizeJoinCode('ABC2Z')).toBeNull();
    expect(normalizeJoinCode('ABC2Z0')).toBeNull();
    expect(normalizeJoinCode('ABCIZ9')).toBeNull();
  });
});

describe('guess limiter', () => {
  it('stops one address at its budget and everyone at the server’s, until the next minute', () => {
    const limiter = new GuessLimiter(2, 3);
    limiter.fail('venue', start);
    expect(limiter.waitFor('venue', start)).toBe(0);
    limiter.fail('venue', start);
    expect(limiter.waitFor('venue', later(30_000))).toBe(30);
    expect(limiter.waitFor('elsewhere', start)).toBe(0);
    limiter.fail('elsewhere', start);
    expect(limiter.waitFor('third', start)).toBe(60);
    expect(limiter.waitFor('venue', later(60_000))).toBe(0);
  });
});
