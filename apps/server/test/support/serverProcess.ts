/** The real server entry point run as a process of its own, as `npm start` runs it. */
import { type ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import path from 'node:path';
import { eventually } from './stockClient.ts';

const serverEntry = path.resolve(import.meta.dirname, '../../src/server.ts');
const repoRoot = path.resolve(import.meta.dirname, '../../../..');

/** A TCP port free right now on 127.0.0.1, for a child server to listen on. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() =>
        typeof address === 'object' && address
          ? resolve(address.port)
          : reject(new Error('no port')),
      );
    });
  });
}

/** The environment a test server process starts with, before `extra`. */
function serverEnv(dataDir: string, port: number, extra: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  return {
    ...process.env,
    DATA_DIR: dataDir,
    PORT: String(port),
    HOST: '127.0.0.1',
    LOG_LEVEL: 'warn',
    WEB_DIST_DIR: '',
    LAN_ADDRESS: '',
    ...extra,
  };
}

/** Starts the server entry point and resolves once it says it is running. */
export async function spawnServer(
  dataDir: string,
  port: number,
  env: NodeJS.ProcessEnv = {},
): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', serverEntry], {
    cwd: repoRoot,
    env: serverEnv(dataDir, port, env),
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  let exitCode: number | null | undefined;
  child.once('exit', (code) => {
    exitCode = code;
  });
  try {
    await eventually(
      () => output.includes('Plenary is running') || exitCode !== undefined,
      30_000,
      'the server to start',
    );
  } catch (error) {
    // Not left running behind a test that gave up on it.
    child.kill('SIGKILL');
    throw error;
  }
  if (exitCode !== undefined) throw new Error(`the server exited (code ${exitCode}) as it started`);
  return child;
}

/** Runs the server entry point until it exits; resolves with its exit code and stderr. */
export function runServerToExit(
  dataDir: string,
  env: NodeJS.ProcessEnv,
): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', serverEntry], {
      cwd: repoRoot,
      env: serverEnv(dataDir, 0, env),
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr?.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    child.on('error', reject);
    child.on('exit', (code) => resolve({ code, stderr }));
  });
}
