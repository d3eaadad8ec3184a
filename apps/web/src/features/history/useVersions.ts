import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { queryKeys } from '../../api/queryKeys.ts';
import { usePlanAccess } from '../plan/PlanAccessContext.ts';

// Automatic versions are made by the server (phase changes, editing); an open history
// looks again now and then rather than missing them until the next save.
const VERSIONS_REFRESH_MS = 60_000;

/** The plan's versions, newest first. */
export function useVersions() {
  const { api, planId } = usePlanAccess();
  return useQuery({
    queryKey: queryKeys.versions(planId),
    queryFn: ({ signal }) => api.versions(signal),
    refetchInterval: VERSIONS_REFRESH_MS,
  });
}

/** Two sides to compare: version ids, `to` possibly `NOW`. */
export interface ComparisonRequest {
  fromId: string;
  toId: string;
}

/** The comparison of two versions, or of a version with now; nothing while `request` is null. */
export function useComparison(request: ComparisonRequest | null) {
  const { api, planId } = usePlanAccess();
  return useQuery({
    queryKey: queryKeys.comparison(planId, request?.fromId ?? '', request?.toId ?? ''),
    queryFn: ({ signal }) => {
      if (!request) throw new Error('useComparison ran without a request');
      return api.compareVersions(request.fromId, request.toId, signal);
    },
    enabled: request !== null,
  });
}

/**
 * A call that adds a version on the server (saving one, or a restore, which saves one
 * first); the history and every comparison with now are fetched again once it is done.
 */
function useVersionsChange<T, R>(call: (request: T) => Promise<R>) {
  const { planId } = usePlanAccess();
  const client = useQueryClient();
  return useMutation({
    mutationFn: call,
    onSettled: () => client.invalidateQueries({ queryKey: queryKeys.versions(planId) }),
  });
}

/** Saves a named version of the plan as it is now. */
export function useSaveVersion() {
  const { api } = usePlanAccess();
  return useVersionsChange((name: string) => api.saveVersion(name));
}

/** What to restore: a version, and one section of it or (without `sectionId`) the whole plan. */
export interface RestoreRequest {
  versionId: string;
  sectionId?: string;
}

/**
 * Restores a section or the plan to a version. The server changes the live doc, so the
 * editors show the old text through Yjs like any edit.
 */
export function useRestore() {
  const { api } = usePlanAccess();
  return useVersionsChange(({ versionId, sectionId }: RestoreRequest) =>
    api.restoreVersion(versionId, sectionId),
  );
}
