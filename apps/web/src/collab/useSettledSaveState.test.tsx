// @vitest-environment happy-dom
import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { SaveState } from './SaveTracker.ts';
import { SAVED_SETTLE_MS, useSettledSaveState } from './useSettledSaveState.ts';

declare global {
  var IS_REACT_ACT_ENVIRONMENT: boolean | undefined;
}

function Shown({ state }: { state: SaveState }) {
  return <p>{useSettledSaveState(state)}</p>;
}

let root: Root | null = null;
let container: HTMLElement;

const show = (state: SaveState) => act(() => root?.render(<Shown state={state} />));
const shown = () => container.textContent;
const wait = (ms: number) => act(() => vi.advanceTimersByTime(ms));

beforeEach(() => {
  globalThis.IS_REACT_ACT_ENVIRONMENT = true;
  vi.useFakeTimers();
  container = document.createElement('div');
  root = createRoot(container);
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

  it('keeps saying "saving" while keystrokes are stored one after another', () => {
    show('saved');
    for (let key = 0; key < 10; key++) {
      show('saving');
      wait(30);
      show('saved');
      wait(SAVED_SETTLE_MS / 4);
      expect(shown()).toBe('saving');
    }
    wait(SAVED_SETTLE_MS);
    expect(shown()).toBe('saved');
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
