import type { FanOutListener, PlanMessage, RelayFanOut } from '../fanOut.ts';

/** One process's end of a MemoryBus. */
class MemoryFanOut implements RelayFanOut {
  listener: FanOutListener | null = null;
  readonly plans = new Set<string>();
  /** While true, this process hears nothing (its link is down); what it missed is dropped. */
  deaf = false;

  constructor(private readonly bus: MemoryBus) {}

  listen(listener: FanOutListener): void {
    this.listener = listener;
  }

  async subscribe(planId: string): Promise<void> {
    this.plans.add(planId);
  }

  unsubscribe(planId: string): void {
    this.plans.delete(planId);
  }

  publish(planId: string, message: PlanMessage): void {
    this.bus.deliver(this, planId, message);
  }

  async claim(key: string, ttlMs: number): Promise<boolean> {
    return this.bus.claim(key, ttlMs);
  }
}

/**
 * Redis as the relay's fan-out sees it, in memory, for testing several relays (processes)
 * deterministically: messages are delivered on the next tick, and a process can be made
 * deaf to drop what it would hear.
 */
export class MemoryBus {
  private readonly ends: MemoryFanOut[] = [];
  private readonly claims = new Map<string, number>();

  /** A new process's fan-out. */
  connect(): MemoryFanOut {
    const end = new MemoryFanOut(this);
    this.ends.push(end);
    return end;
  }

  deliver(from: MemoryFanOut, planId: string, message: PlanMessage): void {
    for (const end of this.ends) {
      if (end === from || end.deaf || !end.plans.has(planId)) continue;
      setImmediate(() => end.listener?.onMessage(planId, message));
    }
  }

  claim(key: string, ttlMs: number): boolean {
    const now = Date.now();
    if ((this.claims.get(key) ?? 0) > now) return false;
    this.claims.set(key, now + ttlMs);
    return true;
  }
}
