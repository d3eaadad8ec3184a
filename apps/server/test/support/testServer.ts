import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openStorage } from '@plenary/storage';
import type { FastifyInstance } from 'fastify';
import pino from 'pino';
import { buildApp } from '../../src/app.ts';
import { loadConfig } from '../../src/config.ts';

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

/**
 * Starts a real server with SQLite storage on port 0 (a random free port, so tests can
 * run side by side) and captures its log lines for assertions.
 */
export async function startTestServer(
  options: { dataDir?: string; env?: Record<string, string> } = {},
): Promise<TestServer> {
  const dataDir = options.dataDir ?? tempDataDir();
  const config = loadConfig({
    DATA_DIR: dataDir,
    PORT: '0',
    HOST: '127.0.0.1',
    WEB_DIST_DIR: '',
    ...options.env,
  });
  const logLines: string[] = [];
  const logger = pino({ level: 'info' }, { write: (line: string) => logLines.push(line) });
  const app = await buildApp({ config, storage: openStorage({ dataDir }), logger });
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

/** Creates a plan through the API and returns its id and sections. */
export async function createTestPlan(
  server: TestServer,
  template: 'r2p-nap' | 'blank' = 'blank',
): Promise<{ id: string; sections: { id: string; title: string }[] }> {
  const response = await fetch(`${server.baseUrl}/api/plans`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ title: 'Test plan', template }),
  });
  if (response.status !== 201) throw new Error(`creating a plan failed: ${response.status}`);
  return (await response.json()) as { id: string; sections: { id: string; title: string }[] };
}
