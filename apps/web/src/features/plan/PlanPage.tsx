import { isPlanId } from '@plenary/model';
import { useMemo } from 'react';
import { useParams } from 'react-router';
import { planApi } from '../../api/planApi.ts';
import { usePlanSession } from '../../collab/usePlanSession.ts';
import { PageLoading } from '../../ui/PageLoading.tsx';
import { type JoinedSession, JoinPage } from '../join/JoinPage.tsx';
import { type PlanAccess, PlanAccessContext } from './PlanAccessContext.ts';
import { MissingPlanPage } from './PlanMissing.tsx';
import { PlanWorkspace } from './PlanWorkspace.tsx';

/** `/plans/:planId`: joins the plan with this device's link, then opens its live doc. */
export function PlanPage() {
  const { planId = '' } = useParams();
  if (!isPlanId(planId)) return <MissingPlanPage />;
  return (
    <JoinPage planId={planId}>{(session) => <OpenPlan planId={planId} {...session} />}</JoinPage>
  );
}

function OpenPlan({ planId, sessionToken, me }: { planId: string } & JoinedSession) {
  const { state, session } = usePlanSession(planId, sessionToken);
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
  return (
    <PlanAccessContext value={access}>
      <PlanWorkspace session={session} state={state} />
    </PlanAccessContext>
  );
}
