import { useEffect, useState, useSyncExternalStore } from 'react';
import { localCopyName } from './LocalCopy.ts';
import { PlanSession, type PlanSessionState, type RefusedTextReaders } from './PlanSession.ts';
import { connectPlan, syncServerUrl } from './planConnection.ts';

/** The readers of a refused doc's text, loaded on first use: they bring the editor's schema. */
export async function loadRefusedTextReaders(): Promise<RefusedTextReaders> {
  const [{ sectionTexts }, { planMarkdown }] = await Promise.all([
    import('./sectionTexts.ts'),
    import('./planMarkdown.ts'),
  ]);
  return { sectionTexts, planMarkdown };
}

const noSubscription = () => () => {};
const nothing = () => null;

/**
 * The open plan's session (doc, connection, refusals) while the component shows the plan,
 * kept on this device per plan and participant.
 */
export function usePlanSession(
  planId: string,
  sessionToken: string,
  participantId: string,
): { state: PlanSessionState | null; session: PlanSession | null } {
  const [session, setSession] = useState<PlanSession | null>(null);
  useEffect(() => {
    const name = localCopyName(planId, participantId);
    const opened = new PlanSession(
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
