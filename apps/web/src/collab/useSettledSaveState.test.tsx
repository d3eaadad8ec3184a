// @vitest-environment happy-dom
import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { SaveState, SaveStatus } from './SaveTracker.ts';
import { SAVED_SETTLE_MS, useSettledSaveState } from './useSettledSaveState.ts';

declare global {
  var IS_REACT_ACT_ENVIRONMENT: boolean | undefined;
}

/** A save tracker's status and listeners, set by hand. */
class Tracker {
  #status: SaveStatus = { state: 'connecting', unsaved: false, unconfirmed: 0, notice: null };
  readonly #listeners = new Set<() => void>();
  getStatus = () => this.#status;
  subscribe = (listener: () => void) => {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  };
  set(state: SaveState): void {
    this.#status = { ...this.#status, state };
    for (const listener of this.#listeners) listener();
  }
}

let renders = 0;
function Shown({ saves }: { saves: Tracker }) {
  renders++;
  return <p>{useSettledSaveState(saves)}</p>;
}

let root: Root | null = null;
let container: HTMLElement;
let tracker: Tracker;

const show = (state: SaveState) => act(() => tracker.set(state));
const shown = () => container.textContent;
const wait = (ms: number) => act(() => vi.advanceTimersByTime(ms));

beforeEach(() => {
  globalThis.IS_REACT_ACT_ENVIRONMENT = true;
  vi.useFakeTimers();
  container = document.createElement('div');
  root = createRoot(container);
  tracker = new Tracker();
  renders = 0;
  act(() => root?.render(<Shown saves={tracker} />));
});

afterEach(() => {
  act(() => root?.unmount());
  vi.useRealTimers();
});

describe('useSettledSaveState', () => {
  it('says "saving" at once, and "saved" only once it has held', () => {
    show('saved');
    expect(shown()).toBe('saved');
    show('saving');
    expect(shown()).toBe('saving');
    show('saved');
    expect(shown()).toBe('saving');
    wait(SAVED_SETTLE_MS - 1);
    expect(shown()).toBe('saving');
    wait(1);
    expect(shown()).toBe('saved');
  });

  it('keeps saying "saving" while keystrokes are stored one after another, rendering once', () => {
    show('saved');
    show('saving');
    const before = renders;
    for (let key = 0; key < 10; key++) {
      show('saved');
      wait(SAVED_SETTLE_MS / 4);
      show('saving');
      wait(30);
      expect(shown()).toBe('saving');
    }
    // Each echo flipped the tracker to "saved" and the next key back: nothing to show.
    expect(renders).toBe(before);
    show('saved');
    wait(SAVED_SETTLE_MS);
    expect(shown()).toBe('saved');
    expect(renders).toBe(before + 1);
  });

  it('shows going offline or reconnecting at once', () => {
    show('saving');
    show('offline');
    expect(shown()).toBe('offline');
    show('connecting');
    expect(shown()).toBe('connecting');
    show('saved');
    expect(shown()).toBe('saved');
  });
});
