/** TanStack Query keys, in one place so that invalidations match the queries. */
export const queryKeys = {
  /** Every list of plans; `plansFor` narrows it to one administrator token. */
  plans: ['plans'] as const,
  plansFor: (adminToken: string | null) => ['plans', adminToken] as const,
  config: ['config'] as const,
  invites: (planId: string) => ['invites', planId] as const,
  joinCode: (planId: string, inviteId: string) => ['join-code', planId, inviteId] as const,
  participants: (planId: string) => ['participants', planId] as const,
  attribution: (planId: string) => ['attribution', planId] as const,
  sectionEdits: (planId: string) => ['section-edits', planId] as const,
  decisions: (planId: string) => ['decisions', planId] as const,
  /** Under the plan's decisions, so that a decision made here refreshes it too. */
  myDecisions: (planId: string) => ['decisions', planId, 'mine'] as const,
  comments: (planId: string) => ['comments', planId] as const,
  rounds: (planId: string) => ['rounds', planId] as const,
  /** The plan's versions; comparisons sit under it, so a new version refreshes them too. */
  versions: (planId: string) => ['versions', planId] as const,
  comparison: (planId: string, fromId: string, toId: string) =>
    ['versions', planId, 'compare', fromId, toId] as const,
};
