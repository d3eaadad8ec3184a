import type { Rolldown } from 'vite';

/**
 * The chunks loaded at once with `fileNames`: each of them and the chunks it imports
 * statically, transitively (what `import()` loads later is left out), in the order
 * reached. Read by the build's route preload and by the test that keeps libraries out of
 * what typing waits for.
 */
export function loadedAtOnce(
  chunks: ReadonlyMap<string, Rolldown.OutputChunk>,
  fileNames: Iterable<string>,
): Set<string> {
  const reached = new Set<string>();
  const visit = (fileName: string) => {
    if (reached.has(fileName)) return;
    reached.add(fileName);
    for (const imported of chunks.get(fileName)?.imports ?? []) visit(imported);
  };
  for (const fileName of fileNames) visit(fileName);
  return reached;
}

/** The file names of the bundle's entry chunks. */
export function entryChunks(chunks: ReadonlyMap<string, Rolldown.OutputChunk>): string[] {
  return [...chunks.values()].filter((chunk) => chunk.isEntry).map((chunk) => chunk.fileName);
}
