/**
 * How long after the page's `load` event the service worker may be registered. Its first
 * install fetches and stores the whole app (~90 files, 1.8 MB) in a worker process of its own
 * (~0.5 s of its CPU, and the browser's, the network service's and the server's for every
 * file): begun at `load`, that ran while the plan page was still loading and drawing the
 * plan, on the same cores (bench/results/typing-compare.md, 2026-12-07 19:00 UTC). A few
 * seconds later the page is open, and the app is kept on the device all the same.
 */
export const SERVICE_WORKER_DELAY_MS = 4000;

/** Resolves `delayMs` after the page's `load` event (at once counted from now if it came). */
export function afterPageOpened(
  delayMs = SERVICE_WORKER_DELAY_MS,
  target: Pick<Window, 'addEventListener' | 'setTimeout'> & {
    document: Pick<Document, 'readyState'>;
  } = window,
): Promise<void> {
  return new Promise((resolve) => {
    const wait = () => {
      target.setTimeout(resolve, delayMs);
    };
    if (target.document.readyState === 'complete') wait();
    else target.addEventListener('load', wait, { once: true });
  });
}
