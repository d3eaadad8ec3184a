import { useEffect } from 'react';

/**
 * When the work a page puts off until it has opened may start: the service worker's
 * registration above all. Its first install fetches and stores the whole app (~90 files,
 * 1.8 MB) in a worker process of its own (~0.5 s of its CPU, and the browser's, the network
 * service's and the server's for every file): begun at `load`, it ran while the plan page
 * was still loading and drawing the plan, on the same cores (bench/results/typing-compare.md,
 * 2026-12-07 19:00 UTC). A fixed delay after `load` came too soon on a slow phone, whose
 * opening takes longer than that delay: so the page also says when it has opened
 * (`usePageOpened`), and the start waits for both. Started as soon as the page said so, the
 * install overlapped the end of a laptop's opening instead (the 300 KB plan, 22:47 UTC:
 * 2 of 6 openings faster than with the delay alone), hence the delay stays.
 */

/** The least wait after `load`, which a laptop's opening is done within. */
export const OPENED_AT_LEAST_MS = 4_000;

/** The longest wait after `load` for the page to say it has opened (say, a join dialog left
 * unanswered, or a plan that cannot sync): the app is kept on the device all the same. */
export const OPENED_AT_LATEST_MS = 10_000;
/** Once opened, how long the start may wait for the main thread to be idle. */
export const IDLE_AT_LATEST_MS = 2_000;

type Target = Pick<Window, 'addEventListener' | 'setTimeout'> & {
  document: Pick<Document, 'readyState'>;
  requestIdleCallback?: (callback: () => void, options: { timeout: number }) => number;
};

let opened: () => void = () => {};
const openedOnce = new Promise<void>((resolve) => {
  opened = resolve;
});

/**
 * Says, once `drawn`, that the page has drawn what it opens with (a plan's sections, the
 * projector's text; the start page as it first renders). Later calls do nothing.
 */
export function usePageOpened(drawn = true): void {
  useEffect(() => {
    if (drawn) opened();
  }, [drawn]);
}

/**
 * Resolves once the page has loaded, `OPENED_AT_LEAST_MS` have passed and it has said it
 * has opened (or `OPENED_AT_LATEST_MS` after `load`), at the main thread's next idle
 * moment (at most `IDLE_AT_LATEST_MS` later).
 */
export function afterPageOpened(
  target: Target = window,
  whenOpened: Promise<void> = openedOnce,
): Promise<void> {
  const loaded = new Promise<void>((resolve) => {
    if (target.document.readyState === 'complete') resolve();
    else target.addEventListener('load', () => resolve(), { once: true });
  });
  return loaded
    .then(() =>
      Promise.all([
        new Promise<void>((resolve) => target.setTimeout(resolve, OPENED_AT_LEAST_MS)),
        Promise.race([
          whenOpened,
          new Promise<void>((resolve) => target.setTimeout(resolve, OPENED_AT_LATEST_MS)),
        ]),
      ]),
    )
    .then(
      () =>
        new Promise<void>((resolve) => {
          // Safari has no idle callbacks: a moment after the page opened stands in.
          if (target.requestIdleCallback) {
            target.requestIdleCallback(() => resolve(), { timeout: IDLE_AT_LATEST_MS });
          } else target.setTimeout(resolve, IDLE_AT_LATEST_MS / 2);
        }),
    );
}
