/**
 * Yjs updates as a hostile client writes them, for the attack tests (and fuzzers) of the
 * relay and the server: public so that both build the same bytes.
 */
import * as encoding from 'lib0/encoding';
import * as Y from 'yjs';

/**
 * An update (v1 encoding) holding, under each of `clientIds` from `clock` on, `count` GC
 * structs of `length` clocks each, and no deletions: it touches no root, but takes those
 * clocks from whoever owns the ids.
 */
export function gcStructsUpdate(
  clientIds: readonly number[],
  clock: number,
  { length = 1, count = 1 }: { length?: number; count?: number } = {},
): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, clientIds.length);
  for (const clientId of clientIds) {
    encoding.writeVarUint(encoder, count); // structs in this client's block
    encoding.writeVarUint(encoder, clientId);
    encoding.writeVarUint(encoder, clock);
    for (let i = 0; i < count; i += 1) {
      encoding.writeUint8(encoder, 0); // info 0: a GC struct
      encoding.writeVarUint(encoder, length);
    }
  }
  encoding.writeVarUint(encoder, 0); // an empty delete set
  return encoding.toUint8Array(encoder);
}

/**
 * What a client writing under `clientId` sends when it makes `change` on a copy of
 * `state` (the server's document, as another client has it).
 */
export function updateAs(
  clientId: number,
  state: Uint8Array,
  change: (doc: Y.Doc) => void,
): Uint8Array {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, state);
  // Set after loading the state: Yjs gives a doc a new id when a remote update writes
  // under its own, as it would if `clientId` were set first.
  doc.clientID = clientId;
  const before = Y.encodeStateVector(doc);
  change(doc);
  const update = Y.encodeStateAsUpdate(doc, before);
  doc.destroy();
  return update;
}

/**
 * A presence update announcing `state` under `clientId` at `clock`: an attacker picks a
 * clock above the one the server last saw for that id, or the state would be ignored.
 */
export function presenceUpdateAs(
  clientId: number,
  state: Record<string, unknown>,
  clock = 1,
): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, 1); // entries
  encoding.writeVarUint(encoder, clientId);
  encoding.writeVarUint(encoder, clock);
  encoding.writeVarString(encoder, JSON.stringify(state));
  return encoding.toUint8Array(encoder);
}
