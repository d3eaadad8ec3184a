/**
 * Cuts a large Yjs update into smaller updates that the room can check, apply, store and
 * send one at a time, so that no single plan holds the event loop for long.
 *
 * Checking and applying an update costs time in proportion to its structs: a reconnecting
 * client's sync answer can carry everything it typed while away, 100,000 one-character
 * items in 1 MB, some 300 ms of work in one piece. Cut into runs of at most
 * `MAX_PIECE_STRUCTS` structs of one client, each run is an update the client could have
 * sent on its own. Runs are handed out in an order Yjs can apply them in (every neighbour
 * or parent a run names is already in the document, so a run may be shorter); when no run
 * is ready (structs of two
 * clients that refer to each other), what is left goes as one update, which is what the
 * room did with every update before.
 *
 * Only the update format v1 (what y-websocket sends) is read. In v1 each struct is written
 * on its own (no delta coding), so a run of structs is a byte slice of the original.
 */
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as Y from 'yjs';

/**
 * Most structs (or deleted ranges) one piece of a split update holds: a few milliseconds of
 * checking and applying. 500 let a flooder's reconnect answer (one-character items and
 * deletions among thousands of others) hold the loop for 30-70 ms a piece; at 200 the
 * longest hold in bench/flood.ts fell to 14-23 ms (bench/results/flood.md, 2026-12-07).
 */
export const MAX_PIECE_STRUCTS = 200;

/**
 * Updates up to this size go whole: at most 500 structs (a GC struct is two bytes), little
 * work, and the everyday keystroke or paragraph needs no reading in pieces.
 */
export const SPLIT_ABOVE_BYTES = 1_000;

/** One struct's place in the update and the structs of other clocks it names. */
interface StructSpan {
  start: number;
  end: number;
  clock: number;
  length: number;
  /** Client and clock pairs (origin, right origin, parent) in a flat list. */
  refs: number[];
}

/** The structs of one client, and how many of them were handed out. */
interface Block {
  client: number;
  structs: StructSpan[];
  next: number;
}

/** What the room may do between steps that take time: null to go on at once. */
export type Pause = () => Promise<void> | null;

const BIT6 = 32;
const BIT7 = 64;
const BIT8 = 128;
const BITS5 = 31;
const XML_ELEMENT = 3;
const XML_HOOK = 5;

/**
 * Splits an update in format v1 into pieces, pausing (`pause`) while it reads; null when
 * the update is small enough to go whole, or cannot be read (the update check says why).
 */
export async function splitUpdate(
  update: Uint8Array,
  pause: Pause,
  maxStructs = MAX_PIECE_STRUCTS,
): Promise<UpdatePieces | null> {
  try {
    const decoder = new Y.UpdateDecoderV1(decoding.createDecoder(update));
    const rest = decoder.restDecoder;
    const blocks: Block[] = [];
    let total = 0;
    const clients = decoding.readVarUint(rest);
    for (let i = 0; i < clients; i++) {
      const count = decoding.readVarUint(rest);
      const client = decoder.readClient();
      let clock = decoding.readVarUint(rest);
      // A count beyond the bytes left is a forged header: the update check refuses it.
      if (count > update.byteLength - rest.pos) return null;
      const structs: StructSpan[] = new Array(count);
      for (let s = 0; s < count; s++) {
        const start = rest.pos;
        const { length, refs } = readStruct(decoder);
        structs[s] = { start, end: rest.pos, clock, length, refs };
        clock += length;
        total += 1;
        if (total % 64 === 0) {
          const wait = pause();
          if (wait) await wait;
        }
      }
      blocks.push({ client, structs, next: 0 });
    }
    const deletions = deletionPieces(decoder, maxStructs);
    if (total <= maxStructs && deletions.length <= 1) return null;
    return new UpdatePieces(update, blocks, deletions, maxStructs);
  } catch {
    return null;
  }
}

/**
 * The delete set that `decoder` is at, as updates of no structs and at most `maxRanges`
 * deleted ranges each: applying the delete set of a client that typed for a while offline
 * (thousands of ranges) is otherwise one piece of work as long as it is large. Deleting
 * is the same in any order and in any grouping.
 */
