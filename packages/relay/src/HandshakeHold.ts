import type { FrameWeight } from './frameWeight.ts';

/**
 * Holds a client's document frames from the moment it connects until it has answered the
 * server's "what are you missing" (its sync step 2).
 *
 * The stock client sends each change as it is made, also in the moment after a reconnect
 * before it has answered: such a change builds on changes the server never got (those
 * made while it was away), so on its own it has a gap and would be refused (4422, after
 * which the stock client gives up). Its answer, computed later, carries everything the
 * server lacks, these changes included. So they wait and go to the room after the
 * answer (where they change nothing more); save requests wait with them, so their
 * acknowledgement still means "everything before it is stored". A client that never
 * answers gets its frames handled as they come once `maxHeldBytes` or `maxHeldFrames` wait.
 */
export class HandshakeHold {
  private held: Uint8Array[] = [];
  private heldBytes = 0;
  private answered = false;

  constructor(
    private readonly maxHeldBytes: number,
    private readonly maxHeldFrames: number,
  ) {}

  /** The frames to hand to the room now, in the order the room must see them. */
  pass(data: Uint8Array, weight: FrameWeight): Uint8Array[] {
    if (this.answered || weight.kind !== 'document' || weight.sync === 'request') return [data];
    if (weight.sync === 'answer') {
      this.answered = true;
      return [data, ...this.release()];
    }
    this.held.push(data);
    this.heldBytes += data.byteLength;
    if (this.heldBytes <= this.maxHeldBytes && this.held.length <= this.maxHeldFrames) return [];
    this.answered = true;
    return this.release();
  }

  private release(): Uint8Array[] {
    const frames = this.held;
    this.held = [];
    this.heldBytes = 0;
    return frames;
  }
}
