/** The parts of a V8 CPU profile (`node --cpu-prof`) the bench scripts read. */
export interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}

export interface CpuProfile {
  nodes: ProfileNode[];
  /** When sampling started, in microseconds of the monotonic clock (as process.hrtime). */
  startTime: number;
  samples: number[];
  /** Microseconds from each sample to the one before it (the first: from startTime). */
  timeDeltas: number[];
}
