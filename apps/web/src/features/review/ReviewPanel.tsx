import type { GroupState, PlanState } from '@plenary/model';
import { type KeyboardEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorMessage } from '../../ui/ErrorMessage.tsx';
import { bulkLabel, type FilterNames } from './bulkLabel.ts';
import { DecisionLog } from './DecisionLog.tsx';
import {
  bulkDecision,
  groupSuggestions,
  listedOrder,
  matchesFilter,
  type PendingSuggestion,
  type SuggestionFilter,
} from './pendingSuggestions.ts';
import { ReviewFilters } from './ReviewFilters.tsx';
import { reviewCommand, selectionAfterDecision, stepSelection } from './reviewKeys.ts';
import { SuggestionItem } from './SuggestionItem.tsx';
import { highlightRule, scrollToSuggestion, suggestionItemId } from './suggestionDom.ts';
import { useDecide, useDecisionLog } from './useDecisions.ts';

/**
 * The focal point's review of tracked changes: every pending suggestion by section and
 * group, filters, one-by-one and bulk decisions (sent to the server), keyboard
 * shortcuts, "preview as accepted", and the decision log.
 */
export function ReviewPanel({
  plan,
  pending,
  preview,
  onPreview,
}: {
  plan: PlanState;
  pending: readonly PendingSuggestion[];
  /** The plan is shown as if every suggestion were accepted. */
  preview: boolean;
  onPreview: (preview: boolean) => void;
}) {
  const { t } = useTranslation();
  const [filter, setFilter] = useState<SuggestionFilter>({});
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const decide = useDecide();
  const log = useDecisionLog(pending.map((suggestion) => suggestion.id).join(' '));

  const groupOf = (groupId: string | null): GroupState | undefined =>
    plan.groups.find((group) => group.id === groupId);
  const names: FilterNames = {
    group: (groupId) => groupOf(groupId)?.name ?? t('plan.plenary'),
    author: (authorId) =>
      pending.find((suggestion) => suggestion.authorId === authorId)?.authorName ?? '',
    section: (sectionId) => plan.sections.find((section) => section.id === sectionId)?.title ?? '',
  };
  const shown = pending.filter((suggestion) => matchesFilter(suggestion, filter));
  const grouped = groupSuggestions(
    shown,
    plan.sections.map((section) => section.id),
    plan.groups.map((group) => group.id),
  );
  const order = listedOrder(grouped).map((suggestion) => suggestion.id);
  const selected = shown.find((suggestion) => suggestion.id === selectedId) ?? null;

  const select = (id: string | null, focus: boolean) => {
    setSelectedId(id);
    const suggestion = shown.find((candidate) => candidate.id === id);
    if (!suggestion) return;
    scrollToSuggestion(suggestion.sectionId, suggestion.id);
    if (focus) document.getElementById(suggestionItemId(suggestion.id))?.focus();
  };
  const decideOne = (suggestion: PendingSuggestion, action: 'accept' | 'reject') => {
    if (decide.isPending) return;
    decide.mutate({
      action,
      suggestions: [{ sectionId: suggestion.sectionId, suggestionId: suggestion.id }],
    });
    // The next one is ready for the next key press; the decided one leaves when Yjs says so.
    if (suggestion.id === selectedId) select(selectionAfterDecision(order, suggestion.id), true);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLElement>) => {
    const target = event.target as HTMLElement;
    const command = reviewCommand({
      key: event.key,
      ctrlKey: event.ctrlKey,
      metaKey: event.metaKey,
      altKey: event.altKey,
      targetTag: target.tagName,
      targetEditable: target.isContentEditable,
    });
    if (!command) return;
    event.preventDefault();
    if (command === 'next' || command === 'previous') {
      select(stepSelection(order, selected?.id ?? null, command === 'next' ? 1 : -1), true);
    } else if (command === 'show') {
      if (selected) scrollToSuggestion(selected.sectionId, selected.id);
    } else if (selected) {
      decideOne(selected, command);
    }
  };

  return (
    <section
      className="side-panel review-panel"
      aria-labelledby="review-heading"
      data-testid="review-panel"
      onKeyDown={onKeyDown}
    >
      <style>{highlightRule(selected?.id ?? null)}</style>
      <div className="review-panel__header">
        <h2 id="review-heading" className="side-panel__heading">
          {t('review.heading')}
        </h2>
        <span className="review-panel__count" data-testid="review-count">
          {t('review.pending', { count: pending.length })}
        </span>
      </div>
      <button
        type="button"
        className="button button--secondary review-panel__preview"
        aria-pressed={preview}
        onClick={() => onPreview(!preview)}
      >
        {t('review.preview')}
      </button>
      <ReviewFilters
        pending={pending}
        sections={plan.sections}
        groups={plan.groups}
        filter={filter}
        onChange={setFilter}
      />
      {shown.length > 0 && (
        <div className="review-panel__bulk">
          {(['accept', 'reject'] as const).map((action) => (
            <button
              key={action}
              type="button"
              className={action === 'accept' ? 'button button--primary' : 'button'}
              disabled={decide.isPending}
              onClick={() => decide.mutate(bulkDecision(pending, filter, action))}
            >
              {bulkLabel(t, action, shown.length, filter, names)}
            </button>
          ))}
        </div>
      )}
      <ErrorMessage error={decide.error} />
      {(decide.data?.gone.length ?? 0) > 0 && (
        <p className="muted" role="status">
          {t('review.gone', { count: decide.data?.gone.length ?? 0 })}
        </p>
      )}
      {shown.length === 0 && (
        <p className="muted">{pending.length === 0 ? t('review.none') : t('review.noneMatch')}</p>
      )}
      {grouped.map((section) => (
        <section key={section.sectionId} className="review-section" data-testid="review-section">
          <h3 className="review-section__title">
            {names.section(section.sectionId)} ({section.count})
          </h3>
          {section.groups.map(({ groupId, suggestions }) => (
            <div key={groupId ?? ''} className="review-group">
              <h4 className="review-group__name">
                {names.group(groupId)} ({suggestions.length})
              </h4>
              <ul className="review-group__list">
                {suggestions.map((suggestion) => (
                  <SuggestionItem
                    key={suggestion.id}
                    suggestion={suggestion}
                    group={groupOf(suggestion.groupId)}
                    selected={suggestion.id === selected?.id}
                    busy={decide.isPending}
                    onShow={() => select(suggestion.id, false)}
                    onDecide={(action) => decideOne(suggestion, action)}
                  />
                ))}
              </ul>
            </div>
          ))}
        </section>
      ))}
      <p className="review-panel__keys">
        <strong>{t('review.keysHeading')}:</strong> {t('review.keys')}
      </p>
      <DecisionLog
        entries={log.data}
        error={log.error}
        sections={plan.sections}
        groups={plan.groups}
      />
    </section>
  );
}
