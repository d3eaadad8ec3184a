/**
 * The pages bench/typingCompare.ts types into, each as a `Variant` that prepares a plan of
 * a given shape: Plenary's plan page on a Plenary server, and the bare reference page
 * (TipTap on the stock y-websocket provider), its files served from this process and its
 * socket by the stock relay in a process of its own, as Plenary's server runs.
 */
import { mkdtempSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type { Browser, BrowserContext, Locator, Page } from '@playwright/test';
import { readPlan, sectionFragmentName } from '@plenary/model';
import { build } from 'vite';
import * as Y from 'yjs';
import { PlanPage } from '../../e2e/pages/PlanPage.ts';
import type { PlenaryServer } from '../../e2e/support/server.ts';
import { connectClient, writeParagraphs } from './harnessClient.ts';
import { startRelay } from './relayProcesses.ts';

/** The last words of the section typed into: opening a plan is done when they show. */
export const END_MARKER = 'End of the plan.';

/** Puts the caret after the last words of `editor`, where every bench types. */
export async function caretAtEnd(editor: Locator): Promise<void> {
  await editor.getByText(END_MARKER).click();
  await editor.page().keyboard.press('End');
}

/** A plan's content, made the same way for every page. */
export interface PlanShape {
  name: string;
  /** Sections added to a blank plan, and the bytes of text written into each. */
  sections?: { count: number; bytes: number };
  /** The index of the section typed into. */
  typeIn: number;
}

/** One page kind under test, able to open a plan of each shape for a typist and a watcher. */
export interface Variant {
  label: string;
  /** Prepares a plan of this shape and says how to open it and find a section's editor. */
  prepare(shape: PlanShape, content: Y.Doc | null): Promise<PreparedPlan>;
}

/** A plan ready for one variant: its content, and how to open it and find its editors. */
export interface PreparedPlan {
  /** The plan's doc as stored, to give the reference the same content. */
  doc: Y.Doc;
  fragments: string[];
  /** Opens the plan in a new page of `context` as a person (name) would, ready to type. */
  open(context: BrowserContext, name: string): Promise<Page>;
  /**
   * Opens it again in a fresh context signed in as `from`, not waiting for anything;
   * `ready` runs on the new page before it navigates (e.g. to start measuring).
   */
  reopen(
    browser: Browser,
    from: BrowserContext,
    ready?: (page: Page) => Promise<void>,
  ): Promise<{ page: Page; context: BrowserContext }>;
  editor(page: Page, index: number): Locator;
}

type Json = Record<string, unknown>;

async function api(server: PlenaryServer, url: string, token: string | null, body: Json) {
  const response = await fetch(`${server.url}${url}`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body: JSON.stringify(body),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`POST ${url}: ${response.status} ${text}`);
  return JSON.parse(text) as Json;
}

/** Plenary's plan page on `server` (whichever web build it serves). */
export function plenaryVariant(label: string, server: PlenaryServer): Variant {
  return {
    label,
    async prepare(shape) {
      const plan = await api(server, '/api/plans', null, {
        title: `Typing bench: ${shape.name}`,
        template: shape.sections ? 'blank' : 'r2p-nap',
      });
      const planId = String(plan.id);
      const facilitator = String(plan.facilitatorToken);
      for (let i = 0; i < (shape.sections?.count ?? 0); i++)
        await api(server, `/api/plans/${planId}/sections`, facilitator, { title: `Part ${i + 1}` });
      const invite = String(
        (await api(server, `/api/plans/${planId}/invites`, facilitator, { role: 'facilitator' }))
          .token,
      );
      const sessionToken = String(
        (await api(server, `/api/plans/${planId}/participants`, invite, { name: 'Seeder' }))
          .sessionToken,
      );
      const serverUrl = `${server.url.replace('http', 'ws')}/sync`;
      const seeder = connectClient({
        serverUrl,
        room: planId,
        token: sessionToken,
        fragment: null,
      });
      await seeder.synced;
      const fragments = readPlan(seeder.doc).sections.map((section) =>
        sectionFragmentName(section.id),
      );
      if (shape.sections) {
        for (const fragment of fragments)
          writeParagraphs(seeder.doc, [fragment], shape.sections.bytes);
      }
      // The last words of the section typed into: opening is done when they show.
      const last = seeder.doc.getXmlFragment(fragments[shape.typeIn] ?? '');
      const paragraph = new Y.XmlElement('paragraph');
      paragraph.insert(0, [new Y.XmlText(END_MARKER)]);
      last.insert(last.length, [paragraph]);
      await storedByServer(serverUrl, planId, sessionToken, seeder.doc);
      seeder.destroy();
      const stored = connectClient({
        serverUrl,
        room: planId,
        token: sessionToken,
        fragment: null,
      });
      await stored.synced;
      const doc = new Y.Doc();
      Y.applyUpdate(doc, Y.encodeStateAsUpdate(stored.doc));
      stored.destroy();
      const link = `${server.url}/plans/${planId}#invite=${invite}`;
      const editor = (page: Page, index: number) =>
        page.locator(`[data-section-id]`).nth(index).locator('.ProseMirror');
      return {
        doc,
        fragments,
        editor,
        async open(context, name) {
          const page = await context.newPage();
          // The page object allows an opening 5 s; on a loaded machine it may take longer.
          await PlanPage.join(page, link, name).catch(() =>
            page.getByTestId('section-editor').first().waitFor({ timeout: 60_000 }),
          );
          await new PlanPage(page).expectSaveState('saved');
          return page;
        },
        async reopen(browser, from, ready) {
          const context = await browser.newContext({ storageState: await from.storageState() });
          const page = await context.newPage();
          await ready?.(page);
          void page.goto(`${server.url}/plans/${planId}`);
          return { page, context };
        },
      };
    },
  };
}

/** Waits until a fresh client of the server holds everything `doc` holds. */
async function storedByServer(serverUrl: string, room: string, token: string | null, doc: Y.Doc) {
  const wanted = Y.encodeStateVector(doc);
  for (;;) {
    const reader = connectClient({ serverUrl, room, token, fragment: null });
    await reader.synced;
    const missing = Y.encodeStateAsUpdate(doc, Y.encodeStateVector(reader.doc));
    reader.destroy();
    // An update with no structs and no deletions is 2 bytes long.
    if (missing.byteLength <= 2 && wanted.byteLength > 0) return;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/**
 * The bare reference page, its files served from this process. Its relay runs in a process of
 * its own: in this one, which drives the browser, each frame waited for the event loop to
 * finish Playwright's work (the relay's share of the trip was 2-3 ms longer than Plenary's
 * network legs at load 3-8), so the reference looked slower than it is.
 */
export async function referenceVariant(): Promise<{ variant: Variant; close(): Promise<void> }> {
  const outDir = mkdtempSync(path.join(os.tmpdir(), 'typing-reference-'));
  await build({
    root: path.join(import.meta.dirname, '..', 'typingReference'),
    logLevel: 'warn',
    build: { outDir, emptyOutDir: true },
  });
  const server: Server = createServer(async (request, response) => {
    const file = new URL(request.url ?? '/', 'http://x').pathname;
    const name = file === '/' ? 'index.html' : file.slice(1);
    try {
      const body = await readFile(path.join(outDir, path.normalize(name)));
      const type = name.endsWith('.js') ? 'text/javascript' : 'text/html';
      response.writeHead(200, { 'content-type': type }).end(body);
    } catch {
      response.writeHead(404).end();
    }
  });
  const relay = await startRelay('reference');
  const relayUrl = `ws://127.0.0.1:${relay.port}`;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `127.0.0.1:${(server.address() as AddressInfo).port}`;
  let rooms = 0;
  const variant: Variant = {
    label: 'reference',
    async prepare(_shape, content) {
      if (!content) throw new Error('the reference needs the plan content');
      const room = `room${++rooms}`;
      // The relay keeps a room's document in memory after its last client leaves.
      const seeder = connectClient({ serverUrl: relayUrl, room, token: null, fragment: null });
      await seeder.synced;
      Y.applyUpdate(seeder.doc, Y.encodeStateAsUpdate(content));
      await storedByServer(relayUrl, room, null, seeder.doc);
      seeder.destroy();
      const fragments = readPlan(content).sections.map((section) =>
        sectionFragmentName(section.id),
      );
      const query = new URLSearchParams({
        server: relayUrl,
        room,
        fragments: fragments.join(','),
      });
      const url = `http://${base}/?${query}`;
      return {
        doc: content,
        fragments,
        editor: (page, index) => page.locator(`[data-fragment]`).nth(index).locator('.ProseMirror'),
        async open(context) {
          const page = await context.newPage();
          await page.goto(url);
          return page;
        },
        async reopen(browser, _from, ready) {
          const context = await browser.newContext();
          const page = await context.newPage();
          await ready?.(page);
          void page.goto(url);
          return { page, context };
        },
      };
    },
  };
  return {
    variant,
    close: async () => {
      await relay.stop();
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
