import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  afterPageOpened,
  IDLE_AT_LATEST_MS,
  OPENED_AT_LATEST_MS,
  OPENED_AT_LEAST_MS,
} from './afterPageOpened.ts';

/**
 * A window whose `load` has not come yet until `load()` is called, with idle callbacks
 * that run when the test says the main thread is idle (or at their timeout).
 */
function loadingWindow({ idleCallbacks = true } = {}) {
  const listeners: (() => void)[] = [];
  const idle: (() => void)[] = [];
  const target = {
    document: { readyState: 'loading' as DocumentReadyState },
    addEventListener: (_type: string, listener: () => void) => listeners.push(listener),
    setTimeout: (handler: () => void, ms: number) => setTimeout(handler, ms),
    ...(idleCallbacks
      ? {
          requestIdleCallback: (callback: () => void, { timeout }: { timeout: number }) => {
            idle.push(callback);
            return setTimeout(callback, timeout) as unknown as number;
          },
        }
      : {}),
    load() {
      target.document.readyState = 'complete';
      for (const listener of listeners) listener();
    },
    idle() {
      for (const callback of idle.splice(0)) callback();
    },
  };
  return target;
}

/** A page that says it has opened when `open()` is called. */
function page() {
  let open: () => void = () => {};
  const opened = new Promise<void>((resolve) => {
    open = resolve;
  });
  return { opened, open };
}

describe('afterPageOpened', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('waits for the load event, the page opened and the least delay, then for an idle moment', async () => {
    const target = loadingWindow();
    const plan = page();
    let done = false;
    void afterPageOpened(target as never, plan.opened).then(() => {
      done = true;
    });
    plan.open();
    await vi.advanceTimersByTimeAsync(OPENED_AT_LATEST_MS);
    expect(done).toBe(false);
    target.load();
    await vi.advanceTimersByTimeAsync(OPENED_AT_LEAST_MS - 1);
    target.idle();
    await vi.advanceTimersByTimeAsync(0);
    expect(done).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    target.idle();
    await vi.advanceTimersByTimeAsync(0);
    expect(done).toBe(true);
  });

  it('waits for a slow opening however long after load it comes', async () => {
    const target = loadingWindow();
    const plan = page();
    let done = false;
    void afterPageOpened(target as never, plan.opened).then(() => {
      done = true;
    });
    target.load();
    await vi.advanceTimersByTimeAsync(OPENED_AT_LATEST_MS - 1);
    target.idle();
    await vi.advanceTimersByTimeAsync(0);
    expect(done).toBe(false);
    plan.open();
    await vi.advanceTimersByTimeAsync(0);
    target.idle();
    await vi.advanceTimersByTimeAsync(0);
    expect(done).toBe(true);
  });

  it('starts all the same when the page never says it opened, and without idle callbacks', async () => {
    const target = loadingWindow({ idleCallbacks: false });
    let done = false;
    void afterPageOpened(target as never, new Promise(() => {})).then(() => {
      done = true;
    });
    target.load();
    await vi.advanceTimersByTimeAsync(OPENED_AT_LATEST_MS + IDLE_AT_LATEST_MS / 2 - 1);
    expect(done).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(done).toBe(true);
  });

  it('does not wait past its idle timeout on a main thread that is never idle', async () => {
    const target = loadingWindow();
    let done = false;
    void afterPageOpened(target as never, Promise.resolve()).then(() => {
      done = true;
    });
    target.load();
    await vi.advanceTimersByTimeAsync(OPENED_AT_LEAST_MS + IDLE_AT_LATEST_MS - 1);
    expect(done).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(done).toBe(true);
  });
});
