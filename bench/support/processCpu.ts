import { readdirSync, readFileSync } from 'node:fs';

/**
 * CPU time used so far by this process's descendants, by kind, read from Linux's /proc: a page
 * opening spends CPU in Chromium's renderer, GPU and browser processes and in the server, and
 * on 2 cores they all wait for each other, so one page's main-thread time does not say where
 * an opening's clock went. Only descendants count, so other benches on the machine do not.
 * Empty off Linux.
 */

/** Clock ticks per second of /proc's utime and stime (USER_HZ, 100 on every Linux we run on). */
const TICKS_PER_SECOND = 100;

/** The Node processes the browser benches start: Plenary's server and the reference relay. */
export const BENCH_NODE_ENTRIES = {
  server: 'apps/server/dist/server.js',
  relay: '@y/websocket-server',
};

/**
 * utime + stime of a /proc/<pid>/stat (or /proc/<pid>/task/<tid>/stat) line, in ms, the parent's
 * pid and the command's name (a thread's name for a task: Linux keeps its first 15 bytes).
 */
export function parseStat(stat: string): { parent: number; cpuMs: number; name: string } {
  // After the command's closing parenthesis: state, ppid, ..., utime (12th), stime (13th).
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const ticks = Number(fields[11]) + Number(fields[12]);
  return {
    parent: Number(fields[1]),
    cpuMs: (ticks * 1000) / TICKS_PER_SECOND,
    name: stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')')),
  };
}

/** CPU ms one process has used so far (Linux only). */
export function cpuMsOf(pid: number): number {
  return parseStat(readFileSync(`/proc/${pid}/stat`, 'utf8')).cpuMs;
}

interface ProcessRow {
  pid: number;
  parent: number;
  commandLine: string;
  cpuMs: number;
}

function processRows(): ProcessRow[] {
  let pids: string[];
  try {
    pids = readdirSync('/proc').filter((name) => /^\d+$/.test(name));
  } catch {
    return [];
  }
  const rows: ProcessRow[] = [];
  for (const pid of pids) {
    try {
      const commandLine = readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' ');
      const { parent, cpuMs } = parseStat(readFileSync(`/proc/${pid}/stat`, 'utf8'));
      rows.push({ pid: Number(pid), parent, commandLine, cpuMs });
    } catch {
      // the process ended while we looked
    }
  }
  return rows;
}

/** What a descendant is: Chromium's process type, or the first entry script it runs. */
export function kindOf(commandLine: string, nodeEntries: Record<string, string>): string {
  const type = /--type=([\w-]+)/.exec(commandLine)?.[1];
  if (/chrom(e|ium)/.test(commandLine.split(' ')[0] ?? '')) return type ?? 'browser';
  return (
    Object.entries(nodeEntries).find(([, entry]) => commandLine.includes(entry))?.[0] ?? 'other'
  );
}

/** Adds `ms` to `totals[key]`. */
function addTo(totals: Record<string, number>, key: string, ms: number): void {
  totals[key] = (totals[key] ?? 0) + ms;
}

/** This process's descendants (itself excluded), parents before their children. */
function descendants(): ProcessRow[] {
  const children = new Map<number, ProcessRow[]>();
  for (const row of processRows()) {
    const siblings = children.get(row.parent);
    if (siblings) siblings.push(row);
    else children.set(row.parent, [row]);
  }
  const found: ProcessRow[] = [];
  const queue = [...(children.get(process.pid) ?? [])];
  for (let row = queue.shift(); row; row = queue.shift()) {
    found.push(row);
    queue.push(...(children.get(row.pid) ?? []));
  }
  return found;
}

/** CPU ms used so far by this process's descendants (itself excluded), read from /proc once. */
export interface DescendantsCpu {
  /** By kind (see `kindOf`). */
  processes: Record<string, number>;
  /**
   * By thread, keyed `kind pid/thread name` (threads of one name in one process summed:
   * Chromium's thread pool runs several "ThreadPoolForeg" threads). Where a process's CPU
   * goes inside it: a renderer's main thread, its compositor, V8's background compile and
   * GC threads, a worker's thread. A thread that ended counts in its process only.
   */
  threads: Record<string, number>;
}

/** Reads `DescendantsCpu` now: one walk of /proc for both, at one moment. */
export function descendantsCpu(nodeEntries: Record<string, string>): DescendantsCpu {
  const processes: Record<string, number> = {};
  const threads: Record<string, number> = {};
  for (const row of descendants()) {
    const kind = kindOf(row.commandLine, nodeEntries);
    addTo(processes, kind, row.cpuMs);
    let tids: string[];
    try {
      tids = readdirSync(`/proc/${row.pid}/task`);
    } catch {
      continue; // the process ended while we looked
    }
    for (const tid of tids) {
      try {
        const { name, cpuMs } = parseStat(
          readFileSync(`/proc/${row.pid}/task/${tid}/stat`, 'utf8'),
        );
        addTo(threads, `${kind} ${row.pid}/${name}`, cpuMs);
      } catch {
        // the thread ended while we looked
      }
    }
  }
  return { processes, threads };
}

/**
 * A `DescendantsCpu` threads reading with the processes' ids left out (`kind/thread name`):
 * the renderers' main threads together, their thread pools together, and so on.
 */
export function threadsByKind(threads: Record<string, number>): Record<string, number> {
  const totals: Record<string, number> = {};
  for (const [key, ms] of Object.entries(threads)) addTo(totals, key.replace(/ \d+\//, '/'), ms);
  return totals;
}

/** What each kind used between two readings, in ms, rounded; kinds that used nothing left out. */
export function cpuMsBetween(
  before: Record<string, number>,
  after: Record<string, number>,
): Record<string, number> {
  return Object.fromEntries(
    Object.entries(after)
      .map(([kind, ms]) => [kind, Math.round(ms - (before[kind] ?? 0))] as const)
      .filter(([, ms]) => ms > 0),
  );
}

/** `kind ms, kind ms` for a line of results. */
export function formatCpuMs(byKind: Record<string, number>): string {
  return Object.entries(byKind)
    .map(([kind, ms]) => `${kind} ${ms}`)
    .join(', ');
}
