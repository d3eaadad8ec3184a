import { fork } from 'node:child_process';
import type { PlanTemplate } from '@plenary/model';

/**
 * The child's script and the node flags it runs with. The compiled server (`build.mjs`,
 * which sets PLENARY_COMPILED) has the script beside itself in dist/: `import.meta.url`
 * names this source file in both cases (the build points it here), and dist/ sits beside
 * src/. Run from source, the child is the TypeScript file, run through tsx as the server
 * is. No other flag of the server's is passed on (a CPU profiler, a preloaded probe).
 */
function childScript(): { script: URL; execArgv: string[] } {
  return process.env.PLENARY_COMPILED === 'true'
    ? { script: new URL('../../dist/plan-state-child.js', import.meta.url), execArgv: [] }
    : { script: new URL('./planStateChild.ts', import.meta.url), execArgv: ['--import', 'tsx'] };
}

/**
 * A new plan's first state (one Yjs update), built from `template` in a child process that
 * ends when done. For the demo plan made at a first start: building it loads the editing
 * packages (TipTap, ProseMirror, some 20 MB), which the server would otherwise hold from
 * then on although nobody may edit before its next restart. A worker thread was tried
 * first; what it left in the process's allocator kept most of the saving away.
 */
export function planStateApart(title: string, template: PlanTemplate): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    let state: Uint8Array | null = null;
    const { script, execArgv } = childScript();
    const child = fork(script, [], {
      execArgv,
      // Structured clone, so the update arrives as bytes rather than as JSON.
      serialization: 'advanced',
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    // Not `once`: under `node --watch` the child also reports the files it loaded here.
    child.on('message', (message) => {
      if (message instanceof Uint8Array) state = message;
    });
    child.once('error', reject);
    child.once('exit', (code, signal) => {
      if (state) resolve(state);
      else
        reject(
          new Error(`building the plan "${title}" apart ended (${signal ?? code}) without it`),
        );
    });
    child.send({ title, template });
  });
}
