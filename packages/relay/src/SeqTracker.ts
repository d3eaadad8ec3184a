/**
 * Which stored updates (by their seq in the plan's log) a room's document holds. With one
 * process these arrive in order; with several, another process's update can arrive after
 * a later one of this process's own. Compaction may only fold what the document holds
 * without a gap, or it would delete a row the snapshot lacks.
 */
export class SeqTracker {
  private contiguous: number;
  private readonly ahead = new Set<number>();

  constructor(loadedThrough: number) {
    this.contiguous = loadedThrough;
  }

  /** The highest seq such that every update up to it is in the document. */
  get through(): number {
    return this.contiguous;
  }

  /** Whether some update after `through` is held while an earlier one is not. */
  get hasGap(): boolean {
    return this.ahead.size > 0;
  }

  /** Records that the update stored as `seq` is in the document. */
  note(seq: number): void {
    if (seq <= this.contiguous) return;
    this.ahead.add(seq);
    while (this.ahead.delete(this.contiguous + 1)) this.contiguous += 1;
  }

  /** Records that the document holds everything up to `seq` (it was read from storage). */
  holdThrough(seq: number): void {
    if (seq > this.contiguous) this.contiguous = seq;
    for (const held of this.ahead) if (held <= this.contiguous) this.ahead.delete(held);
    while (this.ahead.delete(this.contiguous + 1)) this.contiguous += 1;
  }
}
