/**
 * The editor's parts that typing does not need, loaded just after the first section editor
 * is made instead of with the editor's chunk: table editing (prosemirror-tables: cell
 * selection, Tab between cells, the row and column commands), the URL scanner behind
 * autolinks and pasted links (linkifyjs), and the drop and gap cursors: ~25 KB gzip that a
 * person no longer waits for before they can type.
 *
 * TipTap's extensions import them at the top of their modules, so the web build gives those
 * extensions stand-ins instead (`afterReadyStandIns` in vite.config.ts): modules of the same
 * names and signatures that hand each call on to the real module once it is here. Until
 * then (one request after the editor is ready) a table command or a URL check does nothing.
 * The extensions themselves are unchanged, and so are the schema and the documents.
 */
import type * as Modules from './afterReadyModules.ts';

/** The modules loaded after the editor is ready, by name. */
export type AfterReadyModules = typeof Modules;

let loaded: AfterReadyModules | null = null;
let loading: Promise<void> | null = null;
const waiting: ((modules: AfterReadyModules) => void)[] = [];

/** The modules if they are here, else null. */
export function afterReadyModules(): AfterReadyModules | null {
  return loaded;
}

/** Runs `then` with the modules once they are here: now, or when they have loaded. */
export function whenAfterReadyModules(then: (modules: AfterReadyModules) => void): void {
  if (loaded) then(loaded);
  else waiting.push(then);
}

/**
 * Loads the modules, once. A load that failed (a chunk the network lost) is tried again on
 * the next call; the section editor calls this for each editor it makes.
 */
export function loadAfterReadyModules(): Promise<void> {
  loading ??= import('./afterReadyModules.ts').then(
    (modules) => {
      loaded = modules;
      for (const then of waiting.splice(0)) then(modules);
    },
    () => {
      loading = null;
    },
  );
  return loading;
}
