import type { Actor } from '@plenary/model';
import { createContext, useContext } from 'react';
import type { PlanApi } from '../../api/planApi.ts';
import type { Me } from '../../api/planTypes.ts';

/** Who is in the open plan and the calls they can make, for every control in it. */
export interface PlanAccess {
  planId: string;
  me: Me;
  /** `me` as the rights table sees it. */
  actor: Actor;
  api: PlanApi;
}

/** The open plan's access; provided by the plan page once the person has joined. */
export const PlanAccessContext = createContext<PlanAccess | null>(null);

/** The open plan's access; only inside the plan page. */
export function usePlanAccess(): PlanAccess {
  const access = useContext(PlanAccessContext);
  if (!access) throw new Error('usePlanAccess is used outside an open plan');
  return access;
}
