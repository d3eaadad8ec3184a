import { useEffect, useState, useSyncExternalStore } from 'react';
import { takeSession } from './earlySession.ts';
import type { PlanSession, PlanSessionState } from './PlanSession.ts';

const noSubscription = () => () => {};
const nothing = () => null;

/**
 * The open plan's session (doc, connection, refusals) while the component shows the plan,
 * kept on this device per plan and participant: the one opened as the app started when
 * there is one (earlySession.ts).
 */
export function usePlanSession(
  planId: string,
  sessionToken: string,
  participantId: string,
): { state: PlanSessionState | null; session: PlanSession | null } {
  const [session, setSession] = useState<PlanSession | null>(null);
  useEffect(() => {
    const opened = takeSession({ planId, sessionToken, participantId });
    setSession(opened);
    return () => {
      setSession(null);
      opened.close();
    };
  }, [planId, sessionToken, participantId]);
  const state = useSyncExternalStore(
    session?.subscribe ?? noSubscription,
    session?.getState ?? nothing,
  );
  return { state, session };
}
