import * as decoding from 'lib0/decoding';

/**
 * The client ids an awareness update speaks for. Reading it in full also proves the
 * update is well-formed before y-protocols applies it (that function would throw half
 * way through and leave the room's presence half updated).
 */
export function awarenessClientIds(update: Uint8Array): number[] {
  const decoder = decoding.createDecoder(update);
  const count = decoding.readVarUint(decoder);
  const ids: number[] = [];
  for (let i = 0; i < count; i++) {
    ids.push(decoding.readVarUint(decoder));
    decoding.readVarUint(decoder); // clock
    JSON.parse(decoding.readVarString(decoder));
  }
  if (decoding.hasContent(decoder)) throw new Error('awareness update has trailing bytes');
  return ids;
}
