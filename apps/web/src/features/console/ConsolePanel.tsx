import { can, type PlanState, type PresentationState, type TimerState } from '@plenary/model';
import { useTranslation } from 'react-i18next';
import type { PlanConnection } from '../../collab/planConnection.ts';
import type { OnlineUser } from '../../collab/useOnlineUsers.ts';
import { usePlanAccess } from '../plan/PlanAccessContext.ts';
import { OnlineByGroup } from './OnlineByGroup.tsx';
import { ProjectorControls } from './ProjectorControls.tsx';
import { SectionOverview } from './SectionOverview.tsx';
import { TimerControls } from './TimerControls.tsx';

/**
 * The facilitator's console above the plan: the projector, the breakout timer, every
 * section at a glance and who is online per group. It sits beside the text rather than
 * over it, so the facilitator can present by scrolling the plan (follow mode).
 */
export function ConsolePanel({
  plan,
  presentation,
  timer,
  connection,
  users,
}: {
  plan: PlanState;
  presentation: PresentationState;
  timer: TimerState | null;
  connection: PlanConnection;
  users: OnlineUser[];
}) {
  const { t } = useTranslation();
  const { actor } = usePlanAccess();
  // The timer is the facilitator's, as the phase is (the server checks the same right).
  const runsTimer = can(actor, 'set-phase', { phase: plan.phase });
  return (
    <section
      className="console card"
      id="console"
      data-testid="console"
      aria-labelledby="console-heading"
    >
      <h2 id="console-heading">{t('console.heading')}</h2>
      <div className="console__columns">
        <ProjectorControls
          plan={plan}
          presentation={presentation}
          awareness={connection.provider.awareness}
          users={users}
        />
        {runsTimer && <TimerControls timer={timer} />}
      </div>
      <SectionOverview plan={plan} doc={connection.doc} users={users} />
      <OnlineByGroup users={users} groups={plan.groups} />
    </section>
  );
}
