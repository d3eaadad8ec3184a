import { Worker } from 'node:worker_threads';
import type { PlanTemplate } from '@plenary/model';

/**
 * The worker, as `new Worker` takes it. The compiled server (`build.mjs`, which sets
 * PLENARY_COMPILED) has its script beside itself in dist/: `import.meta.url` names this
 * source file in both cases (the build points it here), and dist/ sits beside src/. Run
 * from source, the worker is the TypeScript file, which a worker thread cannot load by
 * itself (the loader the server runs under does not reach workers), so it first registers
 * that loader (tsx, a development dependency) in the thread.
 */
function workerScript(): { script: string | URL; eval: boolean } {
  if (process.env.PLENARY_COMPILED === 'true') {
    return { script: new URL('../../dist/plan-state-worker.js', import.meta.url), eval: false };
  }
  const loader = JSON.stringify(import.meta.resolve('tsx/esm/api'));
  const source = JSON.stringify(new URL('./planStateWorker.ts', import.meta.url).href);
  return {
    script: `import(${loader}).then(({ register }) => { register(); return import(${source}); });`,
    eval: true,
  };
}

/**
 * A new plan's first state (one Yjs update), built from `template` in a worker thread that
 * ends when done. For the demo plan made at a first start: building it loads the editing
 * packages (TipTap, ProseMirror, some 20 MB), which the server would otherwise hold from
 * then on although nobody may edit before its next restart; a thread's memory goes with it.
 */
export function planStateApart(title: string, template: PlanTemplate): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    let state: Uint8Array | null = null;
    const { script, eval: isCode } = workerScript();
    const worker = new Worker(script, { eval: isCode, workerData: { title, template } });
    worker.once('message', (message: Uint8Array) => {
      state = message;
    });
    worker.once('error', reject);
    worker.once('exit', (code) => {
      if (state) resolve(state);
      else reject(new Error(`the worker building the plan "${title}" ended (${code}) without it`));
    });
  });
}
