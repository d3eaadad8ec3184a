import type { Plugin, Rolldown } from 'vite';
import { entryChunks, loadedAtOnce } from './staticImports.ts';

/** A page of the app whose code is fetched as soon as its address is opened. */
export interface PreloadedRoute {
  /** The page addresses it serves, as a pattern over `location.pathname`. */
  path: RegExp;
  /** The modules whose chunks (and those they import statically) the page waits for. */
  modules: string[];
}

/**
 * The chunks each route waits for beyond the app's entry (which the HTML already
 * preloads): each module's chunk and the chunks it imports statically, in that order.
 */
export function routeChunks(bundle: Rolldown.OutputBundle, modules: readonly string[]): string[] {
  const chunks = Object.values(bundle).filter(
    (part): part is Rolldown.OutputChunk => part.type === 'chunk',
  );
  const byFile = new Map(chunks.map((chunk) => [chunk.fileName, chunk]));
  const entry = loadedAtOnce(byFile, entryChunks(byFile));
  const pages = modules.map((module) => {
    const chunk = chunks.find((candidate) => candidate.facadeModuleId?.endsWith(module));
    if (!chunk) throw new Error(`routePreload: no chunk is made from ${module}`);
    return chunk.fileName;
  });
  return [...loadedAtOnce(byFile, pages)].filter((fileName) => !entry.has(fileName));
}

/**
 * The script that adds the preloads: a classic script (the page's policy allows no inline
 * script), run as soon as it arrives, that asks for the chunks of the route it is opened
 * on with `<link rel="modulepreload">`, as Vite's own preloading does for a dynamic import.
 */
export function routePreloadScript(routes: { path: RegExp; files: string[] }[], base: string) {
  const table = routes.map(({ path, files }) => [path.source, files.map((file) => base + file)]);
  return `(function(){var routes=${JSON.stringify(table)};for(var i=0;i<routes.length;i++){if(!new RegExp(routes[i][0]).test(location.pathname))continue;var files=routes[i][1];for(var j=0;j<files.length;j++){var link=document.createElement('link');link.rel='modulepreload';link.crossOrigin='';link.href=files[j];document.head.appendChild(link);}return;}})();\n`;
}

/**
 * Opens a plan without a second round of downloads: the app asks for a page's code only
 * once its own entry has arrived and run, so on a plan's address the plan page's chunks
 * (and the editor's) would come one wave after the entry's. This build step adds a small
 * script to index.html that preloads them alongside the entry, on those addresses only,
 * so other pages (the start page, the projector) do not download the editor.
 */
export function routePreload(routes: PreloadedRoute[]): Plugin {
  let base = '/';
  return {
    name: 'plenary:route-preload',
    apply: 'build',
    configResolved(config) {
      base = config.base;
    },
    generateBundle: {
      // After Vite has written index.html into the bundle.
      order: 'post',
      handler(_options, bundle) {
        const html = bundle['index.html'];
        if (html?.type !== 'asset') return;
        const source = routePreloadScript(
          routes.map(({ path, modules }) => ({ path, files: routeChunks(bundle, modules) })),
          base,
        );
        const fileName = this.getFileName(
          this.emitFile({ type: 'asset', name: 'routePreload.js', source }),
        );
        const tag = `<script async src="${base}${fileName}"></script>\n    `;
        html.source = String(html.source).replace(
          '<script type="module"',
          `${tag}<script type="module"`,
        );
      },
    },
  };
}
