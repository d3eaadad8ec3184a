import { useEffect, useState, useSyncExternalStore } from 'react';
import { JoinFlow, type JoinState } from './JoinFlow.ts';
import { signInKeptOffline } from './keptSignIn.ts';
import { takeInviteFromAddress } from './planAccess.ts';

const CHECKING: JoinState = { step: 'checking' };
const noSubscription = () => () => {};

/**
 * Joins the plan with what this device holds: an invite in the address (taken out of it
 * first), a stored session, or a stored invite. Returns the state and the flow to act on.
 */
export function useJoinFlow(planId: string): { state: JoinState; flow: JoinFlow | null } {
  const [flow, setFlow] = useState<JoinFlow | null>(null);
  useEffect(() => {
    takeInviteFromAddress(planId, window.location, window.history);
    const started = new JoinFlow(planId, signInKeptOffline());
    setFlow(started);
    void started.start();
    return () => {
      setFlow(null);
      started.dispose();
    };
  }, [planId]);
  const state = useSyncExternalStore(
    flow?.subscribe ?? noSubscription,
    flow?.getState ?? (() => CHECKING),
  );
  return { state, flow };
}
