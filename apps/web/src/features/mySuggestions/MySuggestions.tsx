import { formatMoment, type SectionState } from '@plenary/model';
import { useTranslation } from 'react-i18next';
import type { DecisionLogEntry } from '../../api/planTypes.ts';
import { ErrorMessage } from '../../ui/ErrorMessage.tsx';
import type { PendingSuggestion } from '../review/pendingSuggestions.ts';
import { SuggestedChange } from './SuggestedChange.tsx';

/** Where the notice of a decision takes the person. */
export const MY_SUGGESTIONS_ID = 'my-suggestions';

/**
 * This person's suggestions: those still waiting, then those decided, each with who
 * decided it and when, newest first.
 */
export function MySuggestions({
  pending,
  decisions,
  error,
  sections,
}: {
  pending: readonly PendingSuggestion[];
  decisions: readonly DecisionLogEntry[] | undefined;
  error: unknown;
  sections: readonly SectionState[];
}) {
  const { t, i18n } = useTranslation();
  const titleOf = (sectionId: string) =>
    sections.find((section) => section.id === sectionId)?.title ?? '';
  const empty = pending.length === 0 && decisions?.length === 0;
  return (
    <section
      className="my-suggestions"
      id={MY_SUGGESTIONS_ID}
      aria-labelledby="my-suggestions-heading"
      data-testid="my-suggestions"
      tabIndex={-1}
    >
      <h2 id="my-suggestions-heading" className="sidebar-heading">
        {t('mySuggestions.heading')}
      </h2>
      <ErrorMessage error={error} inline />
      {empty && <p className="muted">{t('mySuggestions.empty')}</p>}
      <ul className="my-suggestions__list">
        {pending.map((suggestion) => (
          <li key={suggestion.id} className="my-suggestions__item" data-state="pending">
            <SuggestedChange {...suggestion} />
            <span className="muted">
              {t('mySuggestions.pending')} · {titleOf(suggestion.sectionId)}
            </span>
          </li>
        ))}
        {decisions?.map((entry) => (
          <li key={entry.id} className="my-suggestions__item" data-state={entry.action}>
            <SuggestedChange {...entry} />
            <span>
              <strong className="my-suggestions__outcome">
                {t(
                  entry.action === 'accept' ? 'mySuggestions.accepted' : 'mySuggestions.rejected',
                  {
                    name: entry.decidedByName,
                  },
                )}
              </strong>{' '}
              <span className="muted">
                ·{' '}
                <time dateTime={entry.decidedAt}>
                  {formatMoment(entry.decidedAt, i18n.language)}
                </time>{' '}
                · {titleOf(entry.sectionId)}
              </span>
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}
