import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';

/** A real Plenary server in a child process, as the web app meets it over the network. */
export interface PlenaryServer {
  /** `http://127.0.0.1:<port>`. */
  baseUrl: string;
  /** What the provider takes as its server URL. */
  syncUrl: string;
  /** Stops the process; the port and the data directory stay for `start()`. */
  stop(): Promise<void>;
  /** Starts it again on the same port and data directory; nothing when it is running. */
  start(): Promise<void>;
}

const repoRoot = path.resolve(import.meta.dirname, '../../../..');

/** A port nobody listens on now; the server binds it, and binds it again after a restart. */
async function freePort(): Promise<number> {
  const probe = createServer();
  probe.listen(0, '127.0.0.1');
  await once(probe, 'listening');
  const address = probe.address();
  probe.close();
  if (address === null || typeof address === 'string') throw new Error('no port');
  return address.port;
}

/**
 * Starts `apps/server/src/server.ts` as its own process with SQLite in a fresh data
 * directory. A process rather than an import: the web app may not depend on the server's
 * code (scripts/check-deps.mjs), only on what it says on the wire.
 */
export async function startPlenaryServer(): Promise<PlenaryServer> {
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'plenary-web-wire-'));
  let child: ChildProcess | null = null;
  const start = async () => {
    if (child !== null) return;
    child = spawn(process.execPath, ['--import', 'tsx', 'apps/server/src/server.ts'], {
      cwd: repoRoot,
      env: {
        ...process.env,
        PORT: String(port),
        HOST: '127.0.0.1',
        DATA_DIR: dataDir,
        WEB_DIST_DIR: '',
        LAN_ADDRESS: '',
        LOG_LEVEL: 'warn',
      },
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    const deadline = Date.now() + 60_000;
    while (Date.now() < deadline) {
      if (child.exitCode !== null) {
        const code = child.exitCode;
        child = null;
        throw new Error(`the server exited with ${code}`);
      }
      const healthy = await fetch(`${baseUrl}/api/health`).then(
        (response) => response.ok,
        () => false,
      );
      if (healthy) return;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error('the server did not start within a minute');
  };
  const stop = async () => {
    const running = child;
    child = null;
    if (running === null || running.exitCode !== null) return;
    const exited = once(running, 'exit');
    running.kill('SIGTERM');
    await exited;
  };
  await start();
  return { baseUrl, syncUrl: `ws://127.0.0.1:${port}/sync`, stop, start };
}

/** A plan created over the API, with its facilitator's session token. */
export async function createPlan(
  server: PlenaryServer,
): Promise<{ id: string; token: string; sectionIds: string[] }> {
  const response = await fetch(`${server.baseUrl}/api/plans`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ title: 'Wire test', template: 'r2p-nap' }),
  });
  if (response.status !== 201) throw new Error(`creating a plan failed: ${response.status}`);
  const body = (await response.json()) as {
    id: string;
    facilitatorToken: string;
    sections: { id: string }[];
  };
  return {
    id: body.id,
    token: body.facilitatorToken,
    sectionIds: body.sections.map((section) => section.id),
  };
}
