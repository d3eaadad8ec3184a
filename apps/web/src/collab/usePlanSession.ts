import { useEffect, useState, useSyncExternalStore } from 'react';
import { takeEarlySession } from './earlySession.ts';
import { localCopyName } from './LocalCopy.ts';
import { PlanSession, type PlanSessionState } from './PlanSession.ts';
import { connectPlan, syncServerUrl } from './planConnection.ts';
import { loadRefusedTextReaders } from './refusedTextReaders.ts';

export { loadRefusedTextReaders };

const noSubscription = () => () => {};
const nothing = () => null;

/**
 * The open plan's session (doc, connection, refusals) while the component shows the plan,
 * kept on this device per plan and participant: the one opened as the app started
 * (earlySession) when it was for the same token and person.
 */
export function usePlanSession(
  planId: string,
  sessionToken: string,
  participantId: string,
): { state: PlanSessionState | null; session: PlanSession | null } {
  const [session, setSession] = useState<PlanSession | null>(null);
  useEffect(() => {
    const name = localCopyName(planId, participantId);
    const opened =
      takeEarlySession(planId, sessionToken, participantId) ??
      new PlanSession(
        (after) =>
          connectPlan(planId, sessionToken, syncServerUrl(window.location), {}, { name, after }),
        loadRefusedTextReaders,
      );
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
