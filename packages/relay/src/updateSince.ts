/**
 * What a document holds beyond a state vector, as one update written a few hundred structs
 * at a time with pauses between, instead of in one `Y.encodeStateAsUpdate`: the answer to
 * a client's "what am I missing" (sync step 1), and what a large update applied in pieces
 * brought. A newcomer to a plan that someone flooded with 100,000 one-character changes
 * would otherwise cost one long piece of work that holds every other plan.
 *
 * The answer still goes to the client as one update, written the way Yjs writes one (format v1,
 * `writeStructs`, then the delete set): a client that saw part of a plan could take it for
 * the whole, and the web editor deletes what looks malformed to it (a list item whose
 * paragraph has not arrived yet), so the client must never see a part.
 */
import * as encoding from 'lib0/encoding';
import * as Y from 'yjs';
import type { Pause } from './updatePieces.ts';
import { MAX_PIECE_STRUCTS } from './updatePieces.ts';

type DeleteSet = ReturnType<typeof Y.createDeleteSetFromStructStore>;

/** One client's structs the answer carries, written so far. */
interface ClientBlock {
  client: number;
  clock: number;
  count: number;
  structs: Y.UpdateEncoderV1;
}

/**
 * The update that brings a client with `stateVector` up to `doc`, pausing (`pause`) after
 * every `maxStructs` structs written. The document must not change meanwhile (the room's
 * queue holds it). `deletions` replaces the document's whole delete set (e.g. what the
 * transactions of an update applied in pieces deleted, for storing what it brought).
 */
export async function encodeUpdateSince(
  doc: Y.Doc,
  stateVector: Map<number, number>,
  pause: Pause,
  {
    maxStructs = MAX_PIECE_STRUCTS,
    deletions,
  }: { maxStructs?: number; deletions?: DeleteSet } = {},
): Promise<Uint8Array> {
  const blocks: ClientBlock[] = [];
  let written = 0;
  // Highest client id first, as Yjs writes an update: `Y.mergeUpdates` assumes that order,
  // and merging an update written otherwise with others that overlap it (a stored snapshot
  // with the log rows it holds, when a process catches up) left a gap in a client's structs,
  // so the reader kept that client's text pending and never showed it.
  const clients = [...doc.store.clients].sort(([a], [b]) => b - a);
  for (const [client, structs] of clients) {
    const from = stateVector.get(client) ?? 0;
    if (from >= Y.getState(doc.store, client)) continue;
    const start = Y.findIndexSS(structs, from);
    const block = {
      client,
      clock: from,
      count: structs.length - start,
      structs: new Y.UpdateEncoderV1(),
    };
    blocks.push(block);
    for (let i = start; i < structs.length; i++) {
      // The first struct may start before what the client is missing: only its tail goes.
      (structs[i] as Y.Item | Y.GC).write(
        block.structs,
        i === start ? from - (structs[i] as Y.Item).id.clock : 0,
      );
      written += 1;
      if (written % maxStructs === 0) {
        const wait = pause();
        if (wait) await wait;
      }
    }
  }
  const encoder = new Y.UpdateEncoderV1();
  const rest = encoder.restEncoder;
  encoding.writeVarUint(rest, blocks.length);
  for (const { client, clock, count, structs } of blocks) {
    encoding.writeVarUint(rest, count);
    encoder.writeClient(client);
    encoding.writeVarUint(rest, clock);
    encoding.writeUint8Array(rest, structs.toUint8Array());
  }
  const deleted = [...(deletions ?? Y.createDeleteSetFromStructStore(doc.store)).clients];
  encoding.writeVarUint(rest, deleted.length);
  for (const [client, deletions] of deleted.sort(([a], [b]) => b - a)) {
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
