import type { GroupState } from '../plan.ts';

/**
 * Colours for breakout groups: indigo, magenta, teal, brown, olive, purple. None is the
 * red of an error or the green of success (a group's additions must not look wrong or
 * approved), each keeps 4.5:1 contrast on white for text and underlines, and every pair
 * (with the plenary's navy) stays apart for people with protanopia, deuteranopia and
 * tritanopia; groupColors.test.ts checks all three with a simulator.
 */
export const GROUP_COLORS = ['#4018dc', '#c431a6', '#21836f', '#6b4724', '#797915', '#741fad'];

/** The three breakout groups a dialogue usually has, named as given (a template's language). */
export function defaultGroups(names: readonly string[] = []): GroupState[] {
  return [1, 2, 3].map((n) => ({
    id: `g${n}`,
    name: names[n - 1] ?? `Group ${n}`,
    color: GROUP_COLORS[n - 1] ?? '#555555',
    archived: false,
  }));
}
