import { savedFrame } from '@plenary/relay';
import * as decoding from 'lib0/decoding';
import { WebSocket } from 'ws';

/** An attacker's raw socket: sends a frame and waits until the server answered or closed. */
export class AttackerSocket {
  private answered = new Set<number>();
  private closeCode: number | null = null;
  private wake: (() => void) | null = null;

  private constructor(private readonly socket: WebSocket) {
    socket.on('message', (data: Buffer) => {
      if (data[0] !== 100) return;
      try {
        const decoder = decoding.createDecoder(data.subarray(1));
        this.answered.add(decoding.readVarUint(decoder));
      } catch {
        return;
      }
      this.wake?.();
    });
    socket.on('close', (code) => {
      this.closeCode = code;
      this.wake?.();
    });
    socket.on('error', () => undefined);
  }

  /** Opens a raw socket to `url` (the sync URL with plan and token). */
  static open(url: string): Promise<AttackerSocket> {
    return new Promise((resolve, reject) => {
      const socket = new WebSocket(url);
      socket.once('open', () => resolve(new AttackerSocket(socket)));
      socket.once('error', reject);
    });
  }

  /** False once the server closed the socket. */
  get isOpen(): boolean {
    return this.closeCode === null;
  }

  /**
   * Sends `frame` and then a save request, whose answer comes once the server has dealt
   * with the frame; resolves with 'answered', the close code, or -1 when neither came.
   */
  async probe(frame: Uint8Array, nonce: number, timeoutMs = 15_000): Promise<'answered' | number> {
    this.socket.send(frame);
    this.socket.send(savedFrame(nonce));
    const deadline = Date.now() + timeoutMs;
    while (!this.answered.has(nonce) && this.closeCode === null) {
      if (Date.now() > deadline) return -1;
      await new Promise<void>((resolve) => {
        this.wake = resolve;
        setTimeout(resolve, 250);
      });
    }
    this.wake = null;
    return this.answered.delete(nonce) ? 'answered' : (this.closeCode ?? -1);
  }

  /** Closes the socket from this side. */
  close(): void {
    this.socket.close();
  }
}
