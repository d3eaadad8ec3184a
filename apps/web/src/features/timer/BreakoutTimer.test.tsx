import { nextTimer, type TimerState } from '@plenary/model';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { renderMarkup } from '../../test-support/renderMarkup.tsx';
import { BreakoutTimer } from './BreakoutTimer.tsx';

const MINUTE = 60_000;
const SERVER_START = 1_000_000_000;
const timer = nextTimer(
  null,
  { action: 'start', durationMs: 10 * MINUTE, label: 'Group work' },
  SERVER_START,
) as TimerState;

afterEach(() => vi.useRealTimers());

/** The timer's markup on a device whose clock reads `localNow` and measured `offset`. */
function renderAt(localNow: number, offset: number, shown: TimerState | null = timer): string {
  vi.useFakeTimers({ now: localNow });
  return renderMarkup(<BreakoutTimer timer={shown} offset={offset} variant="header" />);
}

describe('BreakoutTimer', () => {
  it('shows the time left in server time on a device whose clock is 5 minutes ahead', () => {
    const html = renderAt(SERVER_START + 3 * MINUTE + 5 * MINUTE, -5 * MINUTE);
    expect(html).toContain('>7:00<');
    expect(html).toContain('Group work');
    expect(html).toContain('data-phase="running"');
  });

  it('says in words that time is up', () => {
    const html = renderAt(SERVER_START + 12 * MINUTE, 0);
    expect(html).toContain('data-phase="ended"');
    expect(html).toContain('Time is up');
    expect(html).toContain('>0:00<');
  });

  it('shows nothing when no timer was started', () => {
    expect(renderAt(SERVER_START, 0, null)).toBe('');
  });
});