function deletionPieces(decoder: Y.UpdateDecoderV1, maxRanges: number): Uint8Array[] {
  const rest = decoder.restDecoder;
  const pieces: Uint8Array[] = [];
  let ranges: { client: number; deleted: number[] }[] = [];
  let count = 0;
  const flush = () => {
    if (count === 0) return;
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, 0);
    encoding.writeVarUint(encoder, ranges.length);
    for (const { client, deleted } of ranges) {
      encoding.writeVarUint(encoder, client);
      encoding.writeVarUint(encoder, deleted.length / 2);
      for (const value of deleted) encoding.writeVarUint(encoder, value);
    }
    pieces.push(encoding.toUint8Array(encoder));
    ranges = [];
    count = 0;
  };
  const clients = decoding.readVarUint(rest);
  for (let i = 0; i < clients; i++) {
    const client = decoding.readVarUint(rest);
    const deletions = decoding.readVarUint(rest);
    // A count beyond the bytes left is a forged header: the update check refuses it.
    if (deletions > rest.arr.length - rest.pos) throw new Error('forged delete set');
    let deleted: number[] = [];
    ranges.push({ client, deleted });
    for (let d = 0; d < deletions; d++) {
      if (count === maxRanges) {
        flush();
        deleted = [];
        ranges.push({ client, deleted });
      }
      deleted.push(decoder.readDsClock(), decoder.readDsLen());
      count += 1;
    }
  }
  flush();
  return pieces;
}

/**
 * The first deletion of length 0 in an update's delete set as it is written (client and
 * clock), or null. `Y.decodeUpdate` merges such an entry into its neighbour, so a check on
 * its result cannot see one; `Y.applyUpdate` reads each entry alone, and throws half way
 * through one at the end of a client's clock.
 */
export function emptyDeletion(update: Uint8Array): { client: number; clock: number } | null {
  try {
    const decoder = new Y.UpdateDecoderV1(decoding.createDecoder(update));
    const rest = decoder.restDecoder;
    const clients = decoding.readVarUint(rest);
    for (let i = 0; i < clients; i++) {
      const count = decoding.readVarUint(rest);
      decoder.readClient();
      decoding.readVarUint(rest);
      for (let s = 0; s < count; s++) readStruct(decoder);
    }
    const deleting = decoding.readVarUint(rest);
    for (let i = 0; i < deleting; i++) {
      const client = decoding.readVarUint(rest);
      const deletions = decoding.readVarUint(rest);
      for (let d = 0; d < deletions; d++) {
        const clock = decoder.readDsClock();
        if (decoder.readDsLen() === 0) return { client, clock };
      }
    }
    return null;
  } catch {
    return null; // undecodable: the update check says why
  }
}

/**
 * Applies an update to a document that no one reads meanwhile (a plan being loaded from
 * storage), in pieces with `pause` between them: a whole plan's snapshot is otherwise one
 * piece of work as long as the plan is large.
 */
export async function applyInSteps(doc: Y.Doc, update: Uint8Array, pause: Pause): Promise<void> {
  const pieces = update.byteLength > SPLIT_ABOVE_BYTES ? await splitUpdate(update, pause) : null;
  if (!pieces) {
    Y.applyUpdate(doc, update);
    return;
  }
  for (let piece = pieces.next(doc); piece; piece = pieces.next(doc)) {
    Y.applyUpdate(doc, piece);
    const wait = pause();
    if (wait) await wait;
  }
}

/** The pieces of one split update, handed out in an order the document can apply them in. */
export class UpdatePieces {
  constructor(
    private readonly update: Uint8Array,
    private readonly blocks: Block[],
    /** The delete set, in pieces of their own (see `deletionPieces`). */
    private readonly deletions: Uint8Array[],
    private readonly maxStructs: number,
  ) {}

  /**
   * The next piece that applies to `doc` as it is now, or, when none does, everything
   * left as one update; null once all is handed out. The delete set comes last.
   */
  next(doc: Y.Doc): Uint8Array | null {
    const open = this.blocks.filter((block) => block.next < block.structs.length);
    if (open.length === 0) return this.deletions.shift() ?? null;
    for (const block of open) {
      const end = this.readyEnd(
        doc,
        block,
        Math.min(block.next + this.maxStructs, block.structs.length),
      );
      if (end === block.next) continue;
      const piece = this.encode([{ block, end }]);
      block.next = end;
      return piece;
    }
    return this.rest();
  }

