import type { PlanProvider } from './PlanProvider.ts';

/** After this long without a frame from the server, the socket is asked for one (a save request). */
export const PROBE_AFTER_MS = 5_000;
/** How long the probe may go unanswered before the socket counts as gone. */
export const PROBE_ANSWER_MS = 4_000;
/** How often the silence is checked. */
export const LINK_CHECK_MS = 1_000;

/** What the watch needs of the provider and the page; tests pass fakes. */
export interface LinkWatchPorts {
  provider: Pick<PlanProvider, 'wsconnected' | 'wsLastMessageReceived' | 'connect' | 'disconnect'>;
  /** Sends a frame the server must answer (a save request). */
  probe(): void;
  /** Where `online` and `offline` are heard (the window). */
  events?: Pick<Window, 'addEventListener' | 'removeEventListener'> | undefined;
  now?: () => number;
}

/**
 * Notices that the venue's network is gone within seconds (stock y-websocket's watchdog
 * waits for 30 s of silence; PlanProvider has none of its own), so that the indicator stops saying "Saving…" and says *Offline*:
 * - the device knows first: on `offline` the socket is let go at once (Chromium keeps a
 *   dead socket open for many seconds), and the provider reconnects with its backoff;
 * - a network that fails without the device knowing (the access point up, the server
 *   unreachable) shows as silence: after `PROBE_AFTER_MS` the server is asked for an
 *   answer, and a socket that does not give one within `PROBE_ANSWER_MS` is let go too.
 * Returns the function that stops watching.
 */
export function watchLink({
  provider,
  probe,
  events = globalThis.window,
  now = Date.now,
}: LinkWatchPorts): () => void {
  let probedAt: number | null = null;
  const dropSocket = () => {
    probedAt = null;
    // disconnect() closes at once without waiting for the dead socket's close handshake;
    // connect() opens a new socket, whose failure hands the retries to the provider's backoff.
    provider.disconnect();
    provider.connect();
  };
  const onOffline = () => {
    if (provider.wsconnected) dropSocket();
  };
  const check = () => {
    if (!provider.wsconnected) {
      probedAt = null;
      return;
    }
    const heard = provider.wsLastMessageReceived;
    const at = now();
    if (probedAt !== null && heard >= probedAt) probedAt = null;
    if (probedAt !== null) {
      if (at - probedAt >= PROBE_ANSWER_MS) dropSocket();
      return;
    }
    if (at - heard >= PROBE_AFTER_MS) {
      probedAt = at;
      probe();
    }
  };
  const timer = setInterval(check, LINK_CHECK_MS);
  events?.addEventListener('offline', onOffline);
  return () => {
    clearInterval(timer);
    events?.removeEventListener('offline', onOffline);
  };
}
