import {
  MESSAGE_AWARENESS,
  MESSAGE_QUERY_AWARENESS,
  MESSAGE_SAVED,
  MESSAGE_SYNC,
  SYNC_STEP_1,
  SYNC_STEP_2,
  SYNC_UPDATE,
} from '@plenary/model';
import * as decoding from 'lib0/decoding';
import * as Y from 'yjs';

/** A client frame, decoded completely before anything acts on it. */
export type IncomingFrame =
  | { kind: 'sync-step-1'; stateVector: Uint8Array }
  | { kind: 'update'; update: Uint8Array }
  | { kind: 'awareness'; update: Uint8Array }
  | { kind: 'query-awareness' }
  | { kind: 'save-request'; nonce: number };

/** Why a frame was refused before it reached the document. */
export class FrameError extends Error {
  constructor(
    readonly kind: 'malformed' | 'unknown-type',
    message: string,
  ) {
    super(message);
    this.name = 'FrameError';
  }
}

/**
 * Decodes one frame. Throws `FrameError` for truncated frames, trailing bytes and
 * unknown message types; lib0's readers are bounds-checked, so a lying length prefix
 * fails here rather than reading outside the frame.
 */
export function decodeIncomingFrame(data: Uint8Array): IncomingFrame {
  const decoder = decoding.createDecoder(data);
  let frame: IncomingFrame;
  try {
    frame = readFrame(decoder);
  } catch (error) {
    if (error instanceof FrameError) throw error;
    throw new FrameError('malformed', `malformed frame: ${(error as Error).message}`);
  }
  if (decoding.hasContent(decoder)) {
    throw new FrameError('malformed', 'malformed frame: trailing bytes after the message');
  }
  return frame;
}

function readFrame(decoder: decoding.Decoder): IncomingFrame {
  const type = decoding.readVarUint(decoder);
  switch (type) {
    case MESSAGE_SYNC: {
      const subType = decoding.readVarUint(decoder);
      const payload = decoding.readVarUint8Array(decoder);
      if (subType === SYNC_STEP_1) {
        // Decoded now so that a broken state vector is a malformed frame, not a failure
        // later inside the room's queue.
        Y.decodeStateVector(payload);
        return { kind: 'sync-step-1', stateVector: payload };
      }
      if (subType === SYNC_STEP_2 || subType === SYNC_UPDATE) {
        return { kind: 'update', update: payload };
      }
      throw new FrameError('unknown-type', `unknown sync message type ${subType}`);
    }
    case MESSAGE_AWARENESS:
      return { kind: 'awareness', update: decoding.readVarUint8Array(decoder) };
    case MESSAGE_QUERY_AWARENESS:
      return { kind: 'query-awareness' };
    case MESSAGE_SAVED:
      return { kind: 'save-request', nonce: decoding.readVarUint(decoder) };
    default:
      throw new FrameError('unknown-type', `unknown message type ${type}`);
  }
}
