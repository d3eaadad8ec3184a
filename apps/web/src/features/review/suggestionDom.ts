import { sectionElementId } from '../plan/sectionIds.ts';

/** The DOM id of a suggestion's entry in the review panel, for moving focus to it. */
export const suggestionItemId = (suggestionId: string): string => `review-item-${suggestionId}`;

// Suggestion ids are random [0-9a-z] strings; anything else is not put into a selector.
const SAFE_ID = /^[0-9A-Za-z_-]+$/;

/** The CSS that outlines one suggestion's marks in the editors (a rule outlives re-rendering). */
export function highlightRule(suggestionId: string | null): string {
  if (!suggestionId || !SAFE_ID.test(suggestionId)) return '';
  return `.section [data-suggestion-id="${suggestionId}"] { outline: 2px solid var(--focus); outline-offset: 2px; border-radius: 2px; }`;
}

/** Scrolls the plan to a suggestion's text, or to its section when the text is not shown. */
export function scrollToSuggestion(sectionId: string, suggestionId: string): void {
  const section = document.getElementById(sectionElementId(sectionId));
  const mark = SAFE_ID.test(suggestionId)
    ? section?.querySelector(`[data-suggestion-id="${suggestionId}"]`)
    : null;
  (mark ?? section)?.scrollIntoView({ block: 'center', behavior: 'smooth' });
}
