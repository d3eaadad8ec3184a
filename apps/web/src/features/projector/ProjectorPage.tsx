import { PlanRoute } from '../plan/PlanRoute.tsx';
import { ProjectorView } from './ProjectorView.tsx';

/**
 * `/plans/:planId/projector`: the plan for the room's projector, joined like any plan
 * page (an observer link is meant for it; an observer link with `/projector` after the
 * plan id lands here directly).
 */
export function ProjectorPage() {
  return <PlanRoute>{(_session, state) => <ProjectorView state={state} />}</PlanRoute>;
}
