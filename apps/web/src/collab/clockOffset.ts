/**
 * How far this device's clock is from the server's. Device clocks in a venue differ by
 * minutes (a phone set by hand, a laptop that never synced), so a timer that ends at a
 * server time must be read against the server's clock, not the device's own.
 */

/** One round trip to `GET /api/time`: local clock before and after, the server's in between. */
export interface ClockSample {
  sentAt: number;
  receivedAt: number;
  serverNow: number;
}

/** How many round trips one measurement makes; the quickest one is kept. */
export const CLOCK_SAMPLES = 5;

/**
 * The offset to add to the local clock to read the server's, from the sample with the
 * smallest round trip (the one least blurred by the network): the server answered about
 * half a round trip before the answer arrived. Null when there is no sample.
 */
export function offsetFromSamples(samples: readonly ClockSample[]): number | null {
  let best: ClockSample | null = null;
  for (const sample of samples) {
    const roundTrip = sample.receivedAt - sample.sentAt;
    // A clock that stepped back during the request gives a negative trip: not trustworthy.
    if (roundTrip < 0) continue;
    if (best === null || roundTrip < best.receivedAt - best.sentAt) best = sample;
  }
  if (best === null) return null;
  return best.serverNow + (best.receivedAt - best.sentAt) / 2 - best.receivedAt;
}

/**
 * Measures the offset with `count` round trips, one after another so they do not queue
 * behind each other. Failed requests are skipped; null when every one failed.
 */
export async function measureClockOffset(
  fetchServerNow: () => Promise<number>,
  now: () => number = Date.now,
  count = CLOCK_SAMPLES,
): Promise<number | null> {
  const samples: ClockSample[] = [];
  for (let i = 0; i < count; i++) {
    const sentAt = now();
    try {
      const serverNow = await fetchServerNow();
      samples.push({ sentAt, receivedAt: now(), serverNow });
    } catch {
      // A dropped request on venue wifi; the other samples still count.
    }
  }
  return offsetFromSamples(samples);
}
