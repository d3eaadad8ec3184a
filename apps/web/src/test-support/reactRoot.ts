import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { onTestFinished } from 'vitest';

declare global {
  var IS_REACT_ACT_ENVIRONMENT: boolean | undefined;
}

/**
 * A React root in an element of its own (not in the document), for a test that renders
 * with `act`; unmounted when the test ends (again, if the test did: React ignores it).
 */
export function reactRoot(): { root: Root; container: HTMLElement } {
  // Tells React that updates are wrapped in act(), so it warns about any that are not.
  globalThis.IS_REACT_ACT_ENVIRONMENT = true;
  const container = document.createElement('div');
  const root = createRoot(container);
  onTestFinished(() => act(() => root.unmount()));
  return { root, container };
}
