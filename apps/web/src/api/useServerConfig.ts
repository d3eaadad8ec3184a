import { type UseQueryResult, useQuery } from '@tanstack/react-query';
import { apiFetch } from './apiFetch.ts';
import type { ServerConfig } from './planTypes.ts';
import { queryKeys } from './queryKeys.ts';

/** The server's limits; they only change with a restart, so they are fetched once. */
export function useServerConfig(): UseQueryResult<ServerConfig> {
  return useQuery({
    queryKey: queryKeys.config,
    queryFn: ({ signal }) => apiFetch<ServerConfig>('/config', { signal }),
    staleTime: Number.POSITIVE_INFINITY,
  });
}
