import * as encoding from 'lib0/encoding';

/**
 * A WebSocket a test plays the server for: it records the frames the client sends,
 * delivers the test's frames, and closes with the codes the server would send.
 */
export class FakeWebSocket {
  static readonly CONNECTING = 0;
  static readonly OPEN = 1;
  static readonly CLOSING = 2;
  static readonly CLOSED = 3;
  /** Every socket opened since the last `reset`, oldest first. */
  static opened: FakeWebSocket[] = [];
  readonly OPEN = 1;
  readyState = 0;
  binaryType = 'blob';
  readonly sent: Uint8Array[] = [];
  onopen: (() => void) | null = null;
  onmessage: ((event: { data: ArrayBuffer }) => void) | null = null;
  onclose: ((event: { code: number; reason: string }) => void) | null = null;
  onerror: (() => void) | null = null;

  constructor(readonly url: string) {
    FakeWebSocket.opened.push(this);
  }

  /** The socket opened last. */
  static latest(): FakeWebSocket {
    const socket = FakeWebSocket.opened.at(-1);
    if (!socket) throw new Error('the provider opened no socket');
    return socket;
  }

  /** Forgets the sockets of earlier tests. */
  static reset(): void {
    FakeWebSocket.opened = [];
  }

  send(data: Uint8Array): void {
    this.sent.push(data);
  }

  close(): void {
    this.readyState = 3;
  }

  /** The server accepts the connection. */
  open(): void {
    this.readyState = 1;
    this.onopen?.();
  }

  /** The server sends a frame. */
  deliver(build: (encoder: encoding.Encoder) => void): void {
    const encoder = encoding.createEncoder();
    build(encoder);
    const bytes = encoding.toUint8Array(encoder);
    this.onmessage?.({
      data: bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.length),
    });
  }

  /** The server closes the connection with a code and a reason. */
  serverClose(code: number, reason = ''): void {
    this.readyState = 3;
    this.onclose?.({ code, reason });
  }
}

/** Provider options that make the provider use the fake instead of the DOM class. */
export const FAKE_SOCKET_OPTIONS = {
  // A stand-in for the DOM class; the provider only uses what FakeWebSocket has.
  WebSocketPolyfill: FakeWebSocket as unknown as typeof WebSocket,
};
