/**
 * A budget that refills at a steady rate up to a burst. A cost is taken whenever the
 * bucket is not in debt, even a cost larger than what is left (it then goes into debt):
 * one large frame, such as a long paste or the changes of an hour offline, always gets
 * through once and is paid back before the next, so no honest frame is too big for it.
 */
export class TokenBucket {
  private tokens: number;
  private updatedAt: number;

  constructor(
    private readonly perSecond: number,
    private readonly burst: number,
    now: number,
  ) {
    this.tokens = burst;
    this.updatedAt = now;
  }

  /** Takes `cost` and says true, or says false (taking nothing) while in debt. */
  take(cost: number, now: number): boolean {
    this.refill(now);
    if (this.tokens <= 0) return false;
    this.tokens -= cost;
    return true;
  }

  /** Milliseconds until the bucket holds `share` (0-1) of its burst again; 0 when it does. */
  msUntil(share: number, now: number): number {
    this.refill(now);
    const missing = share * this.burst - this.tokens;
    return missing > 0 ? Math.ceil((missing / this.perSecond) * 1000) : 0;
  }

  /** True when the bucket has refilled completely (nothing is owed or spent). */
  isFull(now: number): boolean {
    this.refill(now);
    return this.tokens >= this.burst;
  }

  private refill(now: number): void {
    const elapsed = Math.max(0, now - this.updatedAt) / 1000;
    this.tokens = Math.min(this.burst, this.tokens + elapsed * this.perSecond);
    this.updatedAt = now;
  }
}
