/**
 * Main-thread time of a Chromium trace, broken down by event name (self time: an event's
 * duration less the events nested in it), for each renderer's main thread. CDP's
 * TaskDuration says how much the main thread worked; this says at what.
 */

/** The trace categories the benches record: the main thread's tasks, scripts, style and layout. */
export const TRACE_CATEGORIES = [
  'toplevel',
  'devtools.timeline',
  'disabled-by-default-devtools.timeline',
  'v8',
  'v8.execute',
  'blink',
  'cc',
];

interface TraceEvent {
  name: string;
  ph: string;
  pid: number;
  tid: number;
  ts: number;
  dur?: number;
  /** The thread's CPU time during the event, where the trace records it. */
  tdur?: number;
  args?: { name?: string; data?: { type?: string }; src_file?: string; src_func?: string };
}

/** Self time in ms by event name, for one renderer main thread. */
export interface ThreadBreakdown {
  pid: number;
  tid: number;
  /** Time of the thread's top-level tasks, ms. */
  total: number;
  /**
   * The thread's CPU time in those tasks, ms: the wall time less waiting for a core or for
   * another thread (a frame's commit waits for the compositor), steadier on a shared machine.
   */
  cpu: number;
  /** Event name (with the DOM event's type for EventDispatch) to self time in ms. */
  selfByName: Map<string, number>;
  /** Event name to how many times it happened. */
  countByName: Map<string, number>;
}

const label = (event: TraceEvent) =>
  event.name === 'EventDispatch' && event.args?.data?.type
    ? `EventDispatch(${event.args.data.type})`
    : event.name;

/**
 * An outermost event's name with where its task was posted from (`RunTask <file.cc:Function>`),
 * which the `toplevel` category records: "RunTask" alone says nothing of what ran.
 */
const taskLabel = (event: TraceEvent) =>
  event.args?.src_func
    ? `${event.name} <${event.args.src_file?.split('/').pop() ?? '?'}:${event.args.src_func}>`
    : label(event);

/** The events of a trace (Chromium's JSON trace format, an object or a bare array). */
function traceEvents(traceJson: string): TraceEvent[] {
  const parsed = JSON.parse(traceJson) as { traceEvents?: TraceEvent[] } | TraceEvent[];
  return Array.isArray(parsed) ? parsed : (parsed.traceEvents ?? []);
}

