import type { WebsocketProvider } from 'y-websocket';

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

/**
 * Replaces y-websocket's reconnect timing (which doubles from 200 ms up to
 * `maxBackoffTime`, the same for every client) with `reconnectDelay`. The stock provider
 * schedules its own reconnect right after it emits `connection-close`; turning its
 * `shouldConnect` off here makes that attempt a no-op, and `connect()` after the jittered
 * delay turns it back on. A close the server meant as final (44xx) is left alone: the
 * stock provider stops after it. When the device says its network is back (`online`), a
 * long wait is cut to the first window: the person should not wait 30 s for the plan to
 * save once the access point is up, and the jitter still spreads the crowd. Returns the
 * function that undoes it.
 */
export function jitterReconnects(
  provider: WebsocketProvider,
  random: () => number = Math.random,
): () => void {
  let timer: ReturnType<typeof setTimeout> | null = null;
  const schedule = (delay: number) => {
    if (timer !== null) clearTimeout(timer);
    timer = setTimeout(() => {
      timer = null;
      provider.connect();
    }, delay);
  };
  const onClose = (event: Pick<CloseEvent, 'code'> | null) => {
    // Left on purpose (disconnect, destroy): nothing to schedule.
    if (!provider.shouldConnect) return;
    if (event && event.code >= 4400 && event.code < 4500) return;
    provider.shouldConnect = false;
    // The stock provider counts this close after its event: the attempt is one more.
    schedule(reconnectDelay(provider.wsUnsuccessfulReconnects + 1, random));
  };
  const onOnline = () => {
    if (timer !== null) schedule(reconnectDelay(1, random));
  };
  provider.on('connection-close', onClose);
  globalThis.addEventListener?.('online', onOnline);
  return () => {
    provider.off('connection-close', onClose);
    globalThis.removeEventListener?.('online', onOnline);
    if (timer !== null) clearTimeout(timer);
  };
}
