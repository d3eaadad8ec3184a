import path from 'node:path';
import { build, type Rolldown } from 'vite';
import { expect, it } from 'vitest';
import { entryChunks, loadedAtOnce } from '../../../build/staticImports.ts';

const WEB = path.resolve(import.meta.dirname, '../../..');
/** A library's modules, by its name, wherever pnpm put it. */
const library = (name: string) =>
  new RegExp(`[\\\\/]node_modules[\\\\/](\\.pnpm[\\\\/])?${name}[@\\\\/]`);
/** The libraries of the editing after ready (packages/editor/src/editingAfterReady.ts). */
const AFTER_READY = ['prosemirror-tables', 'linkifyjs', 'prosemirror-dropcursor'].map(library);

/**
 * The modules each part of the plan page loads at once: its chunk and those the chunk
 * imports statically (what import() loads later is left out), as bench/bundleSize.ts
 * counts them, without building the whole app (the two pages' code, about a second).
 */
async function staticModules(entries: Record<string, string>) {
  const output = (await build({
    configFile: false,
    logLevel: 'silent',
    root: WEB,
    build: { write: false, minify: false, lib: { entry: entries, formats: ['es'] } },
  })) as Rolldown.RolldownOutput[];
  const chunks = new Map(
    output
      .flatMap((result) => result.output)
      .flatMap((part) => (part.type === 'chunk' ? [[part.fileName, part] as const] : [])),
  );
  const reached = loadedAtOnce(chunks, entryChunks(chunks));
  const modulesOf = (files: Iterable<string>) =>
    [...files].flatMap((file) => chunks.get(file)?.moduleIds ?? []);
  return {
    atOnce: modulesOf(reached),
    later: modulesOf([...chunks.keys()].filter((file) => !reached.has(file))),
  };
}

// Table editing (prosemirror-tables), linking typed addresses (linkifyjs) and the drop
// cursor follow the editor in a chunk of their own (packages/editor/src/editingAfterReady.ts);
// a static import of it, or of TipTap's table, link or drop cursor extension, would bring
// them back into what typing waits for (bench/results/bundle-size.md).
it('leaves the editing after ready out of the code a person waits for before typing', async () => {
  const { atOnce, later } = await staticModules({
    planPage: 'src/features/plan/PlanPage.tsx',
    sectionEditor: 'src/features/plan/SectionEditor.tsx',
  });
  expect(atOnce.some((id) => id.includes('prosemirror-view'))).toBe(true);
  for (const ofLibrary of AFTER_READY) {
    expect(atOnce.filter((id) => ofLibrary.test(id))).toEqual([]);
    expect(later.filter((id) => ofLibrary.test(id)).length).toBeGreaterThan(0);
  }
}, 60_000);
