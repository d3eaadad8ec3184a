import { formatMoment, type GroupState } from '@plenary/model';
import { useTranslation } from 'react-i18next';
import type { PendingSuggestion } from './pendingSuggestions.ts';
import { suggestionItemId } from './suggestionDom.ts';

/**
 * One pending suggestion in the review panel: what it changes, who made it and when,
 * and its Accept and Reject buttons. Pressing its text shows it in the plan.
 */
export function SuggestionItem({
  suggestion,
  group,
  selected,
  busy,
  onShow,
  onDecide,
}: {
  suggestion: PendingSuggestion;
  group: GroupState | undefined;
  selected: boolean;
  /** A decision is on its way: buttons wait rather than send a second one. */
  busy: boolean;
  onShow: () => void;
  onDecide: (action: 'accept' | 'reject') => void;
}) {
  const { t, i18n } = useTranslation();
  const time = formatMoment(suggestion.at, i18n.language, 'time');
  const summaryId = `${suggestionItemId(suggestion.id)}-summary`;
  return (
    <li
      className="review-item"
      data-testid="review-item"
      data-suggestion-id={suggestion.id}
      data-selected={selected}
      style={{ borderInlineStartColor: group?.color ?? 'var(--plenary-color)' }}
    >
      <button
        type="button"
        id={suggestionItemId(suggestion.id)}
        className="review-item__show"
        aria-current={selected}
        onClick={onShow}
      >
        <span id={summaryId} className="review-item__change">
          {suggestion.kind === 'structure' && (
            <span className="review-item__kind">{t('review.layout')}</span>
          )}
          {suggestion.deletedText && (
            <span>
              <span className="review-item__kind">{t('review.removes')}</span>{' '}
              <del>{suggestion.deletedText}</del>
            </span>
          )}
          {suggestion.insertedText && (
            <span>
              <span className="review-item__kind">{t('review.adds')}</span>{' '}
              <ins>{suggestion.insertedText}</ins>
            </span>
          )}
        </span>
        <span className="review-item__byline">
          {suggestion.authorName} · {group?.name ?? t('plan.plenary')} · {time}
        </span>
      </button>
      <div className="review-item__actions">
        {(['accept', 'reject'] as const).map((action) => (
          <button
            key={action}
            type="button"
            className={
              action === 'accept' ? 'button button--small button--primary' : 'button button--small'
            }
            aria-describedby={summaryId}
            disabled={busy}
            onClick={() => onDecide(action)}
          >
            {t(`review.${action}`)}
          </button>
        ))}
      </div>
    </li>
  );
}
