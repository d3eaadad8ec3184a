// @vitest-environment happy-dom
import { describe, expect, it, vi } from 'vitest';

const fetchMeEarly = vi.fn();
vi.mock('./access/earlyMe.ts', () => ({ fetchMeEarly }));
vi.mock('./features/plan/PlanPage.tsx', () => ({ PlanPage: () => null }));
vi.mock('./features/projector/ProjectorPage.tsx', () => ({ ProjectorPage: () => null }));
const openSessionEarly = vi.fn();
vi.mock('./collab/earlySession.ts', () => ({ openSessionEarly }));

const { preloadPage } = await import('./App.tsx');
const { updatePlanAccess } = await import('./access/planAccess.ts');

describe('preloadPage', () => {
  it("asks for the session of a plan's address at once, before any chunk has arrived", () => {
    preloadPage({ pathname: '/plans/abc123', hash: '#x' });
    expect(fetchMeEarly).toHaveBeenCalledWith('abc123', '#x');
    preloadPage({ pathname: '/plans/abc123/projector', hash: '' });
    expect(fetchMeEarly).toHaveBeenLastCalledWith('abc123', '');
  });

  it('asks nothing on other pages', () => {
    fetchMeEarly.mockClear();
    preloadPage({ pathname: '/', hash: '' });
    preloadPage({ pathname: '/join', hash: '' });
    expect(fetchMeEarly).not.toHaveBeenCalled();
  });
});

describe('the session opened as the app starts', () => {
  const signedIn = (planId: string, sessionToken: string, participantId: string) =>
    localStorage.setItem(
      'plenary.signedIn',
      JSON.stringify({ [planId]: { sessionToken, me: { participantId } } }),
    );

  it('opens for the session this device holds, where who it is was confirmed before', async () => {
    localStorage.clear();
    updatePlanAccess('abc123', { sessionToken: 'token1' });
    signedIn('abc123', 'token1', 'ana');
    preloadPage({ pathname: '/plans/abc123/projector', hash: '' });
    await vi.waitFor(() =>
      expect(openSessionEarly).toHaveBeenCalledWith({
        planId: 'abc123',
        sessionToken: 'token1',
        participantId: 'ana',
      }),
    );
  });

  it('waits for the join flow with an invite in the address, or a sign-in of another token', async () => {
    openSessionEarly.mockClear();
    localStorage.clear();
    updatePlanAccess('abc123', { sessionToken: 'token1' });
    signedIn('abc123', 'token1', 'ana');
    preloadPage({ pathname: '/plans/abc123', hash: '#invite=new-link' });
    signedIn('abc123', 'token0', 'ana');
    preloadPage({ pathname: '/plans/abc123', hash: '' });
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(openSessionEarly).not.toHaveBeenCalled();
  });
});
