// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Me } from '../api/planTypes.ts';
import type { PlanConnection } from './planConnection.ts';

const kept = vi.fn<(planId: string) => Me | null>();
vi.mock('../access/keptSignIn.ts', () => ({ keptSignIn: (planId: string) => kept(planId) }));

interface FakeConnection {
  close: ReturnType<typeof vi.fn>;
  discard: ReturnType<typeof vi.fn>;
}
const opened: { args: unknown[]; connection: FakeConnection }[] = [];
vi.mock('./planConnection.ts', () => ({
  syncServerUrl: () => 'ws://test/sync',
  connectPlan: (...args: unknown[]) => {
    const events = { on: () => {}, off: () => {} };
    const connection = {
      doc: events,
      provider: events,
      close: vi.fn(),
      discard: vi.fn(async () => {}),
    };
    opened.push({ args, connection });
    return connection as unknown as PlanConnection;
  },
}));

const { EARLY_SESSION_MAX_AGE_MS, openSessionEarly, takeEarlySession } = await import(
  './earlySession.ts'
);
const { updatePlanAccess } = await import('../access/planAccess.ts');
const { localCopyName } = await import('./LocalCopy.ts');

const readers = async () => {
  throw new Error('not read here');
};

describe('the plan session opened as the app starts', () => {
  beforeEach(() => {
    localStorage.clear();
    opened.length = 0;
    kept.mockReset();
    kept.mockReturnValue({ participantId: 'p1' } as Me);
    // Nothing left over from the test before.
    takeEarlySession('none', 'none', 'none');
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('opens the kept person’s copy and socket, and hands the session over once', () => {
    updatePlanAccess('plan1', { sessionToken: 'token1' });
    openSessionEarly('plan1', '', readers, 'ws://test/sync');
    expect(opened).toHaveLength(1);
    const [planId, token, , , keep] = opened[0]?.args ?? [];
    expect([planId, token]).toEqual(['plan1', 'token1']);
    expect((keep as { name: string }).name).toBe(localCopyName('plan1', 'p1'));
    const session = takeEarlySession('plan1', 'token1', 'p1');
    expect(session?.getState().connection).toBe(opened[0]?.connection);
    expect(takeEarlySession('plan1', 'token1', 'p1')).toBeNull();
    expect(opened[0]?.connection.close).not.toHaveBeenCalled();
  });

  it('closes, and keeps the device copy of, a session for another person or token', () => {
    updatePlanAccess('plan1', { sessionToken: 'token1' });
    openSessionEarly('plan1', '', readers, 'ws://test/sync');
    expect(takeEarlySession('plan1', 'token1', 'p2')).toBeNull();
    expect(opened[0]?.connection.close).toHaveBeenCalledTimes(1);
    expect(opened[0]?.connection.discard).not.toHaveBeenCalled();
    openSessionEarly('plan1', '', readers, 'ws://test/sync');
    expect(takeEarlySession('plan1', 'token2', 'p1')).toBeNull();
    expect(opened[1]?.connection.close).toHaveBeenCalledTimes(1);
  });

  it('closes a session nobody took', () => {
    vi.useFakeTimers();
    updatePlanAccess('plan1', { sessionToken: 'token1' });
    openSessionEarly('plan1', '', readers, 'ws://test/sync');
    vi.advanceTimersByTime(EARLY_SESSION_MAX_AGE_MS);
    expect(opened[0]?.connection.close).toHaveBeenCalledTimes(1);
    expect(takeEarlySession('plan1', 'token1', 'p1')).toBeNull();
  });

  it('opens nothing without a kept sign-in, a session token, or with an invite', () => {
    openSessionEarly('plan1', '', readers, 'ws://test/sync');
    updatePlanAccess('plan1', { sessionToken: 'token1' });
    openSessionEarly('plan1', '#invite=abc', readers, 'ws://test/sync');
    kept.mockReturnValue(null);
    openSessionEarly('plan1', '', readers, 'ws://test/sync');
    expect(opened).toHaveLength(0);
  });
});
