import type { TFunction } from 'i18next';
import type { SuggestionFilter } from './pendingSuggestions.ts';

/** The names a bulk button uses for the filter's group, author and section. */
export interface FilterNames {
  group: (groupId: string | null) => string;
  author: (authorId: string) => string;
  section: (sectionId: string) => string;
}

/**
 * What a bulk button says it will do: "Accept 12 from Group 2", "Reject 3 from Dara in
 * “Roadmap”", "Accept all 20". An author names the person; otherwise the group does.
 */
export function bulkLabel(
  t: TFunction,
  action: 'accept' | 'reject',
  count: number,
  filter: SuggestionFilter,
  names: FilterNames,
): string {
  const who =
    filter.authorId !== undefined
      ? names.author(filter.authorId)
      : filter.groupId !== undefined
        ? names.group(filter.groupId)
        : null;
  const section = filter.sectionId !== undefined ? names.section(filter.sectionId) : null;
  const shape =
    who === null ? (section === null ? 'all' : 'in') : section === null ? 'from' : 'fromIn';
  return t(`review.bulk.${action}.${shape}`, { count, who: who ?? '', section: section ?? '' });
}
