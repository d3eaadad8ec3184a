import type { GroupState, SectionState } from '@plenary/model';
import { useTranslation } from 'react-i18next';
import {
  authorsOf,
  countByGroup,
  type PendingSuggestion,
  type SuggestionFilter,
} from './pendingSuggestions.ts';

// Not a possible group id (ids are [0-9a-z]), so it cannot clash with a real group.
const PLENARY_VALUE = ':plenary';

/** The review panel's filters by section, group and author, each with its count. */
export function ReviewFilters({
  pending,
  sections,
  groups,
  filter,
  onChange,
}: {
  pending: readonly PendingSuggestion[];
  sections: readonly SectionState[];
  groups: readonly GroupState[];
  filter: SuggestionFilter;
  onChange: (filter: SuggestionFilter) => void;
}) {
  const { t } = useTranslation();
  const groupCounts = countByGroup(pending);
  const sectionCount = (sectionId: string) =>
    pending.filter((suggestion) => suggestion.sectionId === sectionId).length;
  const withCount = (name: string, count: number) => `${name} (${count})`;
  const groupValue =
    filter.groupId === undefined ? '' : filter.groupId === null ? PLENARY_VALUE : filter.groupId;

  return (
    <fieldset className="review-filters">
      <legend className="visually-hidden">{t('review.filters')}</legend>
      <label className="review-filters__field">
        <span>{t('review.section')}</span>
        <select
          value={filter.sectionId ?? ''}
          onChange={(event) => onChange({ ...filter, sectionId: event.target.value || undefined })}
        >
          <option value="">{withCount(t('review.any'), pending.length)}</option>
          {sections.map((section) => (
            <option key={section.id} value={section.id}>
              {withCount(section.title, sectionCount(section.id))}
            </option>
          ))}
        </select>
      </label>
      <label className="review-filters__field">
        <span>{t('review.group')}</span>
        <select
          value={groupValue}
          onChange={(event) => {
            const { value } = event.target;
            const groupId = value === '' ? undefined : value === PLENARY_VALUE ? null : value;
            // An author belongs to one group: a group that excludes them clears the author.
            onChange({ ...filter, groupId, authorId: undefined });
          }}
        >
          <option value="">{withCount(t('review.any'), pending.length)}</option>
          {groups.map((group) => (
            <option key={group.id} value={group.id}>
              {withCount(group.name, groupCounts.get(group.id) ?? 0)}
            </option>
          ))}
          <option value={PLENARY_VALUE}>
            {withCount(t('plan.plenary'), groupCounts.get(null) ?? 0)}
          </option>
        </select>
      </label>
      <label className="review-filters__field">
        <span>{t('review.author')}</span>
        <select
          value={filter.authorId ?? ''}
          onChange={(event) => onChange({ ...filter, authorId: event.target.value || undefined })}
        >
          <option value="">{t('review.any')}</option>
          {authorsOf(pending)
            .filter((author) => filter.groupId === undefined || author.groupId === filter.groupId)
            .map((author) => (
              <option key={author.authorId} value={author.authorId}>
                {withCount(author.name, author.count)}
              </option>
            ))}
        </select>
      </label>
    </fieldset>
  );
}
