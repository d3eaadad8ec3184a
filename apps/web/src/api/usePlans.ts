import { type UseQueryResult, useQuery } from '@tanstack/react-query';
import { ApiError } from './ApiError.ts';
import { apiFetch } from './apiFetch.ts';
import type { PlanSummary } from './planTypes.ts';
import { queryKeys } from './queryKeys.ts';

/** The code of the 401 a server with an administrator token answers without it. */
export const ADMIN_TOKEN_REQUIRED = 'admin-token-required';

/** True for the error of a server that wants its administrator token. */
export const needsAdminToken = (error: unknown): boolean =>
  error instanceof ApiError && error.code === ADMIN_TOKEN_REQUIRED;

/** The code of the 403 a server without an administrator token answers: it lists no plans. */
export const PLAN_LIST_OFF = 'plan-list-off';

/** True for the error of a server that lists its plans to no one (it has no admin token). */
export const planListOff = (error: unknown): boolean =>
  error instanceof ApiError && error.code === PLAN_LIST_OFF;

/**
 * The plans on this server, for the start page. Only a server with an administrator
 * token lists them, and only to someone who has it.
 */
export function usePlans(adminToken: string | null): UseQueryResult<PlanSummary[]> {
  return useQuery({
    queryKey: queryKeys.plansFor(adminToken),
    queryFn: async ({ signal }) =>
      (await apiFetch<{ plans: PlanSummary[] }>('/plans', { token: adminToken, signal })).plans,
    // Asking again without the token cannot succeed; a network failure may.
    retry: (failures, error) => !needsAdminToken(error) && !planListOff(error) && failures < 2,
  });
}
