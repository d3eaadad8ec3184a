import type { ChildProcess } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { freePort, spawnServer } from './support/serverProcess.ts';
import { eventually } from './support/stockClient.ts';
import { tempDataDir } from './support/testServer.ts';

const importLog = path.resolve(import.meta.dirname, 'support/importLog.mjs');

/**
 * Modules an idle server must not hold (the report package's own modules are small and
 * load its libraries on first need, so they may) (issue 13: idle RSS <= 100 MB): they load on first
 * need. The editing packages alone are some 20 MB; they crept back once through one
 * start-up import and nothing failed.
 */
const LOADED_ON_FIRST_NEED: Record<string, RegExp> = {
  'the editing packages': /\/packages\/(editor|suggestions|versions)\/|@tiptap|prosemirror-/,
  'the report, PDF, import and DOM libraries':
    /\/(docx|pdfkit|happy-dom|mammoth|harfbuzzjs|jszip|markdown-it)@/,
  'the scaled-out mode libraries (PostgreSQL, Redis)': /\/(pg|ioredis)@/,
};

function loadedBy(lines: string[], pattern: RegExp): string[] {
  return lines.filter((url) => pattern.test(url));
}

let children: ChildProcess[] = [];
afterEach(() => {
  for (const child of children) child.kill('SIGKILL');
  children = [];
});

function stop(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}

describe('what a started server has loaded', () => {
  it('on a restart, holds none of the modules that load on first need until one is needed', async () => {
    const dataDir = tempDataDir();
    // The first start seeds the demo plan, which needs the editor's schema.
    const first = await spawnServer(dataDir, await freePort());
    children.push(first);
    await stop(first);

    const logFile = path.join(dataDir, 'imports.log');
    writeFileSync(logFile, '');
    const port = await freePort();
    const server = await spawnServer(dataDir, port, {
      NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --import=${importLog}`,
      PLENARY_IMPORT_LOG: logFile,
    });
    children.push(server);
    const health = await fetch(`http://127.0.0.1:${port}/api/health`);
    expect(health.status).toBe(200);

    const atStart = readFileSync(logFile, 'utf8').split('\n');
    // The log works: the server's own modules are in it.
    expect(loadedBy(atStart, /\/fastify@/).length).toBeGreaterThan(0);
    for (const [what, pattern] of Object.entries(LOADED_ON_FIRST_NEED)) {
      expect(loadedBy(atStart, pattern), `${what} loaded at start`).toEqual([]);
    }

    // And it would notice: creating a plan needs the editor, which then shows in the log.
    const created = await fetch(`http://127.0.0.1:${port}/api/plans`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ title: 'Loads the editor', template: 'blank' }),
    });
    expect(created.status).toBe(201);
    await eventually(
      () =>
        existsSync(logFile) &&
        loadedBy(readFileSync(logFile, 'utf8').split('\n'), /\/packages\/editor\//).length > 0,
      10_000,
      'the editor package to show in the log',
    );
  }, 90_000);
});
