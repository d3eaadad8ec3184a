/**
 * Fan-out across processes: stock clients spread over one or two server processes on
 * PostgreSQL (and Redis, always on, so the single-process row pays for publishing too),
 * one writer per plan typing a paragraph every 50 ms (or `intervalMs`). Measures the
 * fan-out latency (the writer's change until each other client of the plan has it) and
 * the servers' CPU per 1,000 deliveries (a delivery: one change reaching one client), in one shared plan and
 * in separate plans of two clients each.
 *
 *   node --import tsx bench/scaleOut.ts <processes 1|2> <clients> <shared|separate> [intervalMs] [label]
 *
 * Many separate plans at 50 ms offer more appends a second than one PostgreSQL on a small
 * machine commits, so that row measures saturation; a longer interval measures fan-out.
 *
 * The servers are child processes running the real entry point; the clients run here,
 * so their work is not counted as the servers'. Needs PostgreSQL and Redis
 * (PLENARY_TEST_DATABASE_URL, PLENARY_TEST_REDIS_URL; the local ones by default).
 * Results are appended to bench/results/scale-out.md.
 */
import { type ChildProcess, execSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { appendFileSync, mkdtempSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { sectionFragmentName } from '@plenary/model';
import { PostgresStorage } from '@plenary/storage/postgres';
import { WebSocket } from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { median, percentile } from './support/stats.ts';

const CHANGES_PER_PLAN = 100;
const DATABASE_URL =
  process.env.PLENARY_TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const REDIS_URL = process.env.PLENARY_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const repoRoot = path.resolve(import.meta.dirname, '..');
const serverEntry = path.join(repoRoot, 'apps/server/src/server.ts');

const [
  processArg = '2',
  clientArg = '100',
  modeArg = 'shared',
  intervalArg = '50',
  label = 'group commit',
] = process.argv.slice(2);
const processCount = Number(processArg);
const clientCount = Number(clientArg);
const mode = modeArg === 'separate' ? 'separate' : 'shared';
/** How often each plan's writer adds a paragraph. */
const CHANGE_EVERY_MS = Number(intervalArg);

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('port')),
      );
    });
  });
}

/** CPU time (user + system) a process has used, in ms, from /proc. */
function cpuMs(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
  const ticks = Number(fields[11]) + Number(fields[12]);
  return (ticks * 1000) / Number(execSync('getconf CLK_TCK').toString().trim());
}

async function startServer(
  databaseUrl: string,
  dataDir: string,
): Promise<{ child: ChildProcess; port: number }> {
  const port = await freePort();
  const child = spawn(process.execPath, ['--import', 'tsx', serverEntry], {
    cwd: repoRoot,
    env: {
      ...process.env,
      DATA_DIR: dataDir,
      PORT: String(port),
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
      WEB_DIST_DIR: '',
      DATABASE_URL: databaseUrl,
      REDIS_URL,
      MAX_SOCKETS_PER_PARTICIPANT: '10000',
      AUTO_VERSION_MINUTES: '0',
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  await new Promise<void>((resolve) => {
    let output = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('Plenary is running')) resolve();
    });
  });
  return { child, port };
}

interface Plan {
  id: string;
  sectionId: string;
  token: string;
}

async function createPlan(port: number): Promise<Plan> {
  const response = await fetch(`http://127.0.0.1:${port}/api/plans`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ title: 'Bench plan', template: 'blank' }),
  });
  const plan = (await response.json()) as {
    id: string;
    facilitatorToken: string;
    sections: { id: string }[];
  };
  return { id: plan.id, sectionId: plan.sections[0]?.id ?? '', token: plan.facilitatorToken };
}

function connect(port: number, plan: Plan): { doc: Y.Doc; provider: WebsocketProvider } {
  const doc = new Y.Doc();
  const provider = new WebsocketProvider(`ws://127.0.0.1:${port}/sync`, plan.id, doc, {
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    disableBc: true,
    params: { token: plan.token },
  });
  return { doc, provider };
}

const synced = (provider: WebsocketProvider) =>
  new Promise<void>((resolve) => {
    if (provider.synced) resolve();
    else provider.once('sync', () => resolve());
  });

