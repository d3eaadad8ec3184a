/**
 * The answer to a client's "what am I missing" (sync step 1), as several updates of at
 * most `MAX_PIECE_STRUCTS` structs each instead of one `Y.encodeStateAsUpdate`: a new
 * client of a plan that someone flooded with 100,000 one-character changes would
 * otherwise cost one long piece of work that holds every other plan.
 *
 * Each piece is written the way Yjs writes an update (format v1, `writeStructs`); the
 * delete set goes with the last. A client applies the pieces in any order (Yjs keeps
 * a struct whose neighbours have not arrived until they do), and the last goes as the
 * sync step 2, so the client calls itself synced only once it has everything.
 */
import * as encoding from 'lib0/encoding';
import * as Y from 'yjs';
import { MAX_PIECE_STRUCTS } from './updatePieces.ts';

type DeleteSet = ReturnType<typeof Y.createDeleteSetFromStructStore>;

/** A run of one client's structs, from `clock` on. */
interface Run {
  client: number;
  clock: number;
  structs: (Y.Item | Y.GC)[];
}

/**
 * Yields the updates that together bring a client with `stateVector` up to `doc`. Read
 * lazily: the caller may let the event loop turn between two pieces, as long as the
 * document does not change meanwhile (the room's queue holds it).
 */
export function* syncAnswerPieces(
  doc: Y.Doc,
  stateVector: Map<number, number>,
  maxStructs = MAX_PIECE_STRUCTS,
): Generator<Uint8Array, void, undefined> {
  let runs: Run[] = [];
  let counted = 0;
  for (const [client, structs] of doc.store.clients) {
    const from = stateVector.get(client) ?? 0;
    const state = Y.getState(doc.store, client);
    if (from >= state) continue;
    let index = Y.findIndexSS(structs, from);
    let clock = from;
    while (index < structs.length) {
      const end = Math.min(index + maxStructs - counted, structs.length);
      runs.push({ client, clock, structs: structs.slice(index, end) as (Y.Item | Y.GC)[] });
      counted += end - index;
      index = end;
      const next = structs[index];
      if (next) clock = next.id.clock;
      if (counted >= maxStructs) {
        yield encodePiece(runs, null);
        runs = [];
        counted = 0;
      }
    }
  }
  yield encodePiece(runs, Y.createDeleteSetFromStructStore(doc.store));
}

/** Writes runs (and a delete set, or an empty one) as an update in format v1. */
function encodePiece(runs: Run[], deleteSet: DeleteSet | null): Uint8Array {
  const encoder = new Y.UpdateEncoderV1();
  const rest = encoder.restEncoder;
  encoding.writeVarUint(rest, runs.length);
  for (const { client, clock, structs } of runs) {
    const [first] = structs;
    if (!first) continue;
    encoding.writeVarUint(rest, structs.length);
    encoder.writeClient(client);
    encoding.writeVarUint(rest, clock);
    // The first struct may start before what the client is missing: only its tail goes.
    first.write(encoder, clock - first.id.clock);
    for (let i = 1; i < structs.length; i++) (structs[i] as Y.Item | Y.GC).write(encoder, 0);
  }
  const clients = deleteSet?.clients ?? new Map<number, { clock: number; len: number }[]>();
  encoding.writeVarUint(rest, clients.size);
  for (const [client, deletions] of clients) {
    encoder.resetDsCurVal();
    encoding.writeVarUint(rest, client);
    encoding.writeVarUint(rest, deletions.length);
    for (const { clock, len } of deletions) {
      encoder.writeDsClock(clock);
      encoder.writeDsLen(len);
    }
  }
  return encoder.toUint8Array();
}
