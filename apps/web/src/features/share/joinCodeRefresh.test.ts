import { describe, expect, it } from 'vitest';
import { joinCodeRefreshMs } from './joinCodeRefresh.ts';

const code = (changesAt: string) => ({
  code: 'ABC234',
  joinUrl: 'http://10.0.0.2:3000/join',
  changesAt,
  validUntil: changesAt,
});
const now = Date.parse('2026-12-06T21:00:00Z');

describe('joinCodeRefreshMs', () => {
  it('asks again just after the code changes, within five minutes', () => {
    expect(joinCodeRefreshMs(code('2026-12-06T21:02:00Z'), now)).toBe(122_000);
    expect(joinCodeRefreshMs(code('2026-12-06T21:30:00Z'), now)).toBe(300_000);
  });

  it('waits a little when this clock is past the change, and not at all without a code', () => {
    expect(joinCodeRefreshMs(code('2026-12-06T20:00:00Z'), now)).toBe(5_000);
    expect(joinCodeRefreshMs(undefined, now)).toBe(false);
  });
});
