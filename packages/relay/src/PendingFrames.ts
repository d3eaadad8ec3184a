/**
 * The frames a socket sends before they can be handled: while the server checks its link,
 * then while its plan loads. One buffer for both, kept in order and bounded in bytes, so a
 * client that sends before it is served holds at most `maxBytes` of the server's memory.
 */

/** Most bytes of frames one socket may have waiting while it connects. */
export const MAX_PENDING_BYTES = 1024 * 1024;

/** One kept frame, and whether it is the client's sync answer (see `Connection.markAnswered`). */
interface PendingFrame {
  data: Uint8Array;
  answer: boolean;
}

/** Frames kept in arrival order until the connection can take them. */
export class PendingFrames {
  private frames: PendingFrame[] = [];
  private bytes = 0;

  constructor(readonly maxBytes: number = MAX_PENDING_BYTES) {}

  /**
   * Keeps a frame; false, keeping nothing, when it would take the buffer past `maxBytes`.
   * A frame that finds the buffer empty is always kept: how large one frame may be is the
   * frame limit's business, and a large paste sent at once must not be refused here.
   */
  push(data: Uint8Array, answer = false): boolean {
    if (this.frames.length > 0 && this.bytes + data.byteLength > this.maxBytes) return false;
    this.frames.push({ data, answer });
    this.bytes += data.byteLength;
    return true;
  }

  /** Empties the buffer, handing back its frames oldest first. */
  take(): PendingFrame[] {
    const frames = this.frames;
    this.frames = [];
    this.bytes = 0;
    return frames;
  }
}
