/**
 * A Plenary server in a process of its own, so that its CPU time and memory can be read
 * apart from the crowd of stock y-websocket clients the benchmark runs against it.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { WebSocket } from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { cpuMsOf } from './processCpu.ts';

const repoRoot = path.join(import.meta.dirname, '..', '..');
// Every stock provider adds a process 'exit' listener; a crowd of them is expected.
process.setMaxListeners(0);

/** A running server process on loopback. */
export interface ServerProcess {
  url: string;
  syncUrl: string;
  /** The server's CPU time so far (user + system), in milliseconds. */
  cpuMs(): number;
  /** The server's resident memory now, in MiB. */
  rssMiB(): number;
  stop(): Promise<void>;
}

async function freePort(): Promise<number> {
  const probe = createServer();
  probe.listen(0, '127.0.0.1');
  await once(probe, 'listening');
  const address = probe.address();
  probe.close();
  await once(probe, 'close');
  if (address === null || typeof address === 'string') throw new Error('no port');
  return address.port;
}

/** Starts `apps/server` (as `npm start` runs it, without the web app) and waits until healthy. */
export async function startServerProcess(): Promise<ServerProcess> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const child: ChildProcess = spawn(
    process.execPath,
    ['--import', 'tsx', 'apps/server/src/server.ts'],
    {
      cwd: repoRoot,
      env: {
        ...process.env,
        PORT: String(port),
        HOST: '127.0.0.1',
        DATA_DIR: mkdtempSync(path.join(os.tmpdir(), 'plenary-bench-')),
        WEB_DIST_DIR: '',
        LOG_LEVEL: 'warn',
      },
      stdio: ['ignore', 'ignore', 'inherit'],
    },
  );
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    const healthy = await fetch(`${url}/api/health`).then(
      (response) => response.ok,
      () => false,
    );
    if (healthy) break;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  const pid = child.pid;
  if (pid === undefined) throw new Error('the server did not start');
  return {
    url,
    syncUrl: `ws://127.0.0.1:${port}/sync`,
    cpuMs: () => cpuMsOf(pid),
    rssMiB() {
      const status = readFileSync(`/proc/${pid}/status`, 'utf8');
      const kib = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? Number.NaN);
      return kib / 1024;
    },
    async stop() {
      const exited = once(child, 'exit');
      child.kill('SIGTERM');
      await exited;
    },
  };
}

/** A plan created over the API, and the token every client of the crowd uses. */
export async function createBenchPlan(
  server: ServerProcess,
): Promise<{ id: string; token: string; sectionId: string }> {
  const response = await fetch(`${server.url}/api/plans`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ title: 'Crowd', template: 'blank' }),
  });
  const plan = (await response.json()) as {
    id: string;
    facilitatorToken: string;
    sections: { id: string }[];
  };
  return { id: plan.id, token: plan.facilitatorToken, sectionId: plan.sections[0]?.id ?? '' };
}

/** One phone of the crowd: a stock y-websocket client, and what went wrong for it. */
export interface CrowdClient {
  doc: Y.Doc;
  provider: WebsocketProvider;
  /** Closes from the server with a code of its own (4xxx), and connection errors. */
  errors: string[];
}

/** Connects `count` stock clients to the plan. */
export function connectCrowd(
  server: ServerProcess,
  plan: { id: string; token: string },
  count: number,
): CrowdClient[] {
  return Array.from({ length: count }, () => {
    const doc = new Y.Doc();
    const provider = new WebsocketProvider(server.syncUrl, plan.id, doc, {
      WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
      disableBc: true,
      params: { token: plan.token },
    });
    const client: CrowdClient = { doc, provider, errors: [] };
    provider.on('connection-close', (event) => {
      if (event && event.code >= 4000) client.errors.push(`close ${event.code} ${event.reason}`);
    });
    provider.on('connection-error', () => client.errors.push('connection error'));
    return client;
  });
}

/** Waits until every client is synced; returns the milliseconds it took. */
export async function allSynced(crowd: CrowdClient[], timeoutMs = 120_000): Promise<number> {
  const start = performance.now();
  while (!crowd.every((client) => client.provider.synced)) {
    if (performance.now() - start > timeoutMs) {
      const waiting = crowd.filter((client) => !client.provider.synced).length;
      throw new Error(`${waiting} of ${crowd.length} clients not synced after ${timeoutMs} ms`);
    }
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  return performance.now() - start;
}

/** Closes every client. */
export function leave(crowd: CrowdClient[]): void {
  for (const { provider, doc } of crowd) {
    provider.destroy();
    doc.destroy();
  }
}

/** The machine, for the results table. */
export const machine = (): string => `${os.cpus().length} cores, Node ${process.version}`;
