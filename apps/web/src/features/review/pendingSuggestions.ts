import type { Suggestion } from '@plenary/suggestions';
import type { DecisionRequest } from '../../api/planTypes.ts';

/** A pending suggestion and the section it sits in. */
export interface PendingSuggestion extends Suggestion {
  sectionId: string;
}

/**
 * Which suggestions the review panel shows: each field left undefined matches every one;
 * `groupId: null` matches the plenary's (people without a group).
 */
export interface SuggestionFilter {
  sectionId?: string;
  groupId?: string | null;
  authorId?: string;
}

/** True when a suggestion falls under the panel's filter. */
export function matchesFilter(suggestion: PendingSuggestion, filter: SuggestionFilter): boolean {
  return (
    (filter.sectionId === undefined || suggestion.sectionId === filter.sectionId) &&
    (filter.groupId === undefined || suggestion.groupId === filter.groupId) &&
    (filter.authorId === undefined || suggestion.authorId === filter.authorId)
  );
}

/** One group's pending suggestions within a section. */
export interface GroupSuggestions {
  groupId: string | null;
  suggestions: PendingSuggestion[];
}

/** One section's pending suggestions, by the group of their authors. */
export interface SectionSuggestions {
  sectionId: string;
  count: number;
  groups: GroupSuggestions[];
}

/**
 * Groups suggestions by section (in the plan's order) and then by group (in the order
 * the plan lists its groups, the plenary last), each in document order. Sections
 * without suggestions are left out.
 */
export function groupSuggestions(
  suggestions: readonly PendingSuggestion[],
  sectionOrder: readonly string[],
  groupOrder: readonly string[],
): SectionSuggestions[] {
  const groupRank = (groupId: string | null): number => {
    const rank = groupId === null ? -1 : groupOrder.indexOf(groupId);
    // The plenary and groups removed since (unknown ids) come after the plan's groups.
    return rank === -1 ? groupOrder.length + (groupId === null ? 1 : 0) : rank;
  };
  return sectionOrder.flatMap((sectionId) => {
    const inSection = suggestions
      .filter((suggestion) => suggestion.sectionId === sectionId)
      .sort((a, b) => a.from - b.from);
    if (inSection.length === 0) return [];
    const byGroup = new Map<string | null, PendingSuggestion[]>();
    for (const suggestion of inSection) {
      byGroup.set(suggestion.groupId, [...(byGroup.get(suggestion.groupId) ?? []), suggestion]);
    }
    const groups = [...byGroup.entries()]
      .map(([groupId, list]) => ({ groupId, suggestions: list }))
      .sort((a, b) => groupRank(a.groupId) - groupRank(b.groupId));
    return [{ sectionId, count: inSection.length, groups }];
  });
}

/** The suggestions in the order the panel lists them, for moving through with j and k. */
export function listedOrder(sections: readonly SectionSuggestions[]): PendingSuggestion[] {
  return sections.flatMap((section) => section.groups.flatMap((group) => group.suggestions));
}

/** Someone who made suggestions, for the author filter. */
export interface SuggestionAuthorChoice {
  authorId: string;
  name: string;
  groupId: string | null;
  count: number;
}

/** Everyone with pending suggestions, by name, with how many each has. */
export function authorsOf(suggestions: readonly PendingSuggestion[]): SuggestionAuthorChoice[] {
  const authors = new Map<string, SuggestionAuthorChoice>();
  for (const { authorId, authorName, groupId } of suggestions) {
    const known = authors.get(authorId);
    if (known) known.count += 1;
    else authors.set(authorId, { authorId, name: authorName, groupId, count: 1 });
  }
  return [...authors.values()].sort((a, b) => a.name.localeCompare(b.name));
}

/** How many suggestions each group has (the plenary's under null). */
export function countByGroup(
  suggestions: readonly PendingSuggestion[],
): Map<string | null, number> {
  const counts = new Map<string | null, number>();
  for (const { groupId } of suggestions) counts.set(groupId, (counts.get(groupId) ?? 0) + 1);
  return counts;
}

/**
 * The decision on every suggestion under a filter, named one by one: the server decides
 * exactly what the reviewer saw counted on the button, not what matches by the time the
 * request arrives (a suggestion made meanwhile waits for its own decision).
 */
export function bulkDecision(
  suggestions: readonly PendingSuggestion[],
  filter: SuggestionFilter,
  action: 'accept' | 'reject',
): DecisionRequest {
  return {
    action,
    suggestions: suggestions
      .filter((s) => matchesFilter(s, filter))
      .map((s) => ({ sectionId: s.sectionId, suggestionId: s.id })),
  };
}
