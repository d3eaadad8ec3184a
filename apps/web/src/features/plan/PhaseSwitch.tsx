import type { Phase, SuggestingPolicy } from '@plenary/model';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ConfirmActions } from '../../ui/ConfirmActions.tsx';
import { ErrorMessage } from '../../ui/ErrorMessage.tsx';
import { SegmentedChoice } from '../../ui/SegmentedChoice.tsx';
import { usePlanAccess } from './PlanAccessContext.ts';
import { phaseChangeEffects } from './phaseChangeEffects.ts';

const PHASES: readonly Phase[] = ['drafting', 'review', 'final'];

/**
 * The facilitator's switch between Drafting, Review and Final. A phase change changes
 * what everyone in the room may do, so a click asks first, saying what changes for whom;
 * the pressed button is the doc's phase, shown once the server has made the change.
 */
export function PhaseSwitch({ phase, suggesting }: { phase: Phase; suggesting: SuggestingPolicy }) {
  const { t } = useTranslation();
  const { api } = usePlanAccess();
  const change = useMutation({ mutationFn: (next: Phase) => api.setPhase(next) });
  const [asking, setAsking] = useState<Phase | null>(null);
  return (
    <div className="phase-switch">
      <SegmentedChoice
        legend={t('plan.phaseSwitch')}
        options={PHASES}
        value={phase}
        label={(option) => t(`phases.${option}`)}
        disabled={change.isPending || asking !== null}
        onChoose={setAsking}
      />
      {asking && (
        <fieldset className="confirm phase-confirm" data-testid="phase-confirm">
          <legend className="confirm__question">
            {t('phaseChange.question', { phase: t(`phases.${asking}`) })}
          </legend>
          <ul className="phase-confirm__effects">
            {phaseChangeEffects(asking, suggesting).map((effect) => (
              <li key={effect}>{t(`phaseChange.${effect}`)}</li>
            ))}
          </ul>
          <ConfirmActions
            confirmLabel={t('phaseChange.confirm', { phase: t(`phases.${asking}`) })}
            tone="primary"
            onConfirm={() => {
              setAsking(null);
              change.mutate(asking);
            }}
            onCancel={() => setAsking(null)}
          />
        </fieldset>
      )}
      <ErrorMessage error={change.error} inline />
    </div>
  );
}
