import * as Y from 'yjs';

/**
 * The clocks some updates wrote or deleted, per Yjs client id, as `[start, end)` ranges in
 * the order added; a run of updates from one client typing on (each starting where the
 * last ended) folds into one range. Kept by whoever must later find what the updates
 * touched in the document (the suggestion repair) without keeping the updates themselves:
 * a flood of small updates becomes a few ranges, not thousands of updates to decode at once.
 */
export type UpdateClocks = Map<number, Array<[number, number]>>;

/** Adds what `update` wrote (its structs) and deleted (its delete set) to `clocks`. */
export function addUpdateClocks(clocks: UpdateClocks, update: Uint8Array): void {
  const { structs, ds } = Y.decodeUpdate(update);
  for (const struct of structs) {
    addClockRange(clocks, struct.id.client, struct.id.clock, struct.id.clock + struct.length);
  }
  for (const [client, ranges] of ds.clients) {
    for (const range of ranges) addClockRange(clocks, client, range.clock, range.clock + range.len);
  }
}

/** Adds the ranges of `more` to `clocks`. */
export function addClocks(clocks: UpdateClocks, more: UpdateClocks): void {
  for (const [client, ranges] of more) {
    for (const [start, end] of ranges) addClockRange(clocks, client, start, end);
  }
}

/** The clocks of `updates`, as `addUpdateClocks` folds them. */
export function updateClocksOf(updates: readonly Uint8Array[]): UpdateClocks {
  const clocks: UpdateClocks = new Map();
  for (const update of updates) addUpdateClocks(clocks, update);
  return clocks;
}

/** Adds the clocks `[start, end)` of `client` to `clocks`. */
export function addClockRange(
  clocks: UpdateClocks,
  client: number,
  start: number,
  end: number,
): void {
  const ranges = clocks.get(client);
  if (!ranges) {
    clocks.set(client, [[start, end]]);
    return;
  }
  const last = ranges[ranges.length - 1];
  // Touching or overlapping the last range: one range (only the last is looked at, so
  // ranges may overlap; looking them up twice costs a little, never a wrong answer).
  if (last && start <= last[1] && end >= last[0]) {
    last[0] = Math.min(last[0], start);
    last[1] = Math.max(last[1], end);
  } else {
    ranges.push([start, end]);
  }
}
