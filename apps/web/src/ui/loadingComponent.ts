import {
  type ComponentProps,
  type ComponentType,
  createElement,
  type FunctionComponent,
  lazy,
  type ReactNode,
  useEffect,
  useSyncExternalStore,
} from 'react';

/** A component loaded from its own chunk, whose loading can start before its first render. */
// biome-ignore lint/suspicious/noExplicitAny: React's own lazy() takes any component props.
export type LoadingComponent<T extends ComponentType<any>> = FunctionComponent<
  ComponentProps<T>
> & {
  /** Starts loading the chunk now (e.g. as the page starts), if it has not started. */
  preload(): void;
};

/**
 * A component from its own chunk (`load` imports the module and picks the component),
 * drawn directly once the chunk has arrived. Until then it draws `placeholder` (given the
 * same props) as ordinary content and draws again when the chunk arrives; without one, it
 * goes through `lazy()` and so suspends to the nearest `Suspense`. A chunk that failed to
 * load goes through `lazy()` too, which rethrows the failure there.
 *
 * Why not suspend: React holds any content revealed from behind a Suspense fallback until
 * 300 ms after the last fallback was shown (its fallback throttle). `lazy()` alone suspends
 * on its first render even when the chunk is already there (a plan whose sections arrive
 * after the editor's chunk waited for its editors for nothing), and a page address opened
 * before the page's chunk arrived showed its page (and asked for the plan's device copy and
 * socket) only 300 ms after its loading screen, whenever the chunk came sooner.
 */
// biome-ignore lint/suspicious/noExplicitAny: React's own lazy() takes any component props.
export function loadingComponent<T extends ComponentType<any>>(
  load: () => Promise<T>,
  placeholder?: (props: ComponentProps<T>) => ReactNode,
): LoadingComponent<T> {
  let loaded: T | null = null;
  let failed = false;
  let loading: Promise<T> | null = null;
  const listeners = new Set<() => void>();
  const settled = () => {
    for (const listener of listeners) listener();
  };
  const start = () => {
    loading ??= load().then(
      (component) => {
        loaded = component;
        settled();
        return component;
      },
      (error: unknown) => {
        failed = true;
        settled();
        throw error;
      },
    );
    return loading;
  };
  const subscribe = (listener: () => void) => {
    listeners.add(listener);
    return () => {
      listeners.delete(listener);
    };
  };
  // What a render depends on: nothing, the component, or the failure.
  const snapshot = () => loaded ?? failed;
  const Lazy = lazy(async () => ({ default: await start() }));
  const component = (props: ComponentProps<T>) => {
    const current = useSyncExternalStore(subscribe, snapshot, snapshot);
    const waiting = current === false && placeholder !== undefined;
    useEffect(() => {
      // A failed load shows where the component is drawn: lazy() rethrows it there.
      if (waiting) start().catch(() => {});
    }, [waiting]);
    if (current !== false && current !== true) return createElement(current, props);
    return waiting ? placeholder(props) : createElement(Lazy, props);
  };
  return Object.assign(component, {
    preload() {
      start().catch(() => {});
    },
  });
}
