import { describe, expect, it } from 'vitest';
import { measureClockOffset, offsetFromSamples } from './clockOffset.ts';

describe('offsetFromSamples', () => {
  it('keeps the sample with the smallest round trip and adds half of it', () => {
    // The device is 5 minutes behind the server; the second trip took 40 ms.
    const offset = offsetFromSamples([
      { sentAt: 1_000, receivedAt: 1_900, serverNow: 301_300 },
      { sentAt: 2_000, receivedAt: 2_040, serverNow: 302_020 },
      { sentAt: 3_000, receivedAt: 3_300, serverNow: 303_100 },
    ]);
    expect(offset).toBe(300_000);
  });

  it('is negative for a device clock that runs ahead', () => {
    expect(offsetFromSamples([{ sentAt: 600_000, receivedAt: 600_010, serverNow: 5 }])).toBe(
      -600_000,
    );
  });

  it('ignores a sample during which the local clock stepped back, and gives null for none', () => {
    expect(offsetFromSamples([{ sentAt: 5_000, receivedAt: 4_000, serverNow: 0 }])).toBeNull();
    expect(offsetFromSamples([])).toBeNull();
  });
});

describe('measureClockOffset', () => {
  it('takes samples one after another and skips failed requests', async () => {
    let local = 10_000;
    const trips = [120, 0, 20];
    let call = 0;
    const offset = await measureClockOffset(
      async () => {
        const trip = trips[call++] ?? 0;
        if (trip === 0) throw new Error('dropped');
        local += trip;
        // The server's clock is 2 minutes ahead; it answers half way through the trip.
        return local - trip / 2 + 120_000;
      },
      () => local,
      3,
    );
    expect(call).toBe(3);
    expect(offset).toBe(120_000);
  });

  it('gives null when the server could not be reached at all', async () => {
    const offset = await measureClockOffset(() => Promise.reject(new Error('offline')), Date.now);
    expect(offset).toBeNull();
  });
});
