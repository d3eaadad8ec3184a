import type { PresentationState, SectionState } from '@plenary/model';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ErrorMessage } from '../../ui/ErrorMessage.tsx';
import { usePlanAccess } from './PlanAccessContext.ts';

/**
 * Puts a section on the room's projectors. Pressed while the projectors show this
 * section; the doc says so, so every presenter sees the same.
 */
export function PresentButton({
  section,
  presentation,
}: {
  section: SectionState;
  presentation: PresentationState;
}) {
  const { t } = useTranslation();
  const { api } = usePlanAccess();
  const present = useMutation({
    mutationFn: () => api.present({ mode: 'section', sectionId: section.id }),
  });
  const shown = presentation.mode === 'section' && presentation.sectionId === section.id;
  return (
    <>
      {shown && (
        <span className="status-chip status-chip--projector" data-testid="section-on-projector">
          {t('present.onProjector')}
        </span>
      )}
      <button
        type="button"
        className="button button--small present-button"
        aria-label={t('present.presentSection', { title: section.title })}
        aria-pressed={shown}
        disabled={present.isPending}
        onClick={() => present.mutate()}
      >
        {t('present.present')}
      </button>
      <ErrorMessage error={present.error} inline />
    </>
  );
}
