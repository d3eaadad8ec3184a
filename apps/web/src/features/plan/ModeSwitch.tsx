import type { EditingMode } from '@plenary/suggestions';
import { useTranslation } from 'react-i18next';
import { SegmentedChoice } from '../../ui/SegmentedChoice.tsx';
import { EDITING_MODES } from './editingMode.ts';

/**
 * Editing or Suggesting, like a word processor's switch. Shown to everyone who writes,
 * so members see that their changes are proposals; only those who may choose can press it.
 */
export function ModeSwitch({
  mode,
  chooses,
  onChoose,
}: {
  mode: EditingMode;
  /** May switch (focal point and facilitator). */
  chooses: boolean;
  onChoose: (mode: EditingMode) => void;
}) {
  const { t } = useTranslation();
  return (
    <div className="mode-switch" data-testid="mode-switch" data-mode={mode}>
      <SegmentedChoice
        legend={t('mode.legend')}
        options={EDITING_MODES}
        value={mode}
        label={(option) => t(`mode.${option}`)}
        disabled={!chooses}
        onChoose={onChoose}
      />
      <span className="mode-switch__hint">{t(`mode.${mode}Hint`)}</span>
    </div>
  );
}
