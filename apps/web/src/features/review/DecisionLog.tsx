import { formatMoment, type GroupState, type SectionState } from '@plenary/model';
import { useTranslation } from 'react-i18next';
import type { DecisionLogEntry } from '../../api/planTypes.ts';
import { ErrorMessage } from '../../ui/ErrorMessage.tsx';

/** The decisions made so far, newest first (as the server lists them): who decided what, whose it was, and when. */
export function DecisionLog({
  entries,
  error,
  sections,
  groups,
}: {
  entries: readonly DecisionLogEntry[] | undefined;
  error: unknown;
  sections: readonly SectionState[];
  groups: readonly GroupState[];
}) {
  const { t, i18n } = useTranslation();
  return (
    <details className="review-log" data-testid="decision-log">
      <summary>{t('review.log')}</summary>
      <ErrorMessage error={error} inline />
      {entries && entries.length === 0 && <p className="muted">{t('review.logEmpty')}</p>}
      <ol className="review-log__list">
        {entries?.map((entry) => {
          const section = sections.find((candidate) => candidate.id === entry.sectionId);
          const group = groups.find((candidate) => candidate.id === entry.groupId);
          const what = t(entry.action === 'accept' ? 'review.logAccepted' : 'review.logRejected', {
            decider: entry.decidedByName,
            author: entry.authorName,
          });
          return (
            <li key={entry.id} className="review-log__entry" data-action={entry.action}>
              <span>{what}</span>
              <span className="review-log__text">
                {entry.deletedText && <del>{entry.deletedText}</del>}{' '}
                {entry.insertedText && <ins>{entry.insertedText}</ins>}
              </span>
              <span className="muted">
                {[section?.title, group?.name ?? t('plan.plenary')].filter(Boolean).join(' · ')} ·{' '}
                <time dateTime={entry.decidedAt}>
                  {formatMoment(entry.decidedAt, i18n.language)}
                </time>
              </span>
            </li>
          );
        })}
      </ol>
    </details>
  );
}
