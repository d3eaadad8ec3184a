import { can, type Phase, type SuggestingPolicy } from '@plenary/model';
import { useTranslation } from 'react-i18next';
import { PhaseSwitch } from './PhaseSwitch.tsx';
import { usePlanAccess } from './PlanAccessContext.ts';
import { SuggestingPolicyControl } from './SuggestingPolicyControl.tsx';

/** The panels the facilitation controls open. */
export type FacilitationPanelName = 'share' | 'groups';

/**
 * The facilitator's controls in the sidebar: the phase, sharing links, the groups, the
 * review of suggestions, and the console (projector, timer, sections at a glance) for whoever presents.
 */
export function FacilitationPanel({
  phase,
  suggesting,
  onOpen,
  consoleOpen,
  onToggleConsole,
  pendingCount,
  reviewOpen,
  onToggleReview,
}: {
  phase: Phase;
  /** Who suggests by default in which phase, as the plan holds it. */
  suggesting: SuggestingPolicy;
  onOpen: (panel: FacilitationPanelName) => void;
  consoleOpen: boolean;
  onToggleConsole: () => void;
  /** How many suggestions wait for a decision. */
  pendingCount: number;
  reviewOpen: boolean;
  onToggleReview: () => void;
}) {
  const { t } = useTranslation();
  const { actor } = usePlanAccess();
  const setsPhase = can(actor, 'set-phase', { phase });
  const managesLinks = can(actor, 'manage-links', { phase });
  const editsStructure = can(actor, 'edit-structure', { phase });
  const presents = can(actor, 'present', { phase });
  const decides = can(actor, 'decide-suggestions', { phase });
  if (!setsPhase && !managesLinks && !editsStructure && !presents) return null;
  return (
    <section className="facilitation" aria-labelledby="facilitation-heading">
      <h2 id="facilitation-heading" className="sidebar-heading">
        {t('plan.facilitation')}
      </h2>
      {setsPhase && <PhaseSwitch phase={phase} suggesting={suggesting} />}
      {setsPhase && <SuggestingPolicyControl policy={suggesting} />}
      <div className="facilitation__buttons">
        {managesLinks && (
          <button type="button" className="button button--primary" onClick={() => onOpen('share')}>
            {t('plan.share')}
          </button>
        )}
        {editsStructure && (
          <button
            type="button"
            className="button button--secondary"
            onClick={() => onOpen('groups')}
          >
            {t('plan.groups')}
          </button>
        )}
        {decides && (
          <button
            type="button"
            className="button button--secondary"
            aria-expanded={reviewOpen}
            aria-controls="review-panel"
            data-testid="review-toggle"
            onClick={onToggleReview}
          >
            {t('review.open', { count: pendingCount })}
          </button>
        )}
        {presents && (
          <button
            type="button"
            className="button button--secondary"
            aria-expanded={consoleOpen}
            onClick={onToggleConsole}
          >
            {t('console.open')}
          </button>
        )}
      </div>
    </section>
  );
}
