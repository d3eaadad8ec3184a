import os from 'node:os';

/** The machine a result was measured on, with its load average (1, 5 and 15 minutes). */
export function machine(): string {
  const load = os
    .loadavg()
    .map((value) => value.toFixed(1))
    .join(' ');
  return `${os.cpus().length} cores, Node ${process.version}, load ${load}`;
}
