// @vitest-environment happy-dom
import { describe, expect, it, vi } from 'vitest';

const fetchMeEarly = vi.fn();
vi.mock('./access/earlyMe.ts', () => ({ fetchMeEarly }));
vi.mock('./features/plan/PlanPage.tsx', () => ({ PlanPage: () => null }));
vi.mock('./features/projector/ProjectorPage.tsx', () => ({ ProjectorPage: () => null }));

const { preloadPage } = await import('./App.tsx');

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
