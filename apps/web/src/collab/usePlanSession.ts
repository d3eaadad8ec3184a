import { useEffect, useState, useSyncExternalStore } from 'react';
import { PlanSession, type PlanSessionState } from './PlanSession.ts';
import { connectPlan } from './planConnection.ts';

const noSubscription = () => () => {};
const nothing = () => null;

/** The open plan's session (doc, connection, refusals) while the component shows the plan. */
export function usePlanSession(
  planId: string,
  sessionToken: string,
): { state: PlanSessionState | null; session: PlanSession | null } {
  const [session, setSession] = useState<PlanSession | null>(null);
  useEffect(() => {
    const opened = new PlanSession(() => connectPlan(planId, sessionToken));
    setSession(opened);
    return () => {
      setSession(null);
      opened.close();
    };
  }, [planId, sessionToken]);
  const state = useSyncExternalStore(
    session?.subscribe ?? noSubscription,
    session?.getState ?? nothing,
  );
  return { state, session };
}
