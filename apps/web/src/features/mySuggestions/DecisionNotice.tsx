import { useTranslation } from 'react-i18next';
import type { DecisionLogEntry } from '../../api/planTypes.ts';
import { MY_SUGGESTIONS_ID } from './MySuggestions.tsx';

/** Long suggestions are named by their start. */
const EXCERPT_CHARS = 60;

const excerpt = (whole: string) => {
  // A suggestion typed at the end of a sentence starts with its space.
  const text = whole.trim();
  return text.length > EXCERPT_CHARS ? `${text.slice(0, EXCERPT_CHARS).trimEnd()}…` : text;
};

/**
 * A quiet line that a suggestion of this person's was decided: a polite live region, so a
 * screen reader says it when the reader pauses, and nothing takes the focus from the text.
 */
export function DecisionNotice({
  news,
  onDismiss,
}: {
  news: readonly DecisionLogEntry[];
  onDismiss: () => void;
}) {
  const { t } = useTranslation();
  const [latest] = news;
  const text = !latest
    ? ''
    : news.length > 1
      ? t('mySuggestions.noticeMany', { count: news.length })
      : t(
          latest.action === 'accept'
            ? 'mySuggestions.noticeAccepted'
            : 'mySuggestions.noticeRejected',
          {
            text: excerpt(latest.insertedText || latest.deletedText),
            name: latest.decidedByName,
          },
        );
  // The live region stays in the page (empty, it takes no room), so that what appears in
  // it is announced.
  return (
    <div className="decision-notice" role="status" data-testid="decision-notice">
      {latest && (
        <>
          <p
            className="decision-notice__text"
            data-action={news.length > 1 ? 'many' : latest.action}
          >
            {text}
          </p>
          <a href={`#${MY_SUGGESTIONS_ID}`} className="decision-notice__link">
            {t('mySuggestions.show')}
          </a>
          <button type="button" className="button button--small" onClick={onDismiss}>
            {t('common.dismiss')}
          </button>
        </>
      )}
    </div>
  );
}
