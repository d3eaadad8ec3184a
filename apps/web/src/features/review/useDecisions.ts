import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import type { DecisionRequest } from '../../api/planTypes.ts';
import { queryKeys } from '../../api/queryKeys.ts';
import { usePlanAccess } from '../plan/PlanAccessContext.ts';

/**
 * Sends a decision to the server, which carries it out in one change to its copy of the
 * plan. Nothing is decided here: the result arrives through Yjs like any edit. The answer
 * names the suggestions that were gone (decided or withdrawn meanwhile).
 */
export function useDecide() {
  const { api, planId } = usePlanAccess();
  const client = useQueryClient();
  return useMutation({
    mutationFn: (request: DecisionRequest) => api.decide(request),
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
