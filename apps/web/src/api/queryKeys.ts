/** TanStack Query keys, in one place so that invalidations match the queries. */
export const queryKeys = {
  plans: ['plans'] as const,
  config: ['config'] as const,
};
