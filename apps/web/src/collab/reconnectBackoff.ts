/** The shortest wait before a reconnect: no phone at the venue retries faster than this. */
export const MIN_RECONNECT_MS = 1_000;
/** The base of the exponential growth of the reconnect window. */
export const RECONNECT_BASE_MS = 1_000;
/** The longest wait before a reconnect, however often the connection failed. */
export const MAX_RECONNECT_MS = 30_000;

/**
 * How long to wait before reconnect attempt number `attempt` (1 after the first failure):
 * exponential backoff with full jitter above a floor, so that fifty phones dropped at once
 * by the access point spread their reconnects over the window instead of arriving
 * together, and none retries more than once a second.
 */
export function reconnectDelay(attempt: number, random: () => number = Math.random): number {
  const window = Math.min(
    MAX_RECONNECT_MS - MIN_RECONNECT_MS,
    RECONNECT_BASE_MS * 2 ** Math.max(0, attempt - 1),
  );
  return MIN_RECONNECT_MS + Math.floor(random() * window);
}
