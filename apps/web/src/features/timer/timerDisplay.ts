import { type TimerState, timeLeft } from '@plenary/model';

/** What the breakout timer shows: counting down, held, or time is up. */
export type TimerPhase = 'running' | 'paused' | 'ended';

/** The timer as people see it at one moment. */
export interface TimerView {
  phase: TimerPhase;
  remainingMs: number;
  /** Share of the timer's length still left, 0 to 1, for the progress bar. */
  fractionLeft: number;
  /** The remaining time as the clock face shows it, e.g. `9:05` or `1:02:00`. */
  clock: string;
}

const SECOND = 1_000;

/**
 * Remaining time on a clock face. Seconds round up, so the face reads 0:00 exactly
 * when time is up and never a second early.
 */
export function formatClock(ms: number): string {
  const total = Math.ceil(Math.max(0, ms) / SECOND);
  const hours = Math.floor(total / 3_600);
  const minutes = Math.floor((total % 3_600) / 60);
  const seconds = String(total % 60).padStart(2, '0');
  return hours > 0
    ? `${hours}:${String(minutes).padStart(2, '0')}:${seconds}`
    : `${minutes}:${seconds}`;
}

/**
 * The timer at server time `serverNow`: a device computes it as `Date.now() + offset`
 * (see `collab/clockOffset.ts`), so every screen in the room shows the same time left.
 */
export function timerView(timer: TimerState, serverNow: number): TimerView {
  const remainingMs = timeLeft(timer, serverNow);
  const phase: TimerPhase =
    remainingMs <= 0 ? 'ended' : timer.endsAt === null ? 'paused' : 'running';
  const fractionLeft = timer.durationMs > 0 ? Math.min(1, remainingMs / timer.durationMs) : 0;
  return { phase, remainingMs, fractionLeft, clock: formatClock(remainingMs) };
}
