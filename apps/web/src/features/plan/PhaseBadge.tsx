import type { Phase } from '@plenary/model';
import { useTranslation } from 'react-i18next';

/** The plan's phase, in the header for everyone: it decides who may write where. */
export function PhaseBadge({ phase }: { phase: Phase }) {
  const { t } = useTranslation();
  return (
    <p className="phase-badge" data-phase={phase}>
      <span className="visually-hidden">{t('plan.phaseLabel')} </span>
      <span data-testid="phase">{t(`phases.${phase}`)}</span>
    </p>
  );
}
