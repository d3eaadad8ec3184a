/**
 * The main thread's side of the harness threads (`harnessThread.ts`): starts one and asks it
 * one thing at a time.
 */
import { Worker } from 'node:worker_threads';
import type { ThreadReply, ThreadRequest } from './harnessThread.ts';

/** A harness thread and a way to ask it one thing at a time. */
export interface HarnessThread {
  ask<T extends ThreadReply['type']>(
    request: ThreadRequest,
  ): Promise<Extract<ThreadReply, { type: T }>>;
  worker: Worker;
}

/** Starts a harness thread; the bench ends if the thread fails. */
export function startHarnessThread(): HarnessThread {
  const worker = new Worker(new URL('./harnessThreadEntry.mjs', import.meta.url));
  worker.on('error', (error) => {
    console.error('harness thread failed:', error);
    process.exit(1);
  });
  return {
    worker,
    ask: (request) =>
      new Promise((resolve) => {
        worker.once('message', resolve);
        worker.postMessage(request);
      }),
  };
}
