import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { coalescedWrite } from './coalescedWrite.ts';

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('coalescedWrite', () => {
  it('writes a burst of requests once, at most one interval after the first', () => {
    const write = vi.fn();
    const writes = coalescedWrite(write, 250);
    writes.request();
    vi.advanceTimersByTime(100);
    writes.request();
    writes.request();
    expect(write).not.toHaveBeenCalled();
    vi.advanceTimersByTime(150);
    expect(write).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(1_000);
    expect(write).toHaveBeenCalledTimes(1);
  });

  it('keeps writing while requests keep coming (not a debounce)', () => {
    const write = vi.fn();
    const writes = coalescedWrite(write, 250);
    for (let ms = 0; ms < 1_000; ms += 50) {
      writes.request();
      vi.advanceTimersByTime(50);
    }
    expect(write).toHaveBeenCalledTimes(4);
  });

  it('writes at once on flush, and only when a write is due', () => {
    const write = vi.fn();
    const writes = coalescedWrite(write, 250);
    writes.flush();
    expect(write).not.toHaveBeenCalled();
    writes.request();
    writes.flush();
    expect(write).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(1_000);
    expect(write).toHaveBeenCalledTimes(1);
  });

  it('drops a requested write on cancel', () => {
    const write = vi.fn();
    const writes = coalescedWrite(write, 250);
    writes.request();
    writes.cancel();
    vi.advanceTimersByTime(1_000);
    expect(write).not.toHaveBeenCalled();
  });
});
