import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  EARLY_SESSION_WAIT_MS,
  openSessionEarly,
  resetEarlySession,
  type SessionKey,
  takeSession,
} from './earlySession.ts';
import type { PlanSession } from './PlanSession.ts';

/** Stands in for PlanSession: only which key it was opened for, and whether it was closed. */
function sessions() {
  const opened: { key: SessionKey; closed: boolean }[] = [];
  const open = (key: SessionKey) => {
    const made = { key, closed: false };
    opened.push(made);
    return {
      made,
      close() {
        made.closed = true;
      },
    } as unknown as PlanSession;
  };
  return { opened, open };
}

const ana: SessionKey = { planId: 'plan1', sessionToken: 'token1', participantId: 'ana' };

afterEach(() => {
  resetEarlySession();
  vi.useRealTimers();
});

describe('a plan session opened as the app starts', () => {
  it('is the one the page takes for the same plan, token and participant', () => {
    const { opened, open } = sessions();
    openSessionEarly(ana, open);
    const taken = takeSession({ ...ana }, open);
    expect(opened).toHaveLength(1);
    expect(taken).toMatchObject({ made: opened[0] });
    expect(opened[0]?.closed).toBe(false);
    // Taken once: the next page (the plan opened again) opens its own.
    takeSession(ana, open);
    expect(opened).toHaveLength(2);
  });

  it('is closed, and a new one opened, when the page is someone else', () => {
    const { opened, open } = sessions();
    openSessionEarly(ana, open);
    takeSession({ ...ana, participantId: 'bopha' }, open);
    expect(opened.map((session) => [session.key.participantId, session.closed])).toEqual([
      ['ana', true],
      ['bopha', false],
    ]);
  });

  it('is not opened once the page has opened its own', () => {
    const { opened, open } = sessions();
    takeSession(ana, open);
    openSessionEarly(ana, open);
    expect(opened).toHaveLength(1);
  });

  it('is closed when no page takes it in time', () => {
    vi.useFakeTimers();
    const { opened, open } = sessions();
    openSessionEarly(ana, open);
    vi.advanceTimersByTime(EARLY_SESSION_WAIT_MS - 1);
    expect(opened[0]?.closed).toBe(false);
    vi.advanceTimersByTime(1);
    expect(opened[0]?.closed).toBe(true);
    takeSession(ana, open);
    expect(opened).toHaveLength(2);
  });
});
