import { nextTimer, type TimerState } from '@plenary/model';
import { describe, expect, it } from 'vitest';
import { offsetFromSamples } from '../../collab/clockOffset.ts';
import { formatClock, timerView } from './timerDisplay.ts';

const MINUTE = 60_000;

describe('formatClock', () => {
  it('rounds seconds up, so 0:00 shows only when time is up', () => {
    expect(formatClock(10 * MINUTE)).toBe('10:00');
    expect(formatClock(65_001)).toBe('1:06');
    expect(formatClock(999)).toBe('0:01');
    expect(formatClock(0)).toBe('0:00');
    expect(formatClock(-5_000)).toBe('0:00');
  });

  it('shows hours when the timer is that long', () => {
    expect(formatClock(62 * MINUTE)).toBe('1:02:00');
  });
});

describe('timerView', () => {
  const started = nextTimer(null, { action: 'start', durationMs: 10 * MINUTE }, 1_000_000);
  if (!started) throw new Error('a started timer');

  it('counts down in server time', () => {
    expect(timerView(started, 1_000_000 + 4 * MINUTE)).toEqual({
      phase: 'running',
      remainingMs: 6 * MINUTE,
      fractionLeft: 0.6,
      clock: '6:00',
    });
  });

  it('holds while paused and ends at zero', () => {
    const paused = nextTimer(started, { action: 'pause' }, 1_000_000 + MINUTE) as TimerState;
    expect(timerView(paused, 1_000_000 + 50 * MINUTE)).toMatchObject({
      phase: 'paused',
      clock: '9:00',
    });
    expect(timerView(started, 1_000_000 + 11 * MINUTE)).toMatchObject({
      phase: 'ended',
      remainingMs: 0,
      fractionLeft: 0,
      clock: '0:00',
    });
  });

  it('shows the same time left on two devices whose clocks differ by minutes', () => {
    const serverAt = 5_000_000;
    const timer = nextTimer(
      null,
      { action: 'start', durationMs: 10 * MINUTE },
      serverAt,
    ) as TimerState;
    // Three minutes after the start; one device is 5 minutes ahead, the other 2 behind.
    const serverNow = serverAt + 3 * MINUTE;
    const devices = [5 * MINUTE, -2 * MINUTE].map((skew) => {
      const localNow = serverNow + skew;
      // Each measured the skew with a 30 ms round trip.
      const offset = offsetFromSamples([
        { sentAt: localNow - 30, receivedAt: localNow, serverNow: serverNow - 15 },
      ]);
      return timerView(timer, localNow + (offset ?? 0)).clock;
    });
    expect(devices).toEqual(['7:00', '7:00']);
    // Read against its own clock, the device that runs ahead would be 5 minutes short.
    expect(timerView(timer, serverNow + 5 * MINUTE).clock).toBe('2:00');
  });
});
