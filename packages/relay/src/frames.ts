import {
  MESSAGE_AWARENESS,
  MESSAGE_SAVED,
  MESSAGE_SYNC,
  SYNC_STEP_1,
  SYNC_STEP_2,
  SYNC_UPDATE,
} from '@plenary/model';
import * as encoding from 'lib0/encoding';

/** `[sync][step 1][state vector]`: "tell me what I am missing". */
export function syncStep1Frame(stateVector: Uint8Array): Uint8Array {
  return frame(MESSAGE_SYNC, SYNC_STEP_1, stateVector);
}

/** `[sync][step 2][update]`: the answer to step 1. */
export function syncStep2Frame(update: Uint8Array): Uint8Array {
  return frame(MESSAGE_SYNC, SYNC_STEP_2, update);
}

/** `[sync][update][update]`: a live change. */
export function updateFrame(update: Uint8Array): Uint8Array {
  return frame(MESSAGE_SYNC, SYNC_UPDATE, update);
}

/** `[awareness][update]`. */
export function awarenessFrame(update: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MESSAGE_AWARENESS);
  encoding.writeVarUint8Array(encoder, update);
  return asBuffer(encoding.toUint8Array(encoder));
}

/** `[saved][nonce]`: everything before the request with this nonce is stored. */
export function savedFrame(nonce: number): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MESSAGE_SAVED);
  encoding.writeVarUint(encoder, nonce);
  return encoding.toUint8Array(encoder);
}

function frame(type: number, subType: number, payload: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, type);
  encoding.writeVarUint(encoder, subType);
  encoding.writeVarUint8Array(encoder, payload);
  return asBuffer(encoding.toUint8Array(encoder));
}

/**
 * The same bytes as a Buffer, without copying: `ws` wraps any other Uint8Array in a Buffer
 * of its own each time it is sent, and a room sends one update frame to every socket.
 */
function asBuffer(bytes: Uint8Array): Uint8Array {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}
