// Loaded with `node --import` into each relay the harness starts (Plenary's and the
// reference), so both are measured from inside by the same code: event-loop delay, CPU
// time and RSS, over a window the harness opens and closes through the IPC channel.
// Plain JavaScript, because the reference relay runs without a TypeScript loader.
// With PROBE_HEAP_SNAPSHOT_DIR set, each relay also writes a V8 heap snapshot there when a
// window closes, after answering (open it in Chrome DevTools' Memory panel).
import { readdirSync, readFileSync } from 'node:fs';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import v8 from 'node:v8';

/** Clock ticks per second of /proc's CPU times (USER_HZ, 100 on Linux). */
const TICKS_PER_SECOND = 100;

/**
 * CPU ms so far of each thread (Linux only; empty elsewhere), named `main` for the event
 * loop's and `others` for libuv's thread pool (fsyncs), V8's helper threads (garbage
 * collection, compilation) and worker threads.
 */
function threadCpu() {
  const byThread = new Map();
  try {
    for (const task of readdirSync('/proc/self/task')) {
      const stat = readFileSync(`/proc/self/task/${task}/stat`, 'utf8');
      const close = stat.lastIndexOf(')');
      const fields = stat.slice(close + 2).split(' ');
      // Node 20 names no thread, so the others are counted together.
      const name = Number(task) === process.pid ? 'main' : 'others';
      const ms = ((Number(fields[11]) + Number(fields[12])) * 1000) / TICKS_PER_SECOND;
      byThread.set(task, { name, ms });
    }
  } catch {
    // No /proc: the total from process.cpuUsage still stands.
  }
  return byThread;
}

/** CPU ms per thread name over a window; threads that ended meanwhile are not counted. */
function threadCpuSince(before) {
  const totals = {};
  for (const [task, { name, ms }] of threadCpu()) {
    totals[name] = (totals[name] ?? 0) + ms - (before.get(task)?.ms ?? 0);
  }
  return totals;
}

/** Anonymous and file-backed RSS in MB and the thread count, from /proc (NaN elsewhere). */
function statusFields() {
  try {
    const status = readFileSync('/proc/self/status', 'utf8');
    const field = (name) => Number(new RegExp(`^${name}:\\s+(\\d+)`, 'm').exec(status)?.[1]);
    return {
      anonMb: field('RssAnon') / 1024,
      fileMb: field('RssFile') / 1024,
      threads: field('Threads'),
    };
  } catch {
    return { anonMb: Number.NaN, fileMb: Number.NaN, threads: Number.NaN };
  }
}

/**
 * Where the RSS is, read when the window closes: V8's heap (committed, by space, and in
 * use), memory outside it that V8 knows of (Buffers, ArrayBuffers), and the kernel's split
 * into anonymous and file-backed pages, with the thread count. Only read then, so it costs
 * nothing while the window is measured.
 */
function memoryBreakdown() {
  const usage = process.memoryUsage();
  const mb = (bytes) => bytes / 2 ** 20;
  const spaces = {};
  for (const space of v8.getHeapSpaceStatistics()) {
    spaces[space.space_name.replace(/_space$/, '')] = mb(space.physical_space_size);
  }
  return {
    heapTotalMb: mb(usage.heapTotal),
    heapUsedMb: mb(usage.heapUsed),
    externalMb: mb(usage.external),
    arrayBuffersMb: mb(usage.arrayBuffers),
    spacesMb: spaces,
    ...statusFields(),
  };
}

// 1 ms sampling: finer would cost the measured process noticeably; coarser hides stalls.
const loopDelay = monitorEventLoopDelay({ resolution: 1 });
loopDelay.enable();
let cpuAtStart = process.cpuUsage();
let threadsAtStart = threadCpu();
let startedAt = performance.now();

/** Milliseconds from the histogram's nanoseconds. */
const ms = (nanoseconds) => nanoseconds / 1e6;

process.on('message', (message) => {
  if (message?.probe === 'start') {
    loopDelay.reset();
    cpuAtStart = process.cpuUsage();
    threadsAtStart = threadCpu();
    startedAt = performance.now();
    process.send?.({ probe: 'started' });
  } else if (message?.probe === 'read') {
    const cpu = process.cpuUsage(cpuAtStart);
    process.send?.({
      probe: 'reading',
      wallMs: performance.now() - startedAt,
      cpuMs: (cpu.user + cpu.system) / 1000,
      // Kernel time apart: writes and fsyncs are spent there, on the thread pool too.
      systemCpuMs: cpu.system / 1000,
      threadCpuMs: threadCpuSince(threadsAtStart),
      rssBytes: process.memoryUsage.rss(),
      memory: memoryBreakdown(),
      loopDelayP50Ms: ms(loopDelay.percentile(50)),
      loopDelayP99Ms: ms(loopDelay.percentile(99)),
      loopDelayMaxMs: ms(loopDelay.max),
    });
    const snapshotDir = process.env.PROBE_HEAP_SNAPSHOT_DIR;
    if (snapshotDir)
      v8.writeHeapSnapshot(`${snapshotDir}/relay-${process.pid}-${Date.now()}.heapsnapshot`);
  }
});
// The IPC channel must not keep a relay alive that would otherwise exit.
process.channel?.unref();
// A relay without a SIGINT handler of its own (the reference) would die on the harness's
// SIGINT without writing its `--cpu-prof` profile; exiting lets Node write it. A relay with
// its own handler (Plenary closes its rooms first) is left to it.
process.once('SIGINT', () => {
  if (process.listenerCount('SIGINT') === 0) process.exit(130);
});
