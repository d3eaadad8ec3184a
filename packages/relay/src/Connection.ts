import type { ConnectionContext, RelaySocket } from './types.ts';

/** One client's socket in a room, and the presence entries it speaks for. */
export class Connection {
  /** Awareness client ids this socket has set, removed when it leaves. */
  readonly awarenessIds = new Set<number>();
  /** The Yjs client this socket announced in its first presence update. */
  awarenessClientId: number | null = null;
  private isClosed = false;

  constructor(
    readonly planId: string,
    readonly socket: RelaySocket,
    readonly context: ConnectionContext,
  ) {}

  /** True once the relay or the peer has closed this connection. */
  get closed(): boolean {
    return this.isClosed;
  }

  /** Sends a frame; a socket that throws is treated as gone. */
  send(data: Uint8Array): void {
    if (this.isClosed) return;
    try {
      this.socket.send(data);
    } catch {
      this.close(1011, 'send failed');
    }
  }

  /** Closes the socket once, with a code and reason the client can show. */
  close(code: number, reason: string): void {
    if (this.isClosed) return;
    this.isClosed = true;
    try {
      this.socket.close(code, reason);
    } catch {
      // The peer is already gone; nothing left to tell it.
    }
  }

  /** Marks the connection closed after the peer went away. */
  markClosed(): void {
    this.isClosed = true;
  }
}
