// @vitest-environment happy-dom
import { act, Profiler } from 'react';
import { createRoot } from 'react-dom/client';
import { afterEach, describe, expect, it } from 'vitest';
import type { LocalCopy, LocalCopyState } from '../../collab/LocalCopy.ts';
import { LocalCopyProblem } from './LocalCopyNotices.tsx';

declare global {
  var IS_REACT_ACT_ENVIRONMENT: boolean | undefined;
}

/** A device copy whose state and kept count the test sets, telling its listeners. */
function fakeCopy() {
  const listeners = new Set<() => void>();
  let state: LocalCopyState = 'kept';
  let kept = 0;
  const copy = {
    subscribe: (listener: () => void) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    getState: () => state,
    get keptUnconfirmed() {
      return kept;
    },
  };
  const tell = () => {
    for (const listener of listeners) listener();
  };
  return {
    local: copy as unknown as LocalCopy,
    keep: () => {
      kept++;
      tell();
    },
    become: (next: LocalCopyState) => {
      state = next;
      tell();
    },
  };
}

let unmount: (() => void) | null = null;
afterEach(() => {
  act(() => unmount?.());
  unmount = null;
});

describe('LocalCopyProblem', () => {
  it('renders again when the copy’s state changes, not for each change kept on the device', () => {
    globalThis.IS_REACT_ACT_ENVIRONMENT = true;
    const copy = fakeCopy();
    const container = document.createElement('div');
    const root = createRoot(container);
    unmount = () => root.unmount();
    let commits = 0;
    act(() =>
      root.render(
        <Profiler id="problem" onRender={() => commits++}>
          <LocalCopyProblem local={copy.local} />
        </Profiler>,
      ),
    );
    const opened = commits;
    // Typing online: every keystroke is kept on the device, and the count changes.
    for (let key = 0; key < 5; key++) act(() => copy.keep());
    expect(commits).toBe(opened);
    expect(container.querySelector('[data-testid="local-copy-problem"]')).toBeNull();

    act(() => copy.become('full'));
    expect(commits).toBe(opened + 1);
    expect(
      container.querySelector('[data-testid="local-copy-problem"]')?.getAttribute('data-state'),
    ).toBe('full');
  });
});
