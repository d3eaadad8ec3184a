import {
  type ComponentProps,
  type ComponentType,
  createElement,
  type FunctionComponent,
  lazy,
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
 * drawn directly once the chunk has arrived, and through `lazy()` (so inside a
 * `Suspense`) only while it has not. `lazy()` alone suspends on its first render even
 * when the chunk is already there, and React then holds the revealed content back for
 * its fallback throttle (300 ms): a plan whose sections arrive with the sync after the
 * editor's chunk waited that long for its editors for nothing.
 */
// biome-ignore lint/suspicious/noExplicitAny: React's own lazy() takes any component props.
export function loadingComponent<T extends ComponentType<any>>(
  load: () => Promise<T>,
): LoadingComponent<T> {
  let loaded: T | null = null;
  let loading: Promise<T> | null = null;
  const start = () => {
    loading ??= load().then((component) => {
      loaded = component;
      return component;
    });
    return loading;
  };
  const Lazy = lazy(async () => ({ default: await start() }));
  const component = (props: ComponentProps<T>) => createElement(loaded ?? Lazy, props);
  return Object.assign(component, {
    preload() {
      // A failed load shows where the component is drawn: lazy() rethrows it there.
      start().catch(() => {});
    },
  });
}
