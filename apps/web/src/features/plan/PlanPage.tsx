import { isPlanId } from '@plenary/model';
import { useParams } from 'react-router';
import { useIdentity } from '../../collab/useIdentity.ts';
import { usePlanConnection } from '../../collab/usePlanConnection.ts';
import { AppHeader } from '../../ui/AppHeader.tsx';
import { PageLoading } from '../../ui/PageLoading.tsx';
import { PlanMissing } from './PlanMissing.tsx';
import { PlanWorkspace } from './PlanWorkspace.tsx';

/** `/plans/:planId`: opens the plan's live doc and shows it. */
export function PlanPage() {
  const { planId = '' } = useParams();
  return isPlanId(planId) ? <OpenPlan planId={planId} /> : <MissingPlanPage />;
}

function OpenPlan({ planId }: { planId: string }) {
  const connection = usePlanConnection(planId);
  const identity = useIdentity();
  if (!connection) return <PageLoading />;
  return <PlanWorkspace connection={connection} identity={identity} />;
}

function MissingPlanPage() {
  return (
    <>
      <AppHeader />
      <PlanMissing />
    </>
  );
}