  // Everything not handed out yet, as one update.
  private rest(): Uint8Array | null {
    const open = this.blocks.filter((block) => block.next < block.structs.length);
    if (open.length === 0) return null;
    const slices = open.map((block) => ({ block, end: block.structs.length }));
    const piece = this.encode(slices);
    for (const block of open) block.next = block.structs.length;
    return piece;
  }

  // How far from `block.next` (up to `limit`) the run is ready: the document already has
  // everything each struct names outside the run, and the run starts where the document's
  // structs of its client end (or before: Yjs skips what it has). Yjs integrates a client's
  // structs in clock order, so names inside the run are met.
  private readyEnd(doc: Y.Doc, block: Block, limit: number): number {
    const first = block.structs[block.next];
    if (!first || first.clock > Y.getState(doc.store, block.client)) return block.next;
    for (let s = block.next; s < limit; s++) {
      const struct = block.structs[s] as StructSpan;
      const { refs } = struct;
      for (let r = 0; r < refs.length; r += 2) {
        const client = refs[r] as number;
        const clock = refs[r + 1] as number;
        const inRun = client === block.client && clock >= first.clock && clock < struct.clock;
        if (!inRun && clock >= Y.getState(doc.store, client)) return s;
      }
    }
    return limit;
  }

  private encode(slices: { block: Block; end: number }[]): Uint8Array {
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, slices.length);
    for (const { block, end } of slices) {
      const first = block.structs[block.next] as StructSpan;
      encoding.writeVarUint(encoder, end - block.next);
      encoding.writeVarUint(encoder, block.client);
      encoding.writeVarUint(encoder, first.clock);
      encoding.writeUint8Array(
        encoder,
        this.update.subarray(first.start, (block.structs[end - 1] as StructSpan).end),
      );
    }
    encoding.writeVarUint(encoder, 0);
    return encoding.toUint8Array(encoder);
  }
}

/** Reads one struct as Yjs would (`readClientsStructRefs`): its clock length and the ids it names. */
function readStruct(decoder: Y.UpdateDecoderV1): { length: number; refs: number[] } {
  const rest = decoder.restDecoder;
  const info = decoder.readInfo();
  const kind = info & BITS5;
  // GC (0) and Skip (10) are a length alone.
  if (kind === 0 || kind === 10) return { length: decoding.readVarUint(rest), refs: [] };
  const refs: number[] = [];
  if ((info & BIT8) === BIT8) {
    const origin = decoder.readLeftID();
    refs.push(origin.client, origin.clock);
  }
  if ((info & BIT7) === BIT7) {
    const rightOrigin = decoder.readRightID();
    refs.push(rightOrigin.client, rightOrigin.clock);
  }
  if ((info & (BIT7 | BIT8)) === 0) {
    if (decoder.readParentInfo()) decoder.readString();
    else {
      const parent = decoder.readLeftID();
      refs.push(parent.client, parent.clock);
    }
    if ((info & BIT6) === BIT6) decoder.readString();
  }
  return { length: readContentLength(decoder, kind), refs };
}

/** Reads an item's content (see `contentRefs` in yjs) and returns how many clocks it takes. */
function readContentLength(decoder: Y.UpdateDecoderV1, kind: number): number {
  switch (kind) {
    case 1: // deleted
      return decoder.readLen();
    case 2: {
      // JSON
      const length = decoder.readLen();
      for (let i = 0; i < length; i++) decoder.readString();
      return length;
    }
    case 3: // binary
      decoder.readBuf();
      return 1;
    case 4: // string: its length in UTF-16 code units, as JavaScript counts
      return decoder.readString().length;
    case 5: // embed
      decoder.readJSON();
      return 1;
    case 6: // format
      decoder.readKey();
      decoder.readJSON();
      return 1;
    case 7: {
      // type
      const typeRef = decoder.readTypeRef();
      if (typeRef === XML_ELEMENT || typeRef === XML_HOOK) decoder.readKey();
      return 1;
    }
    case 8: {
      // any
      const length = decoder.readLen();
      for (let i = 0; i < length; i++) decoder.readAny();
      return length;
    }
    case 9: // subdocument
      decoder.readString();
      decoder.readAny();
      return 1;
    default:
      throw new Error(`unknown content ${kind}`);
  }
}
