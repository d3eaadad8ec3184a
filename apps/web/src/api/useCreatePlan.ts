import { type UseMutationResult, useMutation, useQueryClient } from '@tanstack/react-query';
import { apiFetch } from './apiFetch.ts';
import type { CreatedPlan, NewPlan } from './planTypes.ts';
import { queryKeys } from './queryKeys.ts';

/** Creates a plan from a template; the plan lists refresh afterwards. */
export function useCreatePlan(
  adminToken: string | null,
): UseMutationResult<CreatedPlan, Error, NewPlan> {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (plan: NewPlan) =>
      apiFetch<CreatedPlan>('/plans', { method: 'POST', body: plan, token: adminToken }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.plans }),
  });
}
