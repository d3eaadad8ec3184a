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
