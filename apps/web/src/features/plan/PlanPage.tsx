import { PlanRoute } from './PlanRoute.tsx';
import { PlanWorkspace } from './PlanWorkspace.tsx';

/** `/plans/:planId`: joins the plan with this device's link, then opens its live doc. */
export function PlanPage() {
  return (
    <PlanRoute>{(session, state) => <PlanWorkspace session={session} state={state} />}</PlanRoute>
  );
}
