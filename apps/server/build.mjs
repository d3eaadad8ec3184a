// Compiles the server for `npm start` and Docker: apps/server/dist/server.js, plain
// JavaScript that node runs without a TypeScript loader. Development and tests keep running
// the TypeScript sources.
//
// The workspace's own packages (@plenary/*) are bundled in, since they are published as
// TypeScript, and so are the few npm packages in BUNDLED_PACKAGES (below, with why).
// Everything else from npm stays where pnpm installed it: each such import is
// resolved now, as node would from the file that makes it, and written as a relative path
// to that file, so that a package only another workspace package depends on (pdfkit for the
// report) is still found from dist/, and native modules (better-sqlite3) load as usual.
// Dynamic import() keeps its own chunk (code splitting), so the report, import and PDF
// modules still load only on first use.
import { rmSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const serverDir = fileURLToPath(new URL('.', import.meta.url));
const outdir = path.join(serverDir, 'dist');
const repoRoot = path.resolve(serverDir, '../..');

const isBare = (specifier) => !/^(\.|\/|node:|#)/.test(specifier);
const isWorkspace = (specifier) => specifier.startsWith('@plenary/');
/**
 * npm packages bundled in all the same. TypeBox, which builds the routes' schemas at start,
 * is 373 ES modules: loaded one by one they cost 3.5 MB of heap and 200 ms at every start,
 * and what survived of them tipped V8's young generation to its largest size (2 x 16 MB)
 * before the server had served anyone. Bundled, they are one script in server.js.
 */
const BUNDLED_PACKAGES = ['typebox'];
const isBundled = (specifier) =>
  BUNDLED_PACKAGES.some((name) => specifier === name || specifier.startsWith(`${name}/`));

/** Imports of npm packages point at the files installed for the importer, relative to dist/. */
const installedPackages = {
  name: 'installed-packages',
  setup(builder) {
    builder.onResolve({ filter: /.*/ }, async (args) => {
      if (
        args.pluginData === 'resolving' ||
        !isBare(args.path) ||
        isWorkspace(args.path) ||
        isBundled(args.path)
      )
        return;
      const resolved = await builder.resolve(args.path, {
        kind: args.kind,
        importer: args.importer,
        resolveDir: args.resolveDir,
        pluginData: 'resolving',
      });
      if (resolved.errors.length > 0) return { errors: resolved.errors };
      if (resolved.external) return { path: args.path, external: true };
      const relative = path.relative(outdir, resolved.path).split(path.sep).join('/');
      return { path: relative.startsWith('.') ? relative : `./${relative}`, external: true };
    });
  },
};

/**
 * `import.meta.url` and `import.meta.dirname` in a bundled module would name dist/; a module
 * that finds files beside its source (fonts, the web build) gets its source's location
 * instead, computed from dist/ so that the tree can move as a whole.
 */
const sourceLocation = {
  name: 'source-location',
  setup(builder) {
    builder.onLoad({ filter: /\.ts$/ }, async (args) => {
      const source = await readFile(args.path, 'utf8');
      if (!source.includes('import.meta.url') && !source.includes('import.meta.dirname')) {
        return { contents: source, loader: 'ts' };
      }
      const fromDist = path.relative(outdir, args.path).split(path.sep).join('/');
      const url = `new URL(${JSON.stringify(fromDist)}, import.meta.url).href`;
      const contents = source
        .replaceAll('import.meta.url', url)
        .replaceAll('import.meta.dirname', `__sourceDirname(__sourceFileURLToPath(${url}))`)
        .concat(
          "\nimport { fileURLToPath as __sourceFileURLToPath } from 'node:url';",
          "\nimport { dirname as __sourceDirname } from 'node:path';\n",
        );
      return { contents, loader: 'ts' };
    });
  },
};

rmSync(outdir, { recursive: true, force: true });
await build({
  absWorkingDir: repoRoot,
  entryPoints: {
    server: path.join(serverDir, 'src/server.ts'),
    'facilitator-link': path.join(serverDir, 'src/cli/facilitatorLink.ts'),
    // A child process's script (see src/plans/planStateApart.ts), which finds it here.
    'plan-state-child': path.join(serverDir, 'src/plans/planStateChild.ts'),
  },
  define: { 'process.env.PLENARY_COMPILED': '"true"' },
  outdir,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  // As node picks an npm package's entry: its exports, else "main".
  mainFields: ['main'],
  sourcemap: 'linked',
  // Beside the entries: the relative paths written above are from dist/ itself.
  chunkNames: '[name]-[hash]',
  logLevel: 'warning',
  plugins: [installedPackages, sourceLocation],
});
process.stdout.write(`Built the server into ${path.relative(repoRoot, outdir)}/server.js\n`);
