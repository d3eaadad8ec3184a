import type { Rolldown } from 'vite';

type ModuleInfo = Pick<Rolldown.ModuleInfo, 'isEntry' | 'importers' | 'dynamicImporters'>;
type Lookup = (id: string) => ModuleInfo | null;

/**
 * The chunk a module goes into, by the pages that load it at once: `app` for what the
 * entry imports statically (every page loads it before it runs), and for the rest the
 * names of the pages whose modules import it statically, joined (`plan-projector` for
 * what both the plan page and the projector load as they open). Each page then loads one
 * chunk per set of pages it shares code with instead of one per set of lazy modules, and
 * no page loads a module it did not load before. A page's own module keeps its chunk (the
 * router's import() and the route preload name it), and a module that no page imports
 * statically is left to the bundler (null): what loads later stays out of the opening.
 *
 * A module's "roots" are the modules from which it is reached by static imports alone and
 * that are loaded on their own: the entry, and every module some code imports with import().
 */
export function openingChunkName(
  id: string,
  lookup: Lookup,
  pages: Readonly<Record<string, readonly string[]>>,
  memo: Map<string, Set<string>> = new Map(),
): string | null {
  const rootsOf = (moduleId: string): Set<string> => {
    const known = memo.get(moduleId);
    if (known) return known;
    const roots = new Set<string>();
    // Set before the walk: a cycle of static imports adds nothing new.
    memo.set(moduleId, roots);
    const info = lookup(moduleId);
    if (!info) return roots;
    if (info.isEntry || info.dynamicImporters.length > 0) roots.add(moduleId);
    for (const importer of info.importers) for (const root of rootsOf(importer)) roots.add(root);
    return roots;
  };
  const isPage = (moduleId: string, modules: readonly string[]) =>
    modules.some((module) => moduleId.endsWith(`/${module}`));

  const roots = [...rootsOf(id)];
  if (roots.some((root) => lookup(root)?.isEntry)) return 'app';
  if (Object.values(pages).some((modules) => isPage(id, modules))) return null;
  const loadedBy = Object.entries(pages)
    .filter(([, modules]) => roots.some((root) => isPage(root, modules)))
    .map(([name]) => name)
    .sort();
  return loadedBy.length > 0 ? loadedBy.join('-') : null;
}

/**
 * Fewer, larger chunks for what a page's address loads at once (each chunk is a request
 * through the browser's network service and the server; a plan's address used to load
 * about fifty). `pages` names each page's modules. See {@link openingChunkName}.
 */
export function openingChunks(
  pages: Readonly<Record<string, readonly string[]>>,
): Rolldown.CodeSplittingGroup {
  // The graph does not change within a chunking pass; a new pass gets a new context.
  let memo = new Map<string, Set<string>>();
  let memoFor: unknown = null;
  return {
    name: (id, ctx) => {
      if (ctx !== memoFor) {
        memo = new Map();
        memoFor = ctx;
      }
      return openingChunkName(id, (moduleId) => ctx.getModuleInfo(moduleId), pages, memo);
    },
    // A group's dependencies are loaded by other pages too: they stay in their own groups.
    includeDependenciesRecursively: false,
  };
}
