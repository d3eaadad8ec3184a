/**
 * The keystroke-to-remote-paint trip of bench/typingCompare.ts split into legs, from
 * timestamps taken in the pages (one browser, one clock): the typist's key going down, the
 * typist's socket sending the update, the watcher's socket receiving it, the watcher's
 * editor showing the text (a DOM mutation) and the watcher's next frame.
 *
 * The sockets are timed by a page script that wraps the WebSocket constructor: it adds a
 * message listener before the page's own (so receipt is timed before any handler runs) and
 * notes every send. Only sync-protocol updates are noted (message 0, step 2).
 */
import type { BrowserContext } from '@playwright/test';

/** Socket times noted in a page: [wall-clock ms, bytes]. */
export interface SocketTimes {
  sent: [number, number][];
  received: [number, number][];
}

declare global {
  interface Window {
    benchSocket?: SocketTimes;
  }
}

/** Notes the sync updates every socket of the context's pages sends and receives. */
export async function timeSockets(context: BrowserContext): Promise<void> {
  // A string, not a function: tsx would wrap the class in helpers the page does not have.
  await context.addInitScript(SOCKET_TIMER);
}

/** The page script (see the module's comment); y-protocols' update: message 0, step 2. */
const SOCKET_TIMER = `(() => {
  const times = { sent: [], received: [] };
  window.benchSocket = times;
  const now = () => performance.timeOrigin + performance.now();
  const isUpdate = (bytes) => bytes[0] === 0 && bytes[1] === 2;
  const Native = window.WebSocket;
  class TimedSocket extends Native {
    constructor(url, protocols) {
      super(url, protocols);
      this.addEventListener('message', (event) => {
        const at = now();
        if (event.data instanceof ArrayBuffer && isUpdate(new Uint8Array(event.data)))
          times.received.push([at, event.data.byteLength]);
      });
    }
    send(data) {
      const at = now();
      if (ArrayBuffer.isView(data)) {
        const bytes = new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
        if (isUpdate(bytes)) times.sent.push([at, bytes.byteLength]);
      }
      super.send(data);
    }
  }
  window.WebSocket = TimedSocket;
})();`;

/** One marker's trip: when its last key went down, and when the watcher showed and painted it. */
export interface Trip {
  keyAt: number;
  mutatedAt: number;
  paintedAt: number;
}

/**
 * The legs of one trip, in ms. The text shows once the watcher's message handler has
 * returned (the mutation observer runs in the microtask after it) and paints at its next
 * frame's animation callbacks, which come after the frame's layout and hover hit test
 * unless the handler forced them already: the reference's editor reads the DOM back while
 * it applies a remote change (a forced layout in each of its handlers, 2026-12-07), Plenary's
 * does not, so its layout falls in the last leg. Compare the two legs' sum between pages.
 */
export interface Legs {
  keyToSend: number;
  sendToReceive: number;
  receiveToMutation: number;
  mutationToPaint: number;
}

/** Splits a trip using the sockets' times (the typist's sends, the watcher's receipts); null when they do not match it. */
export function legsOf(trip: Trip, typist: SocketTimes, watcher: SocketTimes): Legs | null {
  const sent = typist.sent.find(([at]) => at >= trip.keyAt)?.[0];
  if (sent === undefined) return null;
  // The last receipt before the text showed: the frame that carried the last key.
  const received = watcher.received.filter(([at]) => at >= sent && at <= trip.mutatedAt).pop()?.[0];
  if (received === undefined) return null;
  return {
    keyToSend: sent - trip.keyAt,
    sendToReceive: received - sent,
    receiveToMutation: trip.mutatedAt - received,
    mutationToPaint: trip.paintedAt - trip.mutatedAt,
  };
}
