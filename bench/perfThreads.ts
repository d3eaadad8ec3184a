/**
 * Which thread of a relay spent its CPU on what, from a Linux `perf` recording of a
 * measured window (`relayCompare.ts --perf DIR`): the event loop, split by the kind of
 * work (socket writes and reads, SQLite, fsync calls, Yjs, the relay's own JavaScript,
 * garbage collection), and the other threads by what they are (V8's helper threads,
 * compiling or collecting garbage; libuv's pool, where fsyncs run; worker threads such as
 * SQLite's checkpointer; child processes).
 *
 *   node --import tsx bench/perfThreads.ts DIR/plenary-1234-1.data [...more files]
 *
 * perf samples CPU time only (its `cpu-clock` event), so a machine loaded by others does
 * not inflate it as it does a V8 CPU profile, which samples wall time.
 */
import { execFileSync } from 'node:child_process';
import path from 'node:path';

const HELPERS = 'V8 helpers';

/** What a thread is, told by the frame its stack starts from (Node names no thread). */
function threadKind(pid: number, tid: number, roots: Map<string, number>): string {
  const root = [...roots].sort((a, b) => b[1] - a[1])[0]?.[0] ?? '';
  if (root.includes('PlatformWorkerThread')) return HELPERS;
  if (root.includes('Worker::StartThread')) return 'worker threads';
  if (/^worker$/.test(root)) return "libuv's pool (fs, fsync)";
  if (tid === pid) return 'event loop';
  if (root.includes('node::Start')) return 'child processes';
  return 'other threads';
}

/** Kinds of work on the event loop, each told by a frame of the stack (innermost first). */
const WORK: [string, RegExp][] = [
  ['garbage collection', /Scaveng|MarkCompact|ConcurrentMarking|Heap::|Sweeper|GCTracer/],
  ['V8 compiling', /compiler::|Compiler::|Parser|BytecodeGenerator|Maglev/],
  ['SQLite', /sqlite3|better_sqlite3/],
  ['promises and microtasks', /Promise|Microtask|AsyncFunction|Await/],
  ['fs calls (fsync, fstat)', /fs\/promises|FileHandle|node::fs::|fsync|fstat/],
  [
    'socket writes',
    /ws\/lib\/sender|Writev|writev|writeOrBuffer|_writeGeneric|clearBuffer|afterWriteDispatched|onwrite/,
  ],
  ['socket reads', /ws\/lib\/receiver|onStreamRead|readableAddChunk|sys_read|tcp_v4_rcv|Readable/],
  ['Yjs', /\/yjs\/|\/lib0\/|y-protocols/],
  ['relay JavaScript', /apps\/server|server\.js|websocket-server|forwardRelay/],
  ['waiting for input', /epoll/],
];

interface Sample {
  pid: number;
  tid: number;
  ms: number;
  frames: string[];
}

function samplesOf(file: string): Sample[] {
  const text = execFileSync('perf', ['script', '-i', file, '-F', 'pid,tid,period,ip,sym,dso'], {
    encoding: 'utf8',
    maxBuffer: 1 << 30,
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  const samples: Sample[] = [];
  let current: Sample | null = null;
  for (const line of text.split('\n')) {
    const head = /^\s*(\d+)\/(\d+)\s+(\d+)/.exec(line);
    if (head) {
      current = {
        pid: Number(head[1]),
        tid: Number(head[2]),
        // cpu-clock periods are nanoseconds of CPU.
        ms: Number(head[3]) / 1e6,
        frames: [],
      };
      samples.push(current);
    } else if (current && line.trim() !== '') {
      current.frames.push(line.trim().replace(/^[0-9a-f]+\s+/, ''));
    }
  }
  return samples;
}

function summarise(file: string): string[] {
  const samples = samplesOf(file);
  // The relay is the process recorded; its children (if any) have other pids.
  const pid = Number(/-(\d+)-\d+\.data$/.exec(file)?.[1] ?? samples[0]?.pid ?? 0);
  const roots = new Map<number, Map<string, number>>();
  for (const { tid, frames } of samples) {
    const start = frames.findIndex((frame) => frame.startsWith('start_thread'));
    const root = (start > 0 ? frames[start - 1] : frames.at(-2)) ?? '';
    const name = root.replace(/\s+\(.*\)$/, '');
    const counts = roots.get(tid) ?? new Map<string, number>();
    counts.set(name, (counts.get(name) ?? 0) + 1);
    roots.set(tid, counts);
  }
  const byKind = new Map<string, number>();
  const loop = new Map<string, number>();
  let total = 0;
  for (const sample of samples) {
    const kind =
      sample.pid !== pid
        ? 'child processes'
        : threadKind(pid, sample.tid, roots.get(sample.tid) ?? new Map());
    const work =
      sample.frames.reduce<string | null>(
        (found, frame) => found ?? WORK.find(([, pattern]) => pattern.test(frame))?.[0] ?? null,
        null,
      ) ?? 'other';
    // V8's helpers either compile or collect garbage: which one, from the same frames.
    const row =
      kind === HELPERS ? `${kind}: ${work === 'garbage collection' ? work : 'compiling'}` : kind;
    byKind.set(row, (byKind.get(row) ?? 0) + sample.ms);
    total += sample.ms;
    if (kind === 'event loop') loop.set(work, (loop.get(work) ?? 0) + sample.ms);
  }
  const rows = (totals: Map<string, number>) =>
    [...totals].sort((a, b) => b[1] - a[1]).map(([name, ms]) => `| ${name} | ${ms.toFixed(0)} |`);
  return [
    `${path.basename(file)}: ${total.toFixed(0)} ms of CPU`,
    '',
    '| thread | CPU ms |',
    '|---|---|',
    ...rows(byKind),
    '',
    '| event loop: work | CPU ms |',
    '|---|---|',
    ...rows(loop),
    '',
  ];
}

const files = process.argv.slice(2);
if (files.length === 0) throw new Error('usage: perfThreads.ts <perf.data> [...]');
process.stdout.write(`${files.flatMap(summarise).join('\n')}\n`);
