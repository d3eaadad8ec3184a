import type { Phase } from '@plenary/model';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ErrorMessage } from '../../ui/ErrorMessage.tsx';
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
      <fieldset className="segmented">
        <legend className="visually-hidden">{t('plan.phaseSwitch')}</legend>
        {PHASES.map((option) => (
          <button
            key={option}
            type="button"
            className="segmented__button"
            aria-pressed={phase === option}
            disabled={change.isPending}
            onClick={() => {
              if (option !== phase) change.mutate(option);
            }}
          >
            {t(`phases.${option}`)}
          </button>
        ))}
      </fieldset>
      <ErrorMessage error={change.error} inline />
    </div>
  );
}
