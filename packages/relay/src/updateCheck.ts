/**
 * Decides, before an update touches the server's document, whether Yjs can apply it
 * completely.
 *
 * Yjs never rejects an update: structs whose dependencies are missing are parked in
 * `store.pendingStructs` and integrated later, inside whichever update happens to
 * complete them. The relay must never let that happen: a parked struct is neither
 * stored nor broadcast now, and would later slip in unchecked. So an update is refused
 * when it has gaps, unknown origins or parents, deletions beyond what exists, or
 * repeated client blocks. This relies on Yjs internals (`decodeUpdate`, `Item`, `Skip`,
 * `getState`), which is why yjs is pinned to one version.
 */
import * as Y from 'yjs';
import { emptyDeletion } from './updatePieces.ts';
import { ForgedUpdateError, UpdateRootResolver } from './updateRoots.ts';

/** Why an update cannot be applied, in words for the log and the close reason. */
export interface UpdateProblem {
  reason: string;
  /** It builds on changes the server does not have (a gap, unknown neighbours), not a broken update. */
  missing?: true;
}

/** What the relay needs to know about an acceptable update. */
export interface UpdateSummary {
  /** Clients that write new structs in this update (for attribution). */
  clientIds: number[];
  /** Root types (`plan`, `section:<id>`) the update would change. */
  touchedRoots: Set<string>;
  /** The highest clock the update's new structs reach, over all their clients (0 for none). */
  highestClock: number;
}

type ClockRanges = Map<number, { start: number; end: number }>;

function isKnown(doc: Y.Doc, update: ClockRanges, id: Y.ID | null): boolean {
  if (id === null) return true;
  if (id.clock < Y.getState(doc.store, id.client)) return true;
  const range = update.get(id.client);
  return range !== undefined && id.clock >= range.start && id.clock < range.end;
}

/** Inspects an update against the server's document without applying it. */
export function inspectUpdate(doc: Y.Doc, update: Uint8Array): UpdateSummary | UpdateProblem {
  let decoded: ReturnType<typeof Y.decodeUpdate>;
  try {
    decoded = Y.decodeUpdate(update);
  } catch (error) {
    return { reason: `update cannot be decoded (${(error as Error).message})` };
  }
  // Yjs never writes one, and applying one at the end of a client's clock throws.
  const empty = emptyDeletion(update);
  if (empty) return { reason: `update deletes nothing at ${empty.client}:${empty.clock}` };
  const ranges: ClockRanges = new Map();
  let previousClient: number | null = null;
  for (const struct of decoded.structs) {
    const { client, clock } = struct.id;
    if (struct instanceof Y.Skip) {
      return { reason: `update has a gap in client ${client} at clock ${clock}` };
    }
    // Yjs never writes a struct of length 0 (inserting '' is no change), but it takes one:
    // once deleted, it puts a deletion of length 0 in every copy's delete set, and a copy
    // of the plan that holds one can no longer be loaded by anyone (a joining browser, the
    // device's own saved copy) because Yjs throws reading it.
    if (struct.length <= 0) {
      return { reason: `update has an empty struct at ${client}:${clock}` };
    }
    if (client !== previousClient) {
      if (ranges.has(client)) return { reason: `update lists client ${client} twice` };
      const known = Y.getState(doc.store, client);
      if (clock > known) {
        return {
          reason: `update for client ${client} starts at clock ${clock} but the server has only ${known}`,
          missing: true,
        };
      }
      ranges.set(client, { start: clock, end: clock });
      previousClient = client;
    }
    const range = ranges.get(client);
    if (range) {
      // Within one block clocks are contiguous; a jump means a second block for the
      // same client, of which Yjs would silently keep only the last.
      if (clock !== range.end && client === previousClient && range.end !== range.start) {
        return { reason: `update lists client ${client} twice` };
      }
      range.end = clock + struct.length;
    }
  }
  const clientIds: number[] = [];
  let highestClock = 0;
  for (const [client, range] of ranges) {
    if (range.end <= Y.getState(doc.store, client)) continue;
    clientIds.push(client);
    highestClock = Math.max(highestClock, range.end);
  }
  for (const struct of decoded.structs) {
    if (!(struct instanceof Y.Item)) continue;
    // Neighbours and parent existed before the item was made, so under its own client they
    // come earlier. Yjs looks them up even for structs the server already has, before the
    // rest of the update is in: a reference forward fails it half way through applying.
    const parentId = struct.parent instanceof Y.ID ? struct.parent : null;
    for (const ref of [struct.origin, struct.rightOrigin, parentId]) {
      if (ref && ref.client === struct.id.client && ref.clock >= struct.id.clock) {
        return {
          reason: `update refers forward from ${struct.id.client}:${struct.id.clock} to ${ref.client}:${ref.clock}`,
        };
      }
    }
    if (!isKnown(doc, ranges, struct.origin) || !isKnown(doc, ranges, struct.rightOrigin)) {
      return {
        reason: `update refers to unknown neighbours of ${struct.id.client}:${struct.id.clock}`,
        missing: true,
      };
    }
    const parent = struct.parent as unknown;
    if (parent instanceof Y.ID && !isKnown(doc, ranges, parent)) {
      return {
        reason: `update refers to an unknown parent of ${struct.id.client}:${struct.id.clock}`,
        missing: true,
      };
    }
  }
  for (const [client, deletions] of decoded.ds.clients) {
    const end = Math.max(Y.getState(doc.store, client), ranges.get(client)?.end ?? 0);
    for (const deletion of deletions) {
      if (deletion.clock + deletion.len > end) {
        return {
          reason: `update deletes content of client ${client} that does not exist`,
          missing: true,
        };
      }
    }
  }
  try {
    const resolver = new UpdateRootResolver(doc, decoded.structs);
    return {
      clientIds,
      touchedRoots: resolver.touchedRoots(decoded.structs, decoded.ds),
      highestClock,
    };
  } catch (error) {
    if (error instanceof ForgedUpdateError) return { reason: error.message };
    throw error;
  }
}

/** Narrows the result of `inspectUpdate`. */
export const isUpdateProblem = (result: UpdateSummary | UpdateProblem): result is UpdateProblem =>
  'reason' in result;
