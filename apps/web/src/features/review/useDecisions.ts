import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import { queryKeys } from '../../api/queryKeys.ts';
import { usePlanAccess } from '../plan/PlanAccessContext.ts';
import type { SectionDecisionRequest } from './pendingSuggestions.ts';

/**
 * Sends decisions to the server, one section after another. Nothing is decided here:
 * the server changes its doc and the result arrives through Yjs like any edit.
 */
export function useDecide() {
  const { api, planId } = usePlanAccess();
  const client = useQueryClient();
  return useMutation({
    mutationFn: async (requests: readonly SectionDecisionRequest[]) => {
      for (const { sectionId, ...request } of requests) await api.decide(sectionId, request);
    },
    onSettled: () => client.invalidateQueries({ queryKey: queryKeys.decisions(planId) }),
  });
}

/**
 * The plan's decision log. It is fetched again whenever the pending suggestions change,
 * so decisions made on another device show up too.
 */
export function useDecisionLog(pendingKey: string) {
  const { api, planId } = usePlanAccess();
  const client = useQueryClient();
  const log = useQuery({
    queryKey: queryKeys.decisions(planId),
    queryFn: ({ signal }) => api.decisions(signal),
  });
  const seen = useRef(pendingKey);
  useEffect(() => {
    if (seen.current === pendingKey) return;
    seen.current = pendingKey;
    void client.invalidateQueries({ queryKey: queryKeys.decisions(planId) });
  });
  return log;
}
