import type { GroupState } from '../plan.ts';

/**
 * Colours for breakout groups, chosen to stay distinct for the common forms of colour
 * blindness and to keep 4.5:1 contrast on white when used for text or underlines.
 */
export const GROUP_COLORS = ['#0b6bcb', '#b3261e', '#1e7b34', '#8a4baf', '#a05a00', '#00707a'];

/** The three breakout groups a dialogue usually has. */
export function defaultGroups(): GroupState[] {
  return [1, 2, 3].map((n) => ({
    id: `g${n}`,
    name: `Group ${n}`,
    color: GROUP_COLORS[n - 1] ?? '#555555',
    archived: false,
  }));
}
