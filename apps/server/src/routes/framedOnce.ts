import type { Socket } from 'node:net';
import { WebSocket } from 'ws';

/** RFC 6455 §5.2: FIN set, opcode 2 (binary), no RSV bits. */
const FIN_BINARY = 0x82;
/** Payload lengths up to this fit in the second header byte. */
const SHORT_LENGTH = 125;
/** The second header byte that announces a 16-bit, or a 64-bit, payload length. */
const LENGTH_16 = 126;
const LENGTH_64 = 127;

/**
 * The server's unmasked binary frame carrying `data` (header and payload in one buffer),
 * so that one socket write sends it.
 */
export function binaryFrame(data: Uint8Array): Buffer {
  const length = data.byteLength;
  const headerBytes = length <= SHORT_LENGTH ? 2 : length <= 0xffff ? 4 : 10;
  const frame = Buffer.allocUnsafe(headerBytes + length);
  frame[0] = FIN_BINARY;
  if (headerBytes === 2) frame[1] = length;
  else if (headerBytes === 4) {
    frame[1] = LENGTH_16;
    frame.writeUInt16BE(length, 2);
  } else {
    frame[1] = LENGTH_64;
    frame.writeBigUInt64BE(BigInt(length), 2);
  }
  frame.set(data, headerBytes);
  return frame;
}

/**
 * Sends the relay's frames to websockets, each one framed once however many sockets it
 * goes to. The relay hands the same bytes to every socket of a room in a row (one fan-out);
 * through `ws.send` each socket would frame them again and write header and payload as two
 * chunks (a corked `writev`). Here the last bytes framed are kept, by identity, and the
 * finished frame is written straight to the socket's TCP stream, one chunk, one write.
 *
 * Keyed by identity as `ws` itself keeps no copy: the relay never changes bytes it sent.
 */
export class FramedOnce {
  private lastData: Uint8Array | null = null;
  private lastFrame: Buffer | null = null;

  /** The frame carrying `data`, built once for a run of sends of the same bytes. */
  frame(data: Uint8Array): Buffer {
    if (data !== this.lastData || !this.lastFrame) {
      this.lastFrame = binaryFrame(data);
      this.lastData = data;
    }
    return this.lastFrame;
  }

  /**
   * Sends `data` over `socket`, straight to `stream`, its TCP stream, while `ws` would also
   * write the frame at once and in order: the socket is open (after a close `ws` drops
   * frames) and `stream` is given, i.e. the socket negotiated no compression (see
   * `directStream`). Pings, pongs and closes, which `ws` writes to the stream as they are
   * made, stay in order with these writes; what waits in the stream counts in
   * `socket.bufferedAmount` as before. Otherwise `ws.send` decides.
   */
  send(socket: WebSocket, stream: Socket | null, data: Uint8Array): void {
    if (stream && socket.readyState === WebSocket.OPEN && stream.writable) {
      stream.write(this.frame(data));
    } else {
      socket.send(data, { binary: true });
    }
  }
}

/**
 * The TCP stream frames may be written to directly for `socket`, or null when `ws` must
 * write them: it negotiated an extension (compression, where `ws` holds frames back while
 * it compresses one). Extensions are settled in the handshake, so this is asked once.
 */
export function directStream(socket: WebSocket, stream: Socket): Socket | null {
  return socket.extensions === '' ? stream : null;
}
