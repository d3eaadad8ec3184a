/**
 * Yjs updates written byte by byte (update format v1, as yjs 13.6 encodes it), for what an
 * honest Y.Doc never produces: deletions of ranges that may not exist, and items that nest
 * in, or follow, items later in the same update (GC structs: the relay's `gcStructsUpdate`).
 * Each builder returns the update only; wrap it in a frame to send it.
 */
import * as encoding from 'lib0/encoding';

/** Content ref numbers and info bits of the v1 struct encoding. */
const TYPE_REF = 7;
const XML_ELEMENT_TYPE = 3;
const HAS_ORIGIN = 0b1000_0000;

/** A range of clocks of one client, as a delete set lists it. */
export interface ClockRange {
  client: number;
  clock: number;
  len: number;
}

function writeDeleteSet(encoder: encoding.Encoder, deletions: readonly ClockRange[]): void {
  encoding.writeVarUint(encoder, deletions.length);
  for (const { client, clock, len } of deletions) {
    encoding.writeVarUint(encoder, client);
    encoding.writeVarUint(encoder, 1);
    encoding.writeVarUint(encoder, clock);
    encoding.writeVarUint(encoder, len);
  }
}

/** Starts an update of one client's `count` structs from `clock` on. */
function clientBlock(client: number, clock: number, count: number): encoding.Encoder {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, 1);
  encoding.writeVarUint(encoder, count);
  encoding.writeVarUint(encoder, client);
  encoding.writeVarUint(encoder, clock);
  return encoder;
}

/** An update with no structs that deletes the given ranges. */
export function deletionUpdate(deletions: readonly ClockRange[]): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, 0);
  writeDeleteSet(encoder, deletions);
  return encoding.toUint8Array(encoder);
}

/**
 * `depth` XML elements of `client` from clock 0, each nested in the one after it, the
 * last in the root `root`: every parent reference points forward in the update, so
 * whatever resolves parents one by one has to go `depth` levels deep.
 */
export function reversedNestingUpdate(client: number, depth: number, root: string): Uint8Array {
  const encoder = clientBlock(client, 0, depth);
  for (let clock = 0; clock < depth; clock++) {
    encoding.writeUint8(encoder, TYPE_REF);
    const last = clock === depth - 1;
    // Parent info: 1 names a root by key, 0 names the item holding the parent type.
    encoding.writeVarUint(encoder, last ? 1 : 0);
    if (last) encoding.writeVarString(encoder, root);
    else {
      encoding.writeVarUint(encoder, client);
      encoding.writeVarUint(encoder, clock + 1);
    }
    encoding.writeVarUint(encoder, XML_ELEMENT_TYPE);
    encoding.writeVarString(encoder, 'paragraph');
  }
  writeDeleteSet(encoder, []);
  return encoding.toUint8Array(encoder);
}

/**
 * `length` XML elements of `client` from clock 0, each placed right after the one after
 * it (left origins pointing forward), the last after `anchor`: a chain of neighbours as
 * deep as the update is long.
 */
export function reversedOriginUpdate(
  client: number,
  length: number,
  anchor: { client: number; clock: number },
): Uint8Array {
  const encoder = clientBlock(client, 0, length);
  for (let clock = 0; clock < length; clock++) {
    encoding.writeUint8(encoder, TYPE_REF | HAS_ORIGIN);
    const last = clock === length - 1;
    encoding.writeVarUint(encoder, last ? anchor.client : client);
    encoding.writeVarUint(encoder, last ? anchor.clock : clock + 1);
    encoding.writeVarUint(encoder, XML_ELEMENT_TYPE);
    encoding.writeVarString(encoder, 'paragraph');
  }
  writeDeleteSet(encoder, []);
  return encoding.toUint8Array(encoder);
}
