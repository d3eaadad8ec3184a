// @vitest-environment happy-dom
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { Me } from '../api/planTypes.ts';

const fetchMe = vi.fn<(planId: string, token: string) => Promise<Me>>();
vi.mock('../api/planApi.ts', () => ({
  fetchMe: (planId: string, token: string) => fetchMe(planId, token),
}));

const { fetchMeEarly, fetchMeOnce } = await import('./earlyMe.ts');
const { updatePlanAccess } = await import('./planAccess.ts');

const me = { participantId: 'p1' } as Me;

describe('GET /me asked for early', () => {
  beforeEach(() => {
    localStorage.clear();
    fetchMe.mockReset();
    fetchMe.mockResolvedValue(me);
    // Nothing left over from the test before.
    void fetchMeOnce('none', 'none').catch(() => {});
    fetchMe.mockClear();
  });

  it('answers the join flow with the early request for the same plan and token, once', async () => {
    updatePlanAccess('plan1', { sessionToken: 'token1' });
    fetchMeEarly('plan1', '', 1_000);
    expect(fetchMe).toHaveBeenCalledTimes(1);
    await expect(fetchMeOnce('plan1', 'token1', 2_000)).resolves.toBe(me);
    expect(fetchMe).toHaveBeenCalledTimes(1);
    await fetchMeOnce('plan1', 'token1', 2_000);
    expect(fetchMe).toHaveBeenCalledTimes(2);
  });

  it('asks again for another token, or when the early answer is old', async () => {
    updatePlanAccess('plan1', { sessionToken: 'token1' });
    fetchMeEarly('plan1', '', 1_000);
    await fetchMeOnce('plan1', 'token2', 2_000);
    expect(fetchMe).toHaveBeenLastCalledWith('plan1', 'token2');
    fetchMeEarly('plan1', '', 1_000);
    await fetchMeOnce('plan1', 'token1', 60_000);
    expect(fetchMe).toHaveBeenCalledTimes(4);
  });

  it('asks nothing early without a session token, or with an invite in the address', () => {
    fetchMeEarly('plan1', '', 1_000);
    updatePlanAccess('plan1', { sessionToken: 'token1' });
    fetchMeEarly('plan1', '#invite=abc', 1_000);
    expect(fetchMe).not.toHaveBeenCalled();
  });
});
