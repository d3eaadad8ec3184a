import { type ComponentType, type LazyExoticComponent, lazy } from 'react';

/**
 * A component loaded on first render from its own chunk, for views a page does not show
 * at first paint (panels, dialogs): `load` imports the module and picks the component.
 * Render it inside a `Suspense`. The service worker keeps every chunk for offline use.
 */
// biome-ignore lint/suspicious/noExplicitAny: React's own lazy() takes any component props.
export function lazyComponent<T extends ComponentType<any>>(
  load: () => Promise<T>,
): LazyExoticComponent<T> {
  return lazy(async () => ({ default: await load() }));
}
