import { type UseMutationResult, useMutation, useQueryClient } from '@tanstack/react-query';
import { apiFetch } from './apiFetch.ts';
import type { NewPlan, PlanResource } from './planTypes.ts';
import { queryKeys } from './queryKeys.ts';

/** Creates a plan from a template; the plan list refreshes afterwards. */
export function useCreatePlan(): UseMutationResult<PlanResource, Error, NewPlan> {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (plan: NewPlan) => apiFetch<PlanResource>('/plans', { method: 'POST', body: plan }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.plans }),
  });
}