async function main(): Promise<void> {
  const schema = `plenary_bench_${randomBytes(4).toString('hex')}`;
  await (await PostgresStorage.open({ connectionString: DATABASE_URL, schema })).close();
  const url = new URL(DATABASE_URL);
  url.searchParams.set('options', `-c search_path=${schema}`);
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'plenary-scale-'));
  const servers = await Promise.all(
    Array.from({ length: processCount }, () => startServer(url.toString(), dataDir)),
  );
  const ports = servers.map((server) => server.port);
  const portOf = (index: number) => ports[index % ports.length] ?? 0;
  try {
    const planCount = mode === 'shared' ? 1 : Math.floor(clientCount / 2);
    const plans = await Promise.all(
      Array.from({ length: planCount }, (_, i) => createPlan(portOf(i))),
    );
    // Client i joins plan i % planCount on process i % processes: with two processes the
    // two clients of a separate plan sit on different processes, so every change crosses.
    const clients = Array.from({ length: clientCount }, (_, i) => {
      const plan = plans[i % planCount] as Plan;
      return {
        index: i,
        plan,
        ...connect(portOf(mode === 'shared' ? i : Math.floor(i / planCount)), plan),
      };
    });
    await Promise.all(clients.map((client) => synced(client.provider)));

    const sentAt = new Map<string, number>();
    const latencies: number[] = [];
    const writers = clients.slice(0, planCount);
    for (const client of clients) {
      if (writers.includes(client)) continue;
      const fragment = client.doc.getXmlFragment(sectionFragmentName(client.plan.sectionId));
      let seen = fragment.length;
      client.doc.on('update', () => {
        const now = Date.now();
        for (; seen < fragment.length; seen += 1) {
          const item = fragment.get(seen);
          const key = item instanceof Y.XmlElement ? item.toString().replace(/<[^>]*>/g, '') : '';
          const sent = sentAt.get(key);
          if (sent !== undefined) latencies.push(now - sent);
        }
      });
    }
    const deliveriesExpected =
      planCount * CHANGES_PER_PLAN * (mode === 'shared' ? clientCount - 1 : 1);
    const cpuBefore = servers.map((server) => cpuMs(server.child.pid ?? 0));
    const started = Date.now();
    for (let change = 0; change < CHANGES_PER_PLAN; change += 1) {
      for (const writer of writers) {
        const key = `${writer.plan.id}:${change}`;
        const fragment = writer.doc.getXmlFragment(sectionFragmentName(writer.plan.sectionId));
        const paragraph = new Y.XmlElement('paragraph');
        paragraph.insert(0, [new Y.XmlText(key)]);
        sentAt.set(key, Date.now());
        fragment.insert(fragment.length, [paragraph]);
      }
      await new Promise((resolve) => setTimeout(resolve, CHANGE_EVERY_MS));
    }
    const deadline = Date.now() + 60_000;
    while (latencies.length < deliveriesExpected && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    const seconds = (Date.now() - started) / 1000;
    const cpu = servers.reduce(
      (sum, server, i) => sum + cpuMs(server.child.pid ?? 0) - (cpuBefore[i] ?? 0),
      0,
    );
    for (const client of clients) client.provider.destroy();

    const load = os
      .loadavg()
      .map((value) => value.toFixed(1))
      .join(' ');
    const row = [
      new Date().toISOString().slice(0, 10),
      `${os.cpus().length} cores, Node ${process.version}, load ${load}`,
      `${label}, a change every ${CHANGE_EVERY_MS} ms`,
      `${processCount} × ${clientCount / processCount}`,
      mode === 'shared' ? '1 shared plan' : `${planCount} plans of 2`,
      `${latencies.length} / ${deliveriesExpected} in ${seconds.toFixed(1)} s`,
      `${median(latencies).toFixed(1)} / ${percentile(latencies, 99).toFixed(1)} / ${Math.max(...latencies)} ms`,
      `${((cpu / Math.max(1, latencies.length)) * 1000).toFixed(0)} ms`,
    ];
    const line = `| ${row.join(' | ')} |\n`;
    process.stdout.write(line);
    appendFileSync(path.join(import.meta.dirname, 'results/scale-out.md'), line);
  } finally {
    for (const server of servers) server.child.kill('SIGKILL');
    await PostgresStorage.dropSchema({ connectionString: DATABASE_URL, schema });
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
