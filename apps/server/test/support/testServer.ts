import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { RelayExtension } from '@plenary/relay';
import { openStorage } from '@plenary/storage';
import type { FastifyInstance } from 'fastify';
import { afterAll, afterEach, beforeAll, beforeEach } from 'vitest';
import type * as Y from 'yjs';
import { buildApp } from '../../src/app.ts';
import { loadConfig } from '../../src/config.ts';
import { type StockClient, stockClient } from './stockClient.ts';

/** A running Plenary server for one test. */
export interface TestServer {
  app: FastifyInstance;
  baseUrl: string;
  /** What a y-websocket provider takes as serverUrl. */
  syncUrl: string;
  dataDir: string;
  logLines: string[];
  close(): Promise<void>;
}

/** A fresh temporary data directory. */
export const tempDataDir = (): string => mkdtempSync(path.join(os.tmpdir(), 'plenary-test-'));

/** How a test server is started. */
export interface TestServerOptions {
  dataDir?: string;
  env?: Record<string, string>;
  /** Run after the server's own relay extensions. */
  relayExtensions?: readonly RelayExtension[];
}

/**
 * Starts a real server with SQLite storage on port 0 (a random free port, so tests can
 * run side by side) and captures its log lines for assertions.
 */
export async function startTestServer(options: TestServerOptions = {}): Promise<TestServer> {
  const dataDir = options.dataDir ?? tempDataDir();
  const config = loadConfig({
    DATA_DIR: dataDir,
    PORT: '0',
    HOST: '127.0.0.1',
    WEB_DIST_DIR: '',
    // Links point where the test's requests went unless a test sets a venue address.
    LAN_ADDRESS: '',
    ...options.env,
  });
  const logLines: string[] = [];
  const app = await buildApp({
    config,
    storage: await openStorage({ dataDir }),
    logDestination: { write: (line: string) => logLines.push(line) },
    ...(options.relayExtensions ? { relayExtensions: options.relayExtensions } : {}),
  });
  const address = await app.listen({ host: config.host, port: 0 });
  return {
    app,
    baseUrl: address,
    syncUrl: `${address.replace(/^http/, 'ws')}/sync`,
    dataDir,
    logLines,
    close: () => app.close(),
  };
}

/** A plan as the create call returns it. */
export interface CreatedPlan {
  id: string;
  url: string;
  facilitatorToken: string;
  sections: { id: string; title: string; groupId: string | null }[];
  groups: { id: string; name: string }[];
}

/** Calls the API over HTTP, with a bearer token when given; returns status and JSON body. */
export async function callApi(
  server: TestServer,
  method: string,
  url: string,
  options: { token?: string; body?: unknown } = {},
  // biome-ignore lint/suspicious/noExplicitAny: tests read arbitrary JSON bodies and assert on their fields.
): Promise<{ status: number; body: any }> {
  const response = await fetch(`${server.baseUrl}${url}`, {
    method,
    headers: {
      ...(options.body === undefined ? {} : { 'content-type': 'application/json' }),
      ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
    },
    ...(options.body === undefined ? {} : { body: JSON.stringify(options.body) }),
  });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : null };
}

/** Creates a plan through the API and returns it with its facilitator token. */
export async function createTestPlan(
  server: TestServer,
  template: 'r2p-nap' | 'blank' = 'blank',
): Promise<CreatedPlan> {
  const { status, body } = await callApi(server, 'POST', '/api/plans', {
    body: { title: 'Test plan', template },
  });
  if (status !== 201) throw new Error(`creating a plan failed: ${status} ${JSON.stringify(body)}`);
  return body as CreatedPlan;
}

/** Makes an invite link as the facilitator and joins with it; returns both tokens. */
export async function joinAs(
  server: TestServer,
  plan: CreatedPlan,
  invite: { role: string; groupId?: string | null; expiresAt?: string },
  name: string,
): Promise<{ inviteId: string; inviteToken: string; sessionToken: string; participantId: string }> {
  const created = await callApi(server, 'POST', `/api/plans/${plan.id}/invites`, {
    token: plan.facilitatorToken,
    body: invite,
  });
  if (created.status !== 201)
    throw new Error(`creating an invite failed: ${JSON.stringify(created.body)}`);
  const joined = await callApi(server, 'POST', `/api/plans/${plan.id}/participants`, {
    token: created.body.token,
    body: { name },
  });
  if (joined.status !== 201) throw new Error(`joining failed: ${JSON.stringify(joined.body)}`);
  return {
    inviteId: created.body.id,
    inviteToken: created.body.token,
    sessionToken: joined.body.sessionToken,
    participantId: joined.body.participant.id,
  };
}

/** What `useTestServer` hands a test file: the scene of the test running now. */
export interface TestServerScene {
  /** The server of the running test. */
  server(): TestServer;
  /** The plan made on it for the test. */
  plan(): CreatedPlan;
  /** A stock client of the plan with `token` (as the device of `doc` when given), destroyed after the test. */
  connect(token?: string, doc?: Y.Doc): StockClient;
  /** The clients `connect` made and the test has not taken out; a test may end them early. */
  clients: StockClient[];
  /** Closes the server and starts another over its data, as it was started; clients stay as they are. */
  restart(): Promise<TestServer>;
}

/**
 * Registers hooks that start a server with a fresh plan (R2P unless told) before each test
 * of the file (or describe) and, after it, destroy the clients made through `connect` and
 * close the server. With `once`, the tests share one server and plan, started before the
 * first and closed after the last.
 */
export function useTestServer(
  options: Omit<TestServerOptions, 'dataDir'> & {
    template?: 'r2p-nap' | 'blank';
    once?: boolean;
  } = {},
): TestServerScene {
  const { template = 'r2p-nap', once = false, ...serverOptions } = options;
  const [before, after] = once ? [beforeAll, afterAll] : [beforeEach, afterEach];
  let server: TestServer | undefined;
  let plan: CreatedPlan | undefined;
  const clients: StockClient[] = [];
  before(async () => {
    server = await startTestServer(serverOptions);
    plan = await createTestPlan(server, template);
  });
  after(async () => {
    for (const client of clients.splice(0)) client.destroy();
    await server?.close();
  });
  const scene: TestServerScene = {
    server: () => {
      if (!server) throw new Error('the test server is only there inside a test');
      return server;
    },
    plan: () => {
      if (!plan) throw new Error('the test plan is only there inside a test');
      return plan;
    },
    connect: (token, doc) => {
      const client = stockClient(scene.server().syncUrl, scene.plan().id, token, doc);
      clients.push(client);
      return client;
    },
    clients,
    restart: async () => {
      const { dataDir } = scene.server();
      await scene.server().close();
      server = await startTestServer({ ...serverOptions, dataDir });
      return server;
    },
  };
  return scene;
}
