import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { LINK_CHECK_MS, PROBE_AFTER_MS, PROBE_ANSWER_MS, watchLink } from './linkWatch.ts';

/** A provider whose socket is open and heard from at `heardAt`, recording reconnects. */
function fakeProvider() {
  const provider = {
    wsconnected: true,
    wsLastMessageReceived: Date.now(),
    reconnects: 0,
    connect() {
      provider.reconnects += 1;
    },
    disconnect() {
      provider.wsconnected = false;
    },
  };
  return provider;
}

let stop: () => void = () => {};

beforeEach(() => {
  vi.useFakeTimers();
});

afterEach(() => {
  stop();
  vi.useRealTimers();
});

describe('watchLink', () => {
  it('lets the socket go at once when the device says it is offline', () => {
    const provider = fakeProvider();
    const events = new EventTarget();
    stop = watchLink({ provider, probe: () => {}, events });
    events.dispatchEvent(new Event('offline'));
    expect(provider.wsconnected).toBe(false);
    expect(provider.reconnects).toBe(1);
  });

  it('asks a silent socket for an answer, and keeps one that answers', () => {
    const provider = fakeProvider();
    let probes = 0;
    stop = watchLink({ provider, probe: () => (probes += 1), events: new EventTarget() });
    vi.advanceTimersByTime(PROBE_AFTER_MS - LINK_CHECK_MS);
    expect(probes).toBe(0);
    vi.advanceTimersByTime(LINK_CHECK_MS);
    expect(probes).toBe(1);
    provider.wsLastMessageReceived = Date.now();
    vi.advanceTimersByTime(PROBE_ANSWER_MS);
    expect(provider.wsconnected).toBe(true);
    expect(probes).toBe(1);
  });

  it('lets go of a socket whose probe goes unanswered', () => {
    const provider = fakeProvider();
    let probes = 0;
    stop = watchLink({ provider, probe: () => (probes += 1), events: new EventTarget() });
    vi.advanceTimersByTime(PROBE_AFTER_MS + PROBE_ANSWER_MS - LINK_CHECK_MS);
    expect(provider.wsconnected).toBe(true);
    vi.advanceTimersByTime(LINK_CHECK_MS);
    expect(probes).toBe(1);
    expect(provider.wsconnected).toBe(false);
    expect(provider.reconnects).toBe(1);
  });

  it('leaves a socket that is already closed to the provider', () => {
    const provider = fakeProvider();
    provider.wsconnected = false;
    const events = new EventTarget();
    let probes = 0;
    stop = watchLink({ provider, probe: () => (probes += 1), events });
    events.dispatchEvent(new Event('offline'));
    vi.advanceTimersByTime(PROBE_AFTER_MS * 3);
    expect(probes).toBe(0);
    expect(provider.reconnects).toBe(0);
  });
});
