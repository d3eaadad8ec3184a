import {
  MESSAGE_AWARENESS,
  MESSAGE_QUERY_AWARENESS,
  MESSAGE_SYNC,
  SYNC_STEP_1,
  SYNC_STEP_2,
} from '@plenary/model';
import * as decoding from 'lib0/decoding';

/**
 * What a frame asks of the server, as far as its fair share is concerned: a document
 * frame (an update, a sync request, a save request: each is work in the plan's queue),
 * presence, or a query for everyone's presence. A sync frame says whether it asks what it
 * is missing (`request`), answers the server's request (`answer`), or is anything else.
 */
export type FrameWeight =
  | { kind: 'document'; sync: 'request' | 'answer' | 'other' }
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
    if (type === MESSAGE_SYNC) {
      const step = decoding.readVarUint(decoder);
      const sync = step === SYNC_STEP_1 ? 'request' : step === SYNC_STEP_2 ? 'answer' : 'other';
      return { kind: 'document', sync };
    }
    if (type === MESSAGE_QUERY_AWARENESS) return { kind: 'query-presence' };
    if (type !== MESSAGE_AWARENESS) return { kind: 'document', sync: 'other' };
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
