import { isPlanId } from '@plenary/model';
import { type ReactNode, useMemo } from 'react';
import { useParams } from 'react-router';
import { planApi } from '../../api/planApi.ts';
import type { PlanSession, PlanSessionState } from '../../collab/PlanSession.ts';
import { usePlanSession } from '../../collab/usePlanSession.ts';
import { PageLoading } from '../../ui/PageLoading.tsx';
import { type JoinedSession, JoinPage } from '../join/JoinPage.tsx';
import { type PlanAccess, PlanAccessContext } from './PlanAccessContext.ts';
import { MissingPlanPage } from './PlanMissing.tsx';

/** Renders an open plan: its session and state, inside the plan's access context. */
export type OpenPlanView = (session: PlanSession, state: PlanSessionState) => ReactNode;

/**
 * A page of one plan (`/plans/:planId…`): joins the plan with this device's link, opens
 * its live doc, and hands both to `children` (the plan page, the projector).
 */
export function PlanRoute({ children }: { children: OpenPlanView }) {
  const { planId = '' } = useParams();
  if (!isPlanId(planId)) return <MissingPlanPage />;
  return (
    <JoinPage planId={planId}>
      {(session) => <OpenPlan planId={planId} {...session} view={children} />}
    </JoinPage>
  );
}

function OpenPlan({
  planId,
  sessionToken,
  me,
  view,
}: { planId: string; view: OpenPlanView } & JoinedSession) {
  const { state, session } = usePlanSession(planId, sessionToken, me.participantId);
  const access = useMemo<PlanAccess>(
    () => ({
      planId,
      me,
      actor: { role: me.role, groupId: me.groupId },
      api: planApi(planId, sessionToken),
    }),
    [planId, me, sessionToken],
  );
  if (!state || !session) return <PageLoading />;
  return <PlanAccessContext value={access}>{view(session, state)}</PlanAccessContext>;
}
