/**
 * Counts failed guesses of a short secret per minute, for each client address and for the
 * whole server. A venue's fifty phones share one address, so the per-address budget is
 * only a first brake; the server-wide budget is what bounds an attacker who rotates
 * addresses, and it is generous so that a room typing codes is not locked out by a few typos.
 * Counts live in this process's memory: each process of a scale-out has its own budget.
 */
export class GuessLimiter {
  private minute = -1;
  private perAddress = new Map<string, number>();
  private total = 0;

  constructor(
    readonly perAddressPerMinute: number,
    readonly perServerPerMinute: number,
  ) {}

  /** Seconds until `address` may guess again, or 0 when it may now. */
  waitFor(address: string, now: Date): number {
    this.roll(now);
    const full =
      this.total >= this.perServerPerMinute ||
      (this.perAddress.get(address) ?? 0) >= this.perAddressPerMinute;
    return full ? Math.ceil((60_000 - (now.getTime() % 60_000)) / 1000) : 0;
  }

  /** Counts a wrong guess from `address`. */
  fail(address: string, now: Date): void {
    this.roll(now);
    this.total += 1;
    this.perAddress.set(address, (this.perAddress.get(address) ?? 0) + 1);
  }

  // Fixed one-minute windows: at most twice the budget across a boundary, which the odds
  // in SECURITY.md allow for.
  private roll(now: Date): void {
    const minute = Math.floor(now.getTime() / 60_000);
    if (minute === this.minute) return;
    this.minute = minute;
    this.perAddress = new Map();
    this.total = 0;
  }
}
