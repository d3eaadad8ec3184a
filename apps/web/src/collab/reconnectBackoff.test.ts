import { describe, expect, it } from 'vitest';
import { MAX_RECONNECT_MS, MIN_RECONNECT_MS, reconnectDelay } from './reconnectBackoff.ts';

describe('reconnectDelay', () => {
  it('never retries sooner than a second, nor later than the cap', () => {
    for (let attempt = 1; attempt <= 40; attempt += 1) {
      expect(reconnectDelay(attempt, () => 0)).toBe(MIN_RECONNECT_MS);
      expect(reconnectDelay(attempt, () => 0.999_999)).toBeLessThan(MAX_RECONNECT_MS);
    }
  });

  it('doubles the window with each failed attempt until the cap', () => {
    const widest = (attempt: number) => reconnectDelay(attempt, () => 0.999_999);
    expect(widest(1)).toBe(1_999);
    expect(widest(2)).toBe(2_999);
    expect(widest(3)).toBe(4_999);
    expect(widest(5)).toBe(16_999);
    expect(widest(6)).toBe(MAX_RECONNECT_MS - 1);
  });

  it('spreads a crowd over the whole window (full jitter)', () => {
    const delays = [0, 0.25, 0.5, 0.75].map((r) => reconnectDelay(4, () => r));
    expect(delays).toEqual([1_000, 3_000, 5_000, 7_000]);
  });
});
