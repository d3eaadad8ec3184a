// Loaded with `node --import` into each relay the harness starts (Plenary's and the
// reference), so both are measured from inside by the same code: event-loop delay, CPU
// time and RSS, over a window the harness opens and closes through the IPC channel.
// Plain JavaScript, because the reference relay runs without a TypeScript loader.
import { monitorEventLoopDelay } from 'node:perf_hooks';

// 1 ms sampling: finer would cost the measured process noticeably; coarser hides stalls.
const loopDelay = monitorEventLoopDelay({ resolution: 1 });
loopDelay.enable();
let cpuAtStart = process.cpuUsage();
let startedAt = performance.now();

/** Milliseconds from the histogram's nanoseconds. */
const ms = (nanoseconds) => nanoseconds / 1e6;

process.on('message', (message) => {
  if (message?.probe === 'start') {
    loopDelay.reset();
    cpuAtStart = process.cpuUsage();
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
      rssBytes: process.memoryUsage.rss(),
      loopDelayP50Ms: ms(loopDelay.percentile(50)),
      loopDelayP99Ms: ms(loopDelay.percentile(99)),
      loopDelayMaxMs: ms(loopDelay.max),
    });
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
