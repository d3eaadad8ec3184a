import { can, type Phase } from '@plenary/model';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { queryKeys } from '../../api/queryKeys.ts';
import { ErrorMessage } from '../../ui/ErrorMessage.tsx';
import { usePlanAccess } from '../plan/PlanAccessContext.ts';
import { CompareForm } from './CompareForm.tsx';
import { SaveVersionForm } from './SaveVersionForm.tsx';
import { type ComparisonRequest, useVersions } from './useVersions.ts';

/**
 * The plan's history beside the text, for everyone who reads it: the versions with who
 * saved them and when, the choice of what to compare, and for the facilitator and focal
 * points a form to save a named version.
 */
export function HistoryPanel({
  phase,
  onCompare,
}: {
  phase: Phase;
  onCompare: (request: ComparisonRequest) => void;
}) {
  const { t } = useTranslation();
  const { actor, planId } = usePlanAccess();
  const client = useQueryClient();
  const versions = useVersions();

  const compare = (request: ComparisonRequest) => {
    // Pressing Compare again asks again: "now" has moved on since the last answer.
    void client.invalidateQueries({
      queryKey: queryKeys.comparison(planId, request.fromId, request.toId),
    });
    onCompare(request);
  };

  return (
    <section
      className="side-panel history-panel"
      aria-labelledby="history-heading"
      data-testid="history-panel"
    >
      <h2 id="history-heading" className="side-panel__heading">
        {t('history.heading')}
      </h2>
      {can(actor, 'save-version', { phase }) && <SaveVersionForm />}
      <ErrorMessage error={versions.error} />
      {versions.isPending ? (
        <p className="muted">{t('common.loading')}</p>
      ) : (
        <CompareForm versions={versions.data ?? []} onCompare={compare} />
      )}
    </section>
  );
}
