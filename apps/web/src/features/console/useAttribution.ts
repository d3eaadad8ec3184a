import { can } from '@plenary/model';
import { useQuery } from '@tanstack/react-query';
import type { Attribution, SectionEdit } from '../../api/planTypes.ts';
import { queryKeys } from '../../api/queryKeys.ts';
import { usePlanAccess } from '../plan/PlanAccessContext.ts';

/** New writers appear as people join; the console checks for them this often. */
const REFRESH_MS = 15_000;
/** "Last edit by" is a glance at who is working where: a few seconds behind is fine. */
const EDITS_REFRESH_MS = 5_000;

const NONE: Attribution[] = [];
const NO_EDITS: SectionEdit[] = [];

/** The same people who may present may see who wrote what (the server checks too). */
const seesWriters = (actor: Parameters<typeof can>[0]) =>
  can(actor, 'present', { phase: 'drafting' });

/** Whose Yjs client wrote in the plan, for the facilitator and focal point (others: none). */
export function useAttribution(): Attribution[] {
  const { api, planId, actor } = usePlanAccess();
  const allowed = seesWriters(actor);
  const query = useQuery({
    queryKey: queryKeys.attribution(planId),
    queryFn: ({ signal }) => api.attribution(signal),
    enabled: allowed,
    refetchInterval: REFRESH_MS,
  });
  return query.data ?? NONE;
}

/**
 * Who last changed each section and when, as the server saw the updates arrive (typing,
 * deleting, formatting or suggesting alike), for the facilitator and focal point.
 */
export function useSectionEdits(): SectionEdit[] {
  const { api, planId, actor } = usePlanAccess();
  const query = useQuery({
    queryKey: queryKeys.sectionEdits(planId),
    queryFn: ({ signal }) => api.sectionEdits(signal),
    enabled: seesWriters(actor),
    refetchInterval: EDITS_REFRESH_MS,
  });
  return query.data ?? NO_EDITS;
}
