import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { afterPageOpened } from './afterPageOpened.ts';

/** A window whose `load` has not come yet until `load()` is called. */
function loadingWindow() {
  const listeners: (() => void)[] = [];
  const target = {
    document: { readyState: 'loading' as DocumentReadyState },
    addEventListener: (_type: string, listener: () => void) => listeners.push(listener),
    setTimeout: (handler: () => void, ms: number) => setTimeout(handler, ms),
    load() {
      target.document.readyState = 'complete';
      for (const listener of listeners) listener();
    },
  };
  return target;
}

describe('afterPageOpened', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('waits for the load event, then the delay', async () => {
    const target = loadingWindow();
    let done = false;
    void afterPageOpened(1000, target as never).then(() => {
      done = true;
    });
    await vi.advanceTimersByTimeAsync(5000);
    expect(done).toBe(false);
    target.load();
    await vi.advanceTimersByTimeAsync(999);
    expect(done).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(done).toBe(true);
  });

  it('counts the delay from now when the page has already loaded', async () => {
    const target = loadingWindow();
    target.load();
    let done = false;
    void afterPageOpened(1000, target as never).then(() => {
      done = true;
    });
    await vi.advanceTimersByTimeAsync(1000);
    expect(done).toBe(true);
  });
});
