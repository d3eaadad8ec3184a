import { useQuery } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { queryKeys } from '../../api/queryKeys.ts';
import { usePlanAccess } from '../plan/PlanAccessContext.ts';
import { joinCodeRefreshMs } from './joinCodeRefresh.ts';

/** A link as it is handed over: its address, whom it is for, and the invite behind it. */
export interface HandedLink {
  url: string;
  label: string;
  /** The invite whose short join code is offered too, or null for a link without one. */
  inviteId: string | null;
}

/**
 * The short way in for those who cannot scan: the address to type and the link's join
 * code, kept current as the code changes every 30 minutes. Shows `fallback` (the long
 * address) while there is no code: a link without one, or no answer from the server.
 */
export function JoinCodeHint({
  inviteId,
  hint,
  fallback,
  className,
}: {
  inviteId: string | null;
  /** What to do with the address and code, in a sentence. */
  hint: string;
  fallback: ReactNode;
  className: string;
}) {
  const { api, planId } = usePlanAccess();
  const joinCode = useQuery({
    queryKey: queryKeys.joinCode(planId, inviteId ?? ''),
    queryFn: ({ signal }) => api.joinCode(inviteId ?? '', signal),
    enabled: inviteId !== null,
    retry: false,
    refetchInterval: (query) => joinCodeRefreshMs(query.state.data, Date.now()),
  });
  if (!joinCode.data) return fallback;
  const { code, joinUrl } = joinCode.data;
  return (
    <div className={className} data-testid="join-code-hint">
      <p>{hint}</p>
      <p className={`${className}__address`} data-testid="join-code-address">
        {joinUrl.replace(/^https?:\/\//, '')}
      </p>
      <p className={`${className}__code`} data-testid="join-code">
        {code}
      </p>
    </div>
  );
}
