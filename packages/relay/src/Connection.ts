import { CloseCode } from '@plenary/model';
import type { ConnectionContext, RelaySocket } from './types.ts';

/** How long a change that arrived before the client's sync answer waits for it. */
export const ANSWER_WAIT_MS = 2_000;

/** How far behind a connection may fall, and who hears when it does. */
export interface SendLimit {
  maxUnsentBytes: number;
  onOverflow(unsentBytes: number): void;
}

/** One client's socket in a room, and the presence entries it speaks for. */
export class Connection {
  /** Awareness client ids this socket has set, removed when it leaves. */
  readonly awarenessIds = new Set<number>();
  /** The Yjs client this socket announced in its first presence update. */
  awarenessClientId: number | null = null;
  /**
   * True once the client has answered the server's "what are you missing" (its sync step
   * 2). The stock client sends each change as it is made, also right after reconnecting,
   * before it has answered: a change that builds on what it made while away cannot apply
   * yet, but its answer, computed later, carries it. Such a change waits for the answer
   * (see `awaitAnswer`) instead of being refused.
   */
  private answered = false;
  private answerTimer: NodeJS.Timeout | null = null;
  private isClosed = false;

  constructor(
    readonly planId: string,
    readonly socket: RelaySocket,
    readonly context: ConnectionContext,
    private readonly sendLimit: SendLimit | null = null,
  ) {}

  /** True once the client has answered the server's sync step 1. */
  get syncAnswered(): boolean {
    return this.answered;
  }

  /** Notes the client's sync answer: changes it sent before are in it. */
  markAnswered(): void {
    this.answered = true;
    if (this.answerTimer) clearTimeout(this.answerTimer);
    this.answerTimer = null;
  }

  /**
   * A change sent before the answer could not apply: unless the answer comes within
   * `ANSWER_WAIT_MS` (a client that is not the stock one may never send one), `refuse`.
   */
  awaitAnswer(refuse: () => void): void {
    if (this.answered || this.answerTimer) return;
    this.answerTimer = setTimeout(() => {
      this.answerTimer = null;
      if (!this.answered && !this.isClosed) refuse();
    }, ANSWER_WAIT_MS);
    this.answerTimer.unref();
  }

  /** True once the relay or the peer has closed this connection. */
  get closed(): boolean {
    return this.isClosed;
  }

  /**
   * Sends a frame; a socket that throws is treated as gone. A socket with more than
   * `sendLimit.maxUnsentBytes` still waiting (a phone that stopped reading) is closed instead of
   * buffering without end; checked before sending, so one large frame, such as a
   * first sync of a big plan, always fits.
   */
  send(data: Uint8Array): void {
    if (this.isClosed) return;
    const unsent = this.socket.bufferedAmount ?? 0;
    if (this.sendLimit && unsent > this.sendLimit.maxUnsentBytes) {
      this.close(
        CloseCode.CLIENT_TOO_SLOW,
        `${unsent} bytes were waiting for this connection; reconnect to catch up`,
      );
      this.sendLimit.onOverflow(unsent);
      return;
    }
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
