import { type UseQueryResult, useQuery } from '@tanstack/react-query';
import { apiFetch } from './apiFetch.ts';
import type { PlanSummary } from './planTypes.ts';
import { queryKeys } from './queryKeys.ts';

/** The plans on this server, for the start page. */
export function usePlans(): UseQueryResult<PlanSummary[]> {
  return useQuery({
    queryKey: queryKeys.plans,
    queryFn: async ({ signal }) =>
      (await apiFetch<{ plans: PlanSummary[] }>('/plans', { signal })).plans,
  });
}
