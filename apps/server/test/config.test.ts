import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../src/config.ts';

describe('AUTO_VERSION_MINUTES', () => {
  const minutes = (value?: string) =>
    loadConfig(value === undefined ? {} : { AUTO_VERSION_MINUTES: value }, '/srv')
      .autoVersionMinutes;

  it('is 10 minutes unless set, takes fractions, and 0 turns activity versions off', () => {
    expect(minutes()).toBe(10);
    expect(minutes('')).toBe(10);
    expect(minutes('0.5')).toBe(0.5);
    expect(minutes('0')).toBe(0);
  });

  it('refuses what is not a number of minutes, naming the variable', () => {
    for (const value of ['-1', 'ten', '20000']) {
      expect(() => minutes(value)).toThrow(ConfigError);
      expect(() => minutes(value)).toThrow(/AUTO_VERSION_MINUTES must be a number of minutes/);
    }
  });
});

describe('REFILL_BEFORE_RECONNECT_PERCENT', () => {
  const share = (value?: string) =>
    loadConfig(value === undefined ? {} : { REFILL_BEFORE_RECONNECT_PERCENT: value }, '/srv')
      .fairShare.refillBeforeReconnect;

  it('is half unless set, a share of the budgets, and 0 lets a participant back once not in debt', () => {
    expect(share()).toBe(0.5);
    expect(share('100')).toBe(1);
    expect(share('0')).toBe(0);
    expect(() => share('150')).toThrow(/REFILL_BEFORE_RECONNECT_PERCENT must be a whole number/);
  });
});

describe('DATABASE_URL and REDIS_URL', () => {
  const DATABASE_URL = 'postgres://plenary:secret@db:5432/plenary';
  const REDIS_URL = 'redis://redis:6379';

  it('keep the embedded SQLite database when neither is set', () => {
    expect(loadConfig({}, '/srv').scaleOut).toBeNull();
    expect(loadConfig({ DATABASE_URL: '', REDIS_URL: '' }, '/srv').scaleOut).toBeNull();
  });

  it('select PostgreSQL and Redis together', () => {
    expect(loadConfig({ DATABASE_URL, REDIS_URL }, '/srv').scaleOut).toEqual({
      databaseUrl: DATABASE_URL,
      redisUrl: REDIS_URL,
    });
  });

  it('refuse to start with one and not the other, saying which is missing and what to do', () => {
    expect(() => loadConfig({ DATABASE_URL }, '/srv')).toThrow(
      /DATABASE_URL is set but REDIS_URL is not.*set REDIS_URL.*or unset DATABASE_URL/,
    );
    expect(() => loadConfig({ REDIS_URL }, '/srv')).toThrow(
      /REDIS_URL is set but DATABASE_URL is not.*set DATABASE_URL.*or unset REDIS_URL/,
    );
  });

  it('refuse what is not a PostgreSQL or Redis URL, without printing the password', () => {
    const wrong = () => loadConfig({ DATABASE_URL: 'mysql://u:secret@db/x', REDIS_URL }, '/srv');
    expect(wrong).toThrow(ConfigError);
    expect(wrong).toThrow(/DATABASE_URL must be a URL such as postgres:/);
    expect(wrong).not.toThrow(/secret/);
    expect(() => loadConfig({ DATABASE_URL, REDIS_URL: 'http://redis' }, '/srv')).toThrow(
      /REDIS_URL must be a URL such as redis:/,
    );
  });
});
