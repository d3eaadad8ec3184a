/**
 * Idle memory of the server as `npm start` runs it: the compiled apps/server/dist/server.js,
 * no TypeScript loader, SQLite in a fresh DATA_DIR. Each run starts it twice on the same
 * directory, a first start (which seeds the demo plan, in a child process) and then a
 * restart, and reads its RSS from /proc a fixed time after the process was spawned
 * (8 s, as the README's figure), with the threads it runs and its anonymous and file-backed
 * shares. First starts and restarts alternate, so a change in the machine's load falls on
 * both alike.
 *
 *   node --import tsx bench/idleRss.ts [runs=5] [seconds=8] [--note TEXT] [--server DIR]
 *
 * `--server DIR` runs the compiled server of another checkout (e.g. a worktree of main), with
 * the Node options its `npm start` gives it, so that two builds can be measured turn about;
 * the results still go to this checkout's file, under that checkout's commit.
 *
 * It builds nothing: run `npm start` or `pnpm build` first (it says so when dist/ is
 * missing). Results are appended to bench/results/idle-rss.md with the date, the commit and
 * the machine's load.
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { appendFileSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { machine } from './support/machine.ts';
import { serverNodeFlags } from './support/relayProcesses.ts';
import { median } from './support/stats.ts';

const repoRoot = path.resolve(import.meta.dirname, '..');
const RESULTS = path.join(repoRoot, 'bench/results/idle-rss.md');

const args = process.argv.slice(2);
const noteAt = args.indexOf('--note');
const note = noteAt >= 0 ? args.splice(noteAt, 2)[1] : undefined;
const serverAt = args.indexOf('--server');
const checkout = serverAt >= 0 ? path.resolve(args.splice(serverAt, 2)[1] ?? '.') : repoRoot;
const SERVER_ENTRY = path.join(checkout, 'apps/server/dist/server.js');
/** The Node options that checkout's `npm start` gives the server (apps/server/nodeFlags.mjs). */
const SERVER_FLAGS = await serverNodeFlags(checkout);
const runs = Number(args[0] ?? 5);
const seconds = Number(args[1] ?? 8);

/** What /proc says of a process: RSS, its anonymous and file-backed parts, threads. */
interface Reading {
  rssMb: number;
  anonMb: number;
  fileMb: number;
  threads: number;
}

function readStatus(pid: number): Reading {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const field = (name: string) => Number(new RegExp(`^${name}:\\s+(\\d+)`, 'm').exec(status)?.[1]);
  return {
    rssMb: field('VmRSS') / 1024,
    anonMb: field('RssAnon') / 1024,
    fileMb: field('RssFile') / 1024,
    threads: field('Threads'),
  };
}

/** Starts the compiled server on `dataDir` as `npm start` does, on a free loopback port. */
function startServer(dataDir: string): ChildProcess {
  const child = spawn(process.execPath, [...SERVER_FLAGS, SERVER_ENTRY], {
    cwd: checkout,
    env: { ...process.env, DATA_DIR: dataDir, PORT: '0', HOST: '127.0.0.1', LAN_ADDRESS: '' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    output += chunk;
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    output += chunk;
  });
  child.once('exit', (code, signal) => {
    if (code !== 0 && signal === null) console.error(`server exited with ${code}:\n${output}`);
  });
  return child;
}

/** Runs the server on `dataDir` for `seconds`, then reads /proc and stops it gracefully. */
async function measure(dataDir: string): Promise<Reading> {
  const child = startServer(dataDir);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  await new Promise((resolve) => setTimeout(resolve, seconds * 1000));
  if (child.pid === undefined || child.exitCode !== null) {
    throw new Error('The server did not stay up; see its output above.');
  }
  const reading = readStatus(child.pid);
  child.kill('SIGTERM');
  await exited;
  return reading;
}

if (!existsSync(SERVER_ENTRY)) {
  console.error(
    `No compiled server at ${path.relative(repoRoot, SERVER_ENTRY)}: run \`npm start\` or \`pnpm build\` first.`,
  );
  process.exit(1);
}

const commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: checkout })
  .toString()
  .trim();
// Bench records appended by earlier runs are not changes to what is measured.
const dirty = execFileSync(
  'git',
  ['status', '--porcelain', '--untracked-files=no', '--', '.', ':!bench/results'],
  { cwd: checkout },
)
  .toString()
  .trim();
const startedAt = new Date();
const machineBefore = machine();

const first: Reading[] = [];
const restart: Reading[] = [];
for (let run = 0; run < runs; run++) {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'plenary-idle-rss-'));
  try {
    first.push(await measure(dataDir));
    restart.push(await measure(dataDir));
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
  const [a, b] = [first.at(-1), restart.at(-1)];
  console.log(
    `run ${run + 1}/${runs}: first start ${a?.rssMb.toFixed(1)} MB, restart ${b?.rssMb.toFixed(1)} MB`,
  );
}

const mb = (value: number) => value.toFixed(1);
const loadNow = () =>
  os
    .loadavg()
    .map((value) => value.toFixed(1))
    .join(' ');
const row = (kind: string, readings: Reading[]) => {
  const rss = readings.map((r) => r.rssMb);
  return [
    `| ${kind}`,
    `${mb(Math.min(...rss))}-${mb(Math.max(...rss))}`,
    mb(median(rss)),
    rss.map(mb).join(', '),
    mb(median(readings.map((r) => r.anonMb))),
    mb(median(readings.map((r) => r.fileMb))),
    `${[...new Set(readings.map((r) => r.threads))].join(', ')} |`,
  ].join(' | ');
};

if (!existsSync(RESULTS)) {
  appendFileSync(
    RESULTS,
    '# Idle RSS of the compiled server\n\n' +
      '`node --import tsx bench/idleRss.ts [runs] [seconds]` (see the script): the server as\n' +
      '`npm start` runs it (apps/server/dist/server.js), a fresh DATA_DIR per run, a first start\n' +
      '(demo plan seeded) and a restart alternating, RSS read from /proc a fixed time after the\n' +
      'process was spawned. The target is 100 MB or less.\n',
  );
}
appendFileSync(
  RESULTS,
  [
    '',
    `## ${startedAt.toISOString().slice(0, 16).replace('T', ' ')} UTC, commit ${commit}${dirty ? ' (with uncommitted changes)' : ''}`,
    '',
    `${runs} runs, RSS ${seconds} s after start. ${machineBefore} at start, load ${loadNow()} at end.` +
      (checkout === repoRoot ? '' : ` Server: ${SERVER_ENTRY}.`) +
      (SERVER_FLAGS.length > 0 ? ` Node options: ${SERVER_FLAGS.join(' ')}.` : ''),
    ...(note ? ['', `NOTE: ${note}`] : []),
    '',
    '| start | RSS MB (range) | median | each run | anonymous MB (median) | file-backed MB (median) | threads |',
    '|---|---|---|---|---|---|---|',
    row('first (demo plan seeded)', first),
    row('restart', restart),
    '',
  ].join('\n'),
);
console.log(`Appended to ${path.relative(repoRoot, RESULTS)}`);
