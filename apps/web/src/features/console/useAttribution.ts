import { can } from '@plenary/model';
import { useQuery } from '@tanstack/react-query';
import type { Attribution } from '../../api/planTypes.ts';
import { queryKeys } from '../../api/queryKeys.ts';
import { usePlanAccess } from '../plan/PlanAccessContext.ts';

/** New writers appear as people join; the console checks for them this often. */
const REFRESH_MS = 15_000;

const NONE: Attribution[] = [];

/** Whose Yjs client wrote in the plan, for the facilitator and focal point (others: none). */
export function useAttribution(): Attribution[] {
  const { api, planId, actor } = usePlanAccess();
  // The same people who may present may see who wrote what (the server checks too).
  const allowed = can(actor, 'present', { phase: 'drafting' });
  const query = useQuery({
    queryKey: queryKeys.attribution(planId),
    queryFn: ({ signal }) => api.attribution(signal),
    enabled: allowed,
    refetchInterval: REFRESH_MS,
  });
  return query.data ?? NONE;
}