/** The events of a trace, and its renderer main threads as `pid:tid`. */
function readTrace(traceJson: string): { events: TraceEvent[]; mainThreads: Set<string> } {
  const events = traceEvents(traceJson);
  const mainThreads = new Set(
    events
      .filter((e) => e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain')
      .map((e) => `${e.pid}:${e.tid}`),
  );
  return { events, mainThreads };
}

/** One thread's outermost traced events: where a process's time goes, thread by thread. */
export interface ThreadTime {
  /** The process's name from the trace's metadata (Renderer, Browser, GPU Process...). */
  process: string;
  pid: number;
  /** The thread's name (CrRendererMain, Compositor, ThreadPoolForegroundWorker...). */
  thread: string;
  /** Threads of this name in the process (the thread pool runs several). */
  threads: number;
  /** Wall time of the outermost events, ms. */
  wall: number;
  /** Thread CPU time of the outermost events where the trace records it, ms. */
  cpu: number;
  /** Outermost event name to its CPU time (its wall time where it has none), ms. */
  byName: Map<string, number>;
}

/**
 * Every traced thread's outermost events summed, threads of one name in one process together,
 * busiest first. Only as complete as the trace's categories: a thread whose work no recorded
 * category marks shows less than it did (the /proc reading in processCpu.ts says how much).
 */
export function threadTimes(traceJson: string): ThreadTime[] {
  const events = traceEvents(traceJson);
  const processNames = new Map<number, string>();
  const threadNames = new Map<string, string>();
  for (const e of events) {
    if (e.ph !== 'M' || !e.args?.name) continue;
    if (e.name === 'process_name') processNames.set(e.pid, e.args.name);
    if (e.name === 'thread_name') threadNames.set(`${e.pid}:${e.tid}`, e.args.name);
  }
  const byThread = new Map<string, TraceEvent[]>();
  for (const e of events) {
    if (e.ph !== 'X' || e.dur === undefined) continue;
    const key = `${e.pid}:${e.tid}`;
    const list = byThread.get(key);
    if (list) list.push(e);
    else byThread.set(key, [e]);
  }
  const groups = new Map<string, Omit<ThreadTime, 'threads'> & { tids: Set<number> }>();
  for (const [key, list] of byThread) {
    const [pid = 0, tid = 0] = key.split(':').map(Number);
    const thread = (threadNames.get(key) ?? `tid ${tid}`).replace(/\d+$/, '');
    const groupKey = `${pid}:${thread}`;
    const group = groups.get(groupKey) ?? {
      process: processNames.get(pid) ?? 'unknown',
      pid,
      thread,
      tids: new Set<number>(),
      wall: 0,
      cpu: 0,
      byName: new Map<string, number>(),
    };
    group.tids.add(tid);
    list.sort((a, b) => a.ts - b.ts || (b.dur ?? 0) - (a.dur ?? 0));
    let outerEnd = -1;
    for (const e of list) {
      if (e.ts < outerEnd) continue; // nested in (or overlapping) the outer event before it
      outerEnd = e.ts + (e.dur ?? 0);
      group.wall += (e.dur ?? 0) / 1000;
      group.cpu += (e.tdur ?? 0) / 1000;
      const name = taskLabel(e);
      group.byName.set(name, (group.byName.get(name) ?? 0) + (e.tdur ?? e.dur ?? 0) / 1000);
    }
    groups.set(groupKey, group);
  }
  return [...groups.values()]
    .map(({ tids, ...time }) => ({ ...time, threads: tids.size }))
    .sort((a, b) => Math.max(b.cpu, b.wall) - Math.max(a.cpu, a.wall));
}

/** `threadTimes` as text lines: each thread, then its `top` biggest outermost events. */
export function threadTimeLines(times: readonly ThreadTime[], top = 6): string[] {
  return times.flatMap((t) => [
    `${t.process} ${t.pid} / ${t.thread}${t.threads > 1 ? ` x${t.threads}` : ''}: wall ${t.wall.toFixed(0)} ms, cpu ${t.cpu.toFixed(0)} ms`,
    ...[...t.byName.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .filter(([, ms]) => ms >= 1)
      .map(([name, ms]) => `    ${name} ${ms.toFixed(0)}`),
  ]);
}

/** Breaks down each renderer main thread of `traceJson` (Chromium's JSON trace format). */
export function summarizeTrace(traceJson: string): ThreadBreakdown[] {
  const { events, mainThreads } = readTrace(traceJson);
  const byThread = new Map<string, TraceEvent[]>();
  for (const event of events) {
    // Complete events only: the timeline categories record main-thread work as 'X'.
    if (event.ph !== 'X' || event.dur === undefined) continue;
    const key = `${event.pid}:${event.tid}`;
    if (!mainThreads.has(key)) continue;
    const list = byThread.get(key) ?? [];
    list.push(event);
    byThread.set(key, list);
  }
  const result: ThreadBreakdown[] = [];
  for (const [key, list] of byThread) {
    // Parents first: earlier start, and at the same start the longer one.
    list.sort((a, b) => a.ts - b.ts || (b.dur ?? 0) - (a.dur ?? 0));
    const selfByName = new Map<string, number>();
    const countByName = new Map<string, number>();
    const stack: { end: number; name: string; self: number }[] = [];
    let total = 0;
    let cpu = 0;
    const pop = () => {
      const done = stack.pop();
      if (done) selfByName.set(done.name, (selfByName.get(done.name) ?? 0) + done.self / 1000);
    };
    for (const event of list) {
      const dur = event.dur ?? 0;
      countByName.set(label(event), (countByName.get(label(event)) ?? 0) + 1);
      while (stack.length > 0 && (stack[stack.length - 1]?.end ?? 0) <= event.ts) pop();
      const parent = stack[stack.length - 1];
      if (parent) parent.self -= dur;
      else {
        total += dur / 1000;
        cpu += (event.tdur ?? 0) / 1000;
      }
      stack.push({ end: event.ts + dur, name: label(event), self: dur });
    }
    while (stack.length > 0) pop();
    const [pid, tid] = key.split(':').map(Number);
    result.push({ pid: pid ?? 0, tid: tid ?? 0, total, cpu, selfByName, countByName });
  }
  return result.sort((a, b) => b.total - a.total);
}

/** The `top` biggest names of a breakdown as Markdown table rows: name, ms per key. */
export function breakdownRows(breakdown: ThreadBreakdown, keys: number, top = 25): string[] {
  return [...breakdown.selfByName.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, top)
    .map(([name, ms]) => `| ${name} | ${(ms / keys).toFixed(2)} |`);
}

/**
 * Each renderer main thread's top-level tasks (`pid:tid` to wall and thread time, in µs):
 * a task's `toplevel` name (DevTools' "RunTask" needs its timeline category too).
 */
function taskTimes(
  events: readonly TraceEvent[],
  mainThreads: ReadonlySet<string>,
): Map<string, { wall: number; cpu: number }> {
  const times = new Map<string, { wall: number; cpu: number }>();
  for (const event of events) {
    const key = `${event.pid}:${event.tid}`;
    if (event.ph !== 'X' || event.name !== 'ThreadControllerImpl::RunTask') continue;
    if (!mainThreads.has(key)) continue;
    const time = times.get(key) ?? { wall: 0, cpu: 0 };
    time.wall += event.dur ?? 0;
    time.cpu += event.tdur ?? 0;
    times.set(key, time);
  }
  return times;
}

/**
 * The CPU time, in ms, of the busiest renderer main thread of `traceJson` (a trace of the
 * `toplevel` category): the sum of its tasks' thread time. On a shared machine a task's wall
 * time also counts the time its thread waited for a core; this does not.
 */
export function busiestMainThreadCpu(traceJson: string): number {
  const { events, mainThreads } = readTrace(traceJson);
  const busiest = [...taskTimes(events, mainThreads).values()].sort((a, b) => b.wall - a.wall)[0];
  return (busiest?.cpu ?? 0) / 1000;
}

/**
 * The CPU time, in ms, of the renderer main thread that handled keys in `traceJson` (a trace
 * of the `toplevel` and `devtools.timeline` categories): the sum of its tasks' thread time.
 * Null when no renderer handled a key.
 */
export function keyThreadCpu(traceJson: string): number | null {
  const { events, mainThreads } = readTrace(traceJson);
  const typist = events.find(
    (e) =>
      e.name === 'EventDispatch' &&
      e.args?.data?.type === 'keydown' &&
      mainThreads.has(`${e.pid}:${e.tid}`),
  );
  if (!typist) return null;
  return (taskTimes(events, mainThreads).get(`${typist.pid}:${typist.tid}`)?.cpu ?? 0) / 1000;
}
