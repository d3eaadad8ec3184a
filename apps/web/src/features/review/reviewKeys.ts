/** What a key press in the review panel asks for. */
export type ReviewCommand = 'next' | 'previous' | 'accept' | 'reject' | 'show';

/** The parts of a key event that decide whether it is a review shortcut. */
export interface ReviewKey {
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
  /** The element the key went to: its tag and whether it takes typing. */
  targetTag: string;
  targetEditable: boolean;
}

const SHORTCUTS: Record<string, ReviewCommand> = {
  j: 'next',
  ArrowDown: 'next',
  k: 'previous',
  ArrowUp: 'previous',
  a: 'accept',
  r: 'reject',
  Enter: 'show',
};

// Keys typed into the filters (a select jumps by letter) or with a modifier
// (Ctrl+R reloads) are not shortcuts.
const TYPING_TAGS = new Set(['INPUT', 'SELECT', 'TEXTAREA']);

/** The review command a key press means, or null when it is not one. */
export function reviewCommand(event: ReviewKey): ReviewCommand | null {
  if (event.ctrlKey || event.metaKey || event.altKey) return null;
  if (event.targetEditable || TYPING_TAGS.has(event.targetTag)) return null;
  // Enter on a button presses the button: only the list's own items show on Enter.
  if (event.key === 'Enter' && event.targetTag === 'BUTTON') return null;
  return SHORTCUTS[event.key] ?? null;
}

/**
 * The suggestion selected after moving one step: the first (or last) when none is
 * selected or the selected one is gone, and the ends stay put.
 */
export function stepSelection(
  ids: readonly string[],
  current: string | null,
  step: 1 | -1,
): string | null {
  if (ids.length === 0) return null;
  const index = current === null ? -1 : ids.indexOf(current);
  if (index === -1) return step === 1 ? (ids[0] ?? null) : (ids[ids.length - 1] ?? null);
  return ids[Math.min(ids.length - 1, Math.max(0, index + step))] ?? null;
}

/**
 * The suggestion to select once `decided` is gone from the list: the one after it, or
 * the one before when it was the last, so a run of `a` presses works down the list.
 */
export function selectionAfterDecision(ids: readonly string[], decided: string): string | null {
  const index = ids.indexOf(decided);
  if (index === -1) return ids[0] ?? null;
  return ids[index + 1] ?? ids[index - 1] ?? null;
}
