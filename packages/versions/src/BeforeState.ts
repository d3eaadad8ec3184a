/**
 * One side of a version comparison. Both versions are loaded into one Y.Doc, `before`
 * first; what `before` had is then its state vector and its delete set, and every item of
 * the merged doc can be asked what each side saw of it.
 */
import * as Y from 'yjs';

/** What one side of the comparison saw of a stretch of items. */
export type Presence = 'kept' | 'inserted' | 'deleted' | 'absent';

/** A clock range of one item, all of which each side saw alike. */
export interface Span {
  start: number;
  end: number;
  presence: Presence;
}

function presence(inBefore: boolean, deletedBefore: boolean, deletedNow: boolean): Presence {
  const visibleBefore = inBefore && !deletedBefore;
  if (visibleBefore) return deletedNow ? 'deleted' : 'kept';
  return deletedNow ? 'absent' : 'inserted';
}

type DeleteSet = ReturnType<typeof Y.createDeleteSet>;
type DeleteEntry = { clock: number; len: number };

/** The first delete-set entry that ends after `clock` (entries are sorted and disjoint). */
function firstEndingAfter(entries: readonly DeleteEntry[], clock: number): number {
  let low = 0;
  let high = entries.length;
  while (low < high) {
    const mid = Math.floor((low + high) / 2);
    const entry = entries[mid] as DeleteEntry;
    if (entry.clock + entry.len <= clock) low = mid + 1;
    else high = mid;
  }
  return low;
}

const lastValue = (item: Y.Item): unknown => item.content.getContent()[item.length - 1];

/** What `before` held: its state vector and what it had already deleted. */
export class BeforeState {
  private readonly known: Map<number, number>;
  private readonly deleted: DeleteSet;

  /** From a doc that holds exactly `before` so far. */
  constructor(doc: Y.Doc) {
    const { sv, ds } = Y.snapshot(doc);
    this.known = sv;
    this.deleted = ds;
  }

  /** Refuses a later state that lacks something `before` had. */
  requireIn(after: Uint8Array): void {
    const reached = Y.decodeStateVector(Y.encodeStateVectorFromUpdate(after));
    for (const [client, clock] of this.known) {
      if ((reached.get(client) ?? 0) < clock) {
        throw new Error(
          'These versions cannot be compared: the later one does not contain the earlier one. ' +
            'Compare versions of the same plan, the older one first.',
        );
      }
    }
  }

  private knownOf(client: number): number {
    return this.known.get(client) ?? 0;
  }

  /**
   * Splits an item's clock range where what `before` saw of it changes: an item of the
   * merged doc may join text `before` had with text added later, or parts `before` had
   * already deleted with parts deleted since (Yjs merges neighbouring items).
   */
  spans(item: Y.Item): Span[] {
    const { client, clock } = item.id;
    const end = clock + item.length;
    const known = this.knownOf(client);
    const entries: readonly DeleteEntry[] = this.deleted.clients.get(client) ?? [];
    const cuts = [clock, end];
    if (known > clock && known < end) cuts.push(known);
    for (let i = firstEndingAfter(entries, clock); i < entries.length; i++) {
      const entry = entries[i] as DeleteEntry;
      if (entry.clock >= end) break;
      if (entry.clock > clock) cuts.push(entry.clock);
      if (entry.clock + entry.len < end) cuts.push(entry.clock + entry.len);
    }
    if (cuts.length > 2) cuts.sort((a, b) => a - b);
    const spans: Span[] = [];
    for (let i = 0; i + 1 < cuts.length; i++) {
      const start = cuts[i] as number;
      const stop = cuts[i + 1] as number;
      if (stop <= start) continue;
      const entry = entries[firstEndingAfter(entries, start)];
      const deletedBefore = entry !== undefined && entry.clock <= start;
      spans.push({
        start,
        end: stop,
        presence: presence(start < known, deletedBefore, item.deleted),
      });
    }
    return spans;
  }

  /** The values of a Y.Array as `before` saw them. */
  valuesBefore(array: { _start: Y.Item | null }): unknown[] {
    const values: unknown[] = [];
    for (let item = array._start; item; item = item.right) {
      const content = item.content.getContent();
      for (const { start, end, presence } of this.spans(item)) {
        if (presence === 'kept' || presence === 'deleted')
          values.push(...content.slice(start - item.id.clock, end - item.id.clock));
      }
    }
    return values;
  }

  /** What each side saw of a one-clock item: a block, a format boundary. */
  presenceOf(item: Y.Item): Presence {
    const inBefore = item.id.clock < this.knownOf(item.id.client);
    return presence(inBefore, inBefore && Y.isDeleted(this.deleted, item.id), item.deleted);
  }

  /** A node attribute (a Y.Map-like entry) as one side saw it; undefined when unset. */
  attribute(type: { _map: Map<string, Y.Item> }, key: string, side: 'before' | 'after'): unknown {
    let item = type._map.get(key) ?? null;
    if (side === 'after') return item && !item.deleted ? lastValue(item) : undefined;
    // Entries for one key are chained oldest to newest: `before` saw the newest it had,
    // unless it had removed the attribute.
    while (item && item.id.clock >= this.knownOf(item.id.client)) item = item.left;
    return item && !Y.isDeleted(this.deleted, item.id) ? lastValue(item) : undefined;
  }
}
