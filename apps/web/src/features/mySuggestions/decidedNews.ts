import type { DecisionLogEntry } from '../../api/planTypes.ts';

/**
 * The decisions in `current` that were not in `previous`, newest first: what to tell the
 * person about. Nothing is news on the first load (`previous` undefined): the list shows
 * those, and a notice for every old decision on opening the plan would be noise.
 */
export function decidedNews(
  previous: readonly DecisionLogEntry[] | undefined,
  current: readonly DecisionLogEntry[],
): DecisionLogEntry[] {
  if (previous === undefined) return [];
  const known = new Set(previous.map((entry) => entry.id));
  return current.filter((entry) => !known.has(entry.id));
}
