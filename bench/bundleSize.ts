/**
 * How much JavaScript each page of the web app loads before it can show anything: the
 * entry's static imports plus the page's own chunk and its static imports (chunks loaded
 * later with import(), such as panels opened on demand, are not counted), gzipped.
 *
 *   node --import tsx bench/bundleSize.ts
 *
 * Builds the web app with its own Vite config into a temporary folder (with a manifest),
 * and appends the figures to bench/results/bundle-size.md, with how many TipTap or
 * ProseMirror modules each page's first paint holds (the projector should hold none).
 *
 * MODULES=<page> (e.g. MODULES='plan page, ready to type') also prints that page's 40
 * largest modules, by their size in the bundle before minifying: where to look for weight.
 */
import { appendFileSync, mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { build, type Rolldown } from 'vite';

const WEB = path.resolve(import.meta.dirname, '../apps/web');

/**
 * The pages measured: the modules whose static import graphs load before the page can
 * show anything (the route module that the router loads). The plan page draws its text
 * before the editor has arrived and asks for the editor at once; "plan page, ready to
 * type" adds the editor's chunk, which typing waits for. The last plan page row adds what
 * comes just after, without anyone waiting for it: the section editor's discussion layer,
 * table editing (prosemirror-tables) and the service worker's registration. Manifest keys
 * are paths from apps/web, so the editor package's module is reached with `../../`.
 */
const PAGES = {
  'start page': ['src/features/start/StartPage.tsx'],
  'plan page': ['src/features/plan/PlanPage.tsx'],
  'plan page, ready to type': [
    'src/features/plan/PlanPage.tsx',
    'src/features/plan/SectionEditor.tsx',
  ],
  'plan page, with what follows at once': [
    'src/features/plan/PlanPage.tsx',
    'src/features/plan/SectionEditor.tsx',
    'src/features/discussion/SectionDiscussionLayer.tsx',
    '../../packages/editor/src/editingAfterReady.ts',
    'src/ui/UpdatePrompt.tsx',
  ],
  projector: ['src/features/projector/ProjectorPage.tsx'],
} as const;

/** Targets from the performance issue, in KB gzip. */
const TARGETS: Partial<Record<keyof typeof PAGES, number>> = {
  'plan page': 300,
  projector: 200,
};

interface ManifestChunk {
  file: string;
  imports?: string[];
}

const outDir = mkdtempSync(path.join(os.tmpdir(), 'plenary-bundle-'));
const output = await build({
  root: WEB,
  configFile: path.join(WEB, 'vite.config.ts'),
  logLevel: 'warn',
  build: { outDir, emptyOutDir: true, manifest: true },
});
const manifest = JSON.parse(
  readFileSync(path.join(outDir, '.vite/manifest.json'), 'utf8'),
) as Record<string, ManifestChunk>;

// The chunks of each output file, by file name.
const chunkOf = new Map<string, Rolldown.OutputChunk>();
for (const result of [output].flat() as Rolldown.RolldownOutput[])
  for (const chunk of result.output ?? [])
    if (chunk.type === 'chunk') chunkOf.set(chunk.fileName, chunk);
const EDITOR_MODULE = /[\\/]node_modules[\\/](@tiptap|prosemirror-)/;

// Every chunk a manifest entry loads statically, itself included.
function closure(key: string, into = new Set<string>()): Set<string> {
  if (into.has(key)) return into;
  into.add(key);
  for (const imported of manifest[key]?.imports ?? []) closure(imported, into);
  return into;
}

const gzipped = (key: string): number => {
  const chunk = manifest[key];
  if (!chunk) throw new Error(`${key} is not in the build manifest`);
  return gzipSync(readFileSync(path.join(outDir, chunk.file)), { level: 9 }).byteLength;
};

/** A page's largest modules, with the chunk each went into. */
function printLargestModules(keys: ReadonlySet<string>): void {
  const modules = [...keys].flatMap((key) => {
    const chunk = chunkOf.get(manifest[key]?.file ?? '');
    return Object.entries(chunk?.modules ?? {}).map(([id, module]) => ({
      id: id
        .replace(/^.*node_modules[\\/](\.pnpm[\\/][^\\/]+[\\/]node_modules[\\/])?/, '')
        .replace(WEB, 'apps/web'),
      bytes: module.renderedLength,
      file: chunk?.fileName ?? '',
    }));
  });
  for (const { id, bytes, file } of modules.sort((a, b) => b.bytes - a.bytes).slice(0, 40))
    process.stdout.write(`${String(bytes).padStart(8)}  ${file.padEnd(36)} ${id}\n`);
}

const kb = (bytes: number) => (bytes / 1024).toFixed(1);
const rows: string[] = [];
for (const [page, modules] of Object.entries(PAGES) as [keyof typeof PAGES, readonly string[]][]) {
  const keys = closure('index.html');
  // A module bundled into a chunk already counted (e.g. a page in the entry's chunk) has
  // no manifest entry of its own.
  for (const module of modules) if (manifest[module]) closure(module, keys);
  const sizes = [...keys].map((key) => ({ key, bytes: gzipped(key) }));
  const total = sizes.reduce((sum, { bytes }) => sum + bytes, 0);
  const target = TARGETS[page];
  const editorModules = [...keys].flatMap((key) =>
    (chunkOf.get(manifest[key]?.file ?? '')?.moduleIds ?? []).filter((id) =>
      EDITOR_MODULE.test(id),
    ),
  ).length;
  const biggest = sizes
    .sort((a, b) => b.bytes - a.bytes)
    .slice(0, 4)
    .map(({ key, bytes }) => `${manifest[key]?.file.replace(/^assets\//, '')} ${kb(bytes)}`)
    .join(', ');
  if (process.env.MODULES === page) printLargestModules(keys);
  rows.push(
    `| ${page} | ${kb(total)} KB | ${target ? `${target} KB` : '-'} | ${keys.size} | ${editorModules} | ${biggest} |`,
  );
  process.stdout.write(
    `${page}: ${kb(total)} KB gzip in ${keys.size} chunks, ${editorModules} TipTap/ProseMirror modules (${biggest})\n`,
  );
}

const heading = `## ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC, Node ${process.version}, gzip level 9`;
appendFileSync(
  path.resolve(import.meta.dirname, 'results/bundle-size.md'),
  [
    '',
    heading,
    '',
    '| page | JS before first paint (gzip) | target | chunks | TipTap/ProseMirror modules | largest chunks (KB gzip) |',
    '| --- | --- | --- | --- | --- | --- |',
    ...rows,
    '',
  ].join('\n'),
);
