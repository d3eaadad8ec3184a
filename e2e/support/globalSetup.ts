import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

/**
 * Compiles the server before the specs start it (`apps/server/dist`, as `npm start` runs
 * it), so the end-to-end tests always run the current source, compiled as people run it.
 * esbuild takes a few seconds; the web app it serves is built by `npm test`'s build stage
 * (or `npm run build`).
 */
export default function compileServer(): void {
  const repoRoot = join(import.meta.dirname, '..', '..');
  execFileSync(process.execPath, [join(repoRoot, 'apps/server/build.mjs')], {
    cwd: join(repoRoot, 'apps/server'),
    stdio: 'inherit',
  });
}
