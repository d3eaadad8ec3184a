import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** The repository root, where the server is started from. */
export const repoRoot = join(import.meta.dirname, '..', '..');

/**
 * The compiled server, as `npm start` runs it (the e2e set-up compiles it first, see
 * globalSetup.ts): what people run, and a start about 1.5 s faster than compiling the
 * TypeScript on the fly with tsx, which each of some fifty starts paid.
 */
const SERVER_ENTRY = 'apps/server/dist/server.js';
const HEALTH_PATH = '/api/health';
// SQLite opens its file and a first start stores the demo plan: a cold start takes seconds.
const STARTUP_TIMEOUT_MS = 30_000;
const STOP_TIMEOUT_MS = 5_000;

/** What to vary when starting a server; everything else gets a fresh default. */
export interface StartServerOptions {
  /** Extra environment, e.g. DATABASE_URL or REDIS_URL for the scaled-out mode. */
  env?: Record<string, string>;
  /** Reuse a data folder, e.g. to restart a server on the data of a stopped one. */
  dataDir?: string;
  /**
   * Another entry point than the product's, e.g. `e2e/support/faultyStoreServer.ts` (a
   * TypeScript entry runs through tsx).
   */
  entry?: string;
  /**
   * The host name people open instead of 127.0.0.1, e.g. a venue LAN name that the test's
   * browser maps to loopback; PUBLIC_URL (and so every link) is built from it and the port.
   */
  publicHost?: string;
}

/** A running Plenary server process on a port of its own. */
export interface PlenaryServer {
  /** Base URL such as http://127.0.0.1:41234, without a trailing slash. */
  url: string;
  /** The address in the server's links (PUBLIC_URL): `url` unless a `publicHost` was given. */
  publicUrl: string;
  dataDir: string;
  /** Everything the process printed so far, for diagnosing a failed test. */
  output(): string;
  /** Stops the process (SIGTERM, then SIGKILL after a grace period). */
  stop(): Promise<void>;
}

/** Finds a port that is free right now on the loopback interface. */
export async function freePort(): Promise<number> {
  // Binding port 0 ends up on a random free port; close it again and hand the number on.
  const probe = createServer();
  probe.listen(0, '127.0.0.1');
  await once(probe, 'listening');
  const address = probe.address();
  probe.close();
  await once(probe, 'close');
  if (address === null || typeof address === 'string') throw new Error('No TCP port was bound');
  return address.port;
}

async function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = once(child, 'exit');
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS);
  await exited;
  clearTimeout(timer);
}

async function waitForHealth(url: string, child: ChildProcess, output: () => string) {
  const deadline = Date.now() + STARTUP_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(
        `The Plenary server exited (${child.exitCode ?? child.signalCode}) before it was healthy:\n${output()}`,
      );
    }
    try {
      const response = await fetch(`${url}${HEALTH_PATH}`);
      if (response.ok) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(
    `The Plenary server did not answer ${HEALTH_PATH} within ${STARTUP_TIMEOUT_MS} ms:\n${output()}`,
  );
}

/**
 * Starts a real Plenary server (the same entry point as `npm start`) on a free port with a
 * fresh temporary data folder, and resolves once GET /api/health answers 200.
 */
export async function startPlenaryServer(options: StartServerOptions = {}): Promise<PlenaryServer> {
  const ownDataDir = options.dataDir === undefined;
  const dataDir = options.dataDir ?? (await mkdtemp(join(tmpdir(), 'plenary-e2e-')));
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const publicUrl = options.publicHost ? `http://${options.publicHost}:${port}` : url;
  const entry = options.entry ?? SERVER_ENTRY;
  if (!existsSync(join(repoRoot, entry))) {
    throw new Error(`${entry} is missing: compile the server first with \`npm run build\`.`);
  }
  const loader = entry.endsWith('.ts') ? ['--import', 'tsx'] : [];
  const child = spawn(process.execPath, [...loader, entry], {
    cwd: repoRoot,
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      PUBLIC_URL: publicUrl,
      ...options.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let printed = '';
  const record = (chunk: Buffer) => {
    printed += chunk.toString();
  };
  child.stdout?.on('data', record);
  child.stderr?.on('data', record);
  const output = () => printed;
  const stop = async () => {
    await stopProcess(child);
    if (ownDataDir) await rm(dataDir, { recursive: true, force: true });
  };
  try {
    await waitForHealth(url, child, output);
  } catch (error) {
    await stop();
    throw error;
  }
  return { url, publicUrl, dataDir, output, stop };
}
