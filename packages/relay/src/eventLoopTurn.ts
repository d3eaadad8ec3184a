/**
 * Rooms run their queued work as a chain of promises, and promise callbacks run before
 * the event loop reads any socket: a plan with thousands of queued updates would hold
 * every other plan, the health check and the pings until it is done. Each queued task
 * asks for a turn first; after a few milliseconds of work in one pass of the event loop
 * the answer waits for the next pass, so sockets and timers are served in between.
 */

/** Work one pass of the event loop may do before queued room work waits for the next. */
export const TURN_MS = 4;

let turnStartedAt: number | null = null;

/** Null to go on at once, or a promise that resolves once the event loop had a pass. */
export function nextTurn(): Promise<void> | null {
  const now = performance.now();
  if (turnStartedAt === null) {
    turnStartedAt = now;
    // Runs at the start of the next pass, whenever that comes: this pass's work is done.
    setImmediate(() => {
      turnStartedAt = null;
    });
    return null;
  }
  if (now - turnStartedAt < TURN_MS) return null;
  return new Promise((resolve) => setImmediate(resolve));
}
