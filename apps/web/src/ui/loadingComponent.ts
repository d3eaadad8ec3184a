import {
  type ComponentProps,
  type ComponentType,
  createElement,
  type FunctionComponent,
  type ReactNode,
  use,
  useSyncExternalStore,
} from 'react';

/** A component loaded from its own chunk, whose loading can start before its first render. */
// biome-ignore lint/suspicious/noExplicitAny: like React's own lazy(), any component props.
export type LoadingComponent<T extends ComponentType<any>> = FunctionComponent<
  ComponentProps<T>
> & {
  /** Starts loading the chunk now (e.g. as the page starts), if it has not started. */
  preload(): void;
};

/**
 * Thrown where a component is drawn whose chunk could not be fetched: offline before the
 * service worker has kept the app's files (a first visit), the server away, or a new
 * version's files in place of this one's. A `LoadingBoundary` around it says so and loads
 * the chunk again (`loadUnavailableAgain`).
 */
export class ChunkUnavailable extends Error {
  constructor(
    cause: unknown,
    /** Whether the component has loaded since (after `loadUnavailableAgain`). */
    readonly loaded: () => boolean,
  ) {
    super('a part of the app could not be loaded', { cause });
    this.name = 'ChunkUnavailable';
  }
}

/** How to start each failed load again, until it is. */
const failedLoads = new Set<() => Promise<void>>();

/**
 * Starts again every load that failed (the browser fetches a module again after a failed
 * dynamic import), and resolves once they have all ended either way.
 */
export async function loadUnavailableAgain(): Promise<void> {
  const restarts = [...failedLoads];
  failedLoads.clear();
  await Promise.all(restarts.map((restart) => restart()));
}

type Stage<T> =
  | { kind: 'idle' }
  | { kind: 'loading'; settled: Promise<void> }
  | { kind: 'loaded'; component: T }
  | { kind: 'failed'; error: ChunkUnavailable };

/**
 * A component from its own chunk (`load` imports the module and picks the component), for
 * views a page does not show at first paint and for the code a page can show its text
 * without. Render it inside a `LoadingBoundary`: while its chunk is on its way it draws
 * `placeholder` (given the same props) as ordinary content, or without one suspends; while
 * the chunk cannot be had it throws `ChunkUnavailable`.
 *
 * Not React's `lazy()`, for two reasons. `lazy()` keeps a failed load for good, so a panel
 * opened offline stayed broken after the wifi came back. And React holds any content
 * revealed from behind a Suspense fallback until 300 ms after that fallback was shown (its
 * fallback throttle): `lazy()` suspends on its first render even when the chunk has
 * already arrived (a plan whose sections came with the sync after the editor's chunk
 * waited that long for its editors for nothing), and a plan address opened before the
 * page's chunk arrived showed the page (and asked for its device copy and socket) only
 * 300 ms after its loading screen, however soon the chunk came. This draws the component
 * directly once it is there, and a placeholder is no fallback.
 */
// biome-ignore lint/suspicious/noExplicitAny: like React's own lazy(), any component props.
export function loadingComponent<T extends ComponentType<any>>(
  load: () => Promise<T>,
  placeholder?: (props: ComponentProps<T>) => ReactNode,
): LoadingComponent<T> {
  let stage: Stage<T> = { kind: 'idle' };
  const listeners = new Set<() => void>();
  // Only the ends of a load are told: nothing is drawn differently before and while loading.
  const end = (next: Stage<T>) => {
    stage = next;
    for (const listener of listeners) listener();
  };
  const subscribe = (listener: () => void) => {
    listeners.add(listener);
    return () => {
      listeners.delete(listener);
    };
  };
  const snapshot = () => stage;
  const loaded = () => stage.kind === 'loaded';
  const restart = () => {
    stage = { kind: 'idle' };
    return start();
  };
  const start = (): Promise<void> => {
    if (stage.kind === 'loading') return stage.settled;
    if (stage.kind !== 'idle') return Promise.resolve();
    const settled = load().then(
      (component) => end({ kind: 'loaded', component }),
      (cause: unknown) => {
        failedLoads.add(restart);
        end({ kind: 'failed', error: new ChunkUnavailable(cause, loaded) });
      },
    );
    stage = { kind: 'loading', settled };
    return settled;
  };
  const component = (props: ComponentProps<T>) => {
    // Before the stage is read, so that this render and its check for a change agree.
    void start();
    const now = useSyncExternalStore(subscribe, snapshot, snapshot);
    if (now.kind === 'loaded') return createElement(now.component, props);
    if (now.kind === 'failed') throw now.error;
    if (placeholder) return placeholder(props);
    // Suspends until the load has ended either way; React then draws this again.
    if (now.kind === 'loading') use(now.settled);
    return null;
  };
  return Object.assign(component, {
    preload() {
      // A failed load shows where the component is drawn.
      void start();
    },
  });
}
