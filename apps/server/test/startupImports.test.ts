import type { ChildProcess } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { sectionFragmentName } from '@plenary/model';
import { afterEach, describe, expect, it } from 'vitest';
import { freePort, spawnServer } from './support/serverProcess.ts';
import { eventually, type StockClient, stockClient, whenSynced } from './support/stockClient.ts';
import {
  callApi,
  createTestPlan,
  joinAs,
  type TestServer,
  tempDataDir,
} from './support/testServer.ts';
import { yParagraph } from './support/yParagraph.ts';

const importLog = path.resolve(import.meta.dirname, 'support/importLog.mjs');

/**
 * Modules an idle server must not hold (the report package's own modules are small and
 * load its libraries on first need, so they may) (issue 13: idle RSS <= 100 MB): they load on first
 * need. The editing packages alone are some 20 MB; they crept back once through one
 * start-up import and nothing failed.
 */
const LOADED_ON_FIRST_NEED: Record<string, RegExp> = {
  // Their Yjs-only modules aside: the repair's scope reads Yjs alone (SuggestionRepair.ts).
  'the editing packages':
    /\/packages\/(editor|suggestions|versions)\/src\/(?!repairScope\.ts|yjsKeys\.ts)|@tiptap|prosemirror-/,
  'the report, PDF, import and DOM libraries':
    /\/(docx|pdfkit|happy-dom|mammoth|harfbuzzjs|jszip|markdown-it)@/,
  'the scaled-out mode libraries (PostgreSQL, Redis)': /\/(pg|ioredis)@/,
  // These servers serve no web build (WEB_DIST_DIR is empty), as an API-only one would not.
  'the static file server': /\/@fastify\+static@/,
};

function loadedBy(lines: string[], pattern: RegExp): string[] {
  return lines.filter((url) => pattern.test(url));
}

let children: ChildProcess[] = [];
let clients: StockClient[] = [];
afterEach(() => {
  for (const client of clients) client.destroy();
  clients = [];
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

    // What the server itself loaded: its children (a plan built apart) log under their own id.
    const loaded = () =>
      readFileSync(logFile, 'utf8')
        .split('\n')
        .filter((line) => line.startsWith(`${server.pid} `));
    const atStart = loaded();
    // The log works: the server's own modules are in it.
    expect(loadedBy(atStart, /\/fastify@/).length).toBeGreaterThan(0);
    for (const [what, pattern] of Object.entries(LOADED_ON_FIRST_NEED)) {
      expect(loadedBy(atStart, pattern), `${what} loaded at start`).toEqual([]);
    }

    // Nor once a plan is made (its first state is built apart) and typed into by someone
    // who may edit directly: only suggestions need the editing packages (issue 13: RSS
    // with a room of 200 people).
    const api = { baseUrl: `http://127.0.0.1:${port}` } as TestServer;
    const plan = await createTestPlan(api);
    const observer = await joinAs(api, plan, { role: 'observer', groupId: null }, 'Dara');
    const syncUrl = `ws://127.0.0.1:${port}/sync`;
    const writer = stockClient(syncUrl, plan.id, plan.facilitatorToken);
    const reader = stockClient(syncUrl, plan.id, observer.sessionToken);
    clients.push(writer, reader);
    await Promise.all([whenSynced(writer), whenSynced(reader)]);
    const sectionId = plan.sections[0]?.id ?? '';
    writer.doc.getXmlFragment(sectionFragmentName(sectionId)).push([yParagraph('Typed directly.')]);
    await eventually(
      () => reader.doc.getXmlFragment(sectionFragmentName(sectionId)).toString().includes('Typed'),
      10_000,
      'the text to reach the other client',
    );
    // One more round trip, so the server's work in reply to the update (the repair) is done.
    expect(
      (await callApi(api, 'GET', `/api/plans/${plan.id}`, { token: plan.facilitatorToken })).status,
    ).toBe(200);
    expect(loadedBy(loaded(), LOADED_ON_FIRST_NEED['the editing packages'] as RegExp)).toEqual([]);

    // And it would notice: in Review members must suggest, and checking that needs the editor.
    const review = await callApi(api, 'PUT', `/api/plans/${plan.id}/phase`, {
      token: plan.facilitatorToken,
      body: { phase: 'review' },
    });
    expect(review.status).toBe(200);
    await eventually(
      () => loadedBy(loaded(), /\/packages\/editor\//).length > 0,
      10_000,
      'the editor package to show in the log',
    );
  }, 90_000);
});
