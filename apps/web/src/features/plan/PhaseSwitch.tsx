import type { Phase } from '@plenary/model';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ErrorMessage } from '../../ui/ErrorMessage.tsx';
import { SegmentedChoice } from '../../ui/SegmentedChoice.tsx';
import { usePlanAccess } from './PlanAccessContext.ts';

const PHASES: readonly Phase[] = ['drafting', 'review', 'final'];

/**
 * The facilitator's switch between Drafting, Review and Final. The pressed button is
 * the doc's phase: the change shows once the server has made it, for everyone at once.
 */
export function PhaseSwitch({ phase }: { phase: Phase }) {
  const { t } = useTranslation();
  const { api } = usePlanAccess();
  const change = useMutation({ mutationFn: (next: Phase) => api.setPhase(next) });
  return (
    <div className="phase-switch">
      <SegmentedChoice
        legend={t('plan.phaseSwitch')}
        options={PHASES}
        value={phase}
        label={(option) => t(`phases.${option}`)}
        disabled={change.isPending}
        onChoose={(option) => change.mutate(option)}
      />
      <ErrorMessage error={change.error} inline />
    </div>
  );
}
