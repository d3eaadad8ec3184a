import { MESSAGE_AWARENESS, MESSAGE_QUERY_AWARENESS } from '@plenary/model';
import * as decoding from 'lib0/decoding';

/**
 * What a frame asks of the server, as far as its fair share is concerned: a document
 * frame (an update, a sync request, a save request: each is work in the plan's queue),
 * presence, or a query for everyone's presence.
 */
export type FrameWeight =
  | { kind: 'document' }
  | { kind: 'presence'; clientIds: number[]; largestState: number }
  | { kind: 'query-presence' }
  | { kind: 'unknown' };

/**
 * Reads just enough of a frame to charge it: its message type and, for presence, whose
 * states it carries and how large the largest is, without parsing their JSON (a 7 MB
 * state is refused before it is parsed). A frame that does not decode is `unknown`; the
 * room refuses it with a precise reason.
 */
export function weighFrame(data: Uint8Array): FrameWeight {
  try {
    const decoder = decoding.createDecoder(data);
    const type = decoding.readVarUint(decoder);
    if (type === MESSAGE_QUERY_AWARENESS) return { kind: 'query-presence' };
    if (type !== MESSAGE_AWARENESS) return { kind: 'document' };
    const update = decoding.createDecoder(decoding.readVarUint8Array(decoder));
    const count = decoding.readVarUint(update);
    const clientIds: number[] = [];
    let largestState = 0;
    for (let i = 0; i < count; i++) {
      clientIds.push(decoding.readVarUint(update));
      decoding.readVarUint(update);
      largestState = Math.max(largestState, decoding.readVarUint8Array(update).byteLength);
    }
    return { kind: 'presence', clientIds, largestState };
  } catch {
    return { kind: 'unknown' };
  }
}
