import {
  type Actor,
  DEFAULT_SUGGESTING_POLICY,
  type Phase,
  type SuggestingPolicy,
  suggestsByDefault,
} from '@plenary/model';
import { useTranslation } from 'react-i18next';

/**
 * One sentence above the text when this person's role and the phase change what their
 * typing does: observers read only, changes made while suggesting by default are proposals,
 * Final is final.
 */
export function PlanNote({
  actor,
  phase,
  policy = DEFAULT_SUGGESTING_POLICY,
}: {
  actor: Actor;
  phase: Phase;
  policy?: SuggestingPolicy;
}) {
  const { t } = useTranslation();
  const note =
    actor.role === 'observer'
      ? t('plan.observerNote')
      : suggestsByDefault(actor, phase, policy)
        ? t('plan.reviewNote')
        : actor.role === 'member' && phase === 'final'
          ? t('plan.finalNote')
          : null;
  if (note === null) return null;
  return (
    <p className="plan-note" data-testid="plan-note" role="status">
      {note}
    </p>
  );
}
