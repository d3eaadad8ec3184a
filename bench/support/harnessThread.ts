/**
 * One harness thread (a worker_thread of `bench/relayCompare.ts`): it holds a share of
 * the stock clients, lets its writers type on a schedule, and records when each edit
 * reached each of its clients. The main thread asks, step by step, over `parentPort`.
 */
import { parentPort } from 'node:worker_threads';
import * as Y from 'yjs';
import { connectClient, type HarnessClient, nowMs, paragraphText } from './harnessClient.ts';
import type { ClientSpec } from './relayRooms.ts';

/** A writer as every thread knows it: its Yjs client id and its clock before the run. */
export interface WriterMark {
  clientId: number;
  baseline: number;
}

/** What the main thread asks a harness thread to do. */
export type ThreadRequest =
  | { type: 'connect'; clients: ClientSpec[] }
  | { type: 'write'; writers: WriterMark[]; startAt: number; durationMs: number; perSecond: number }
  | { type: 'drain'; sent: Record<number, number>; timeoutMs: number }
  | { type: 'close' };

/** What a harness thread answers, one reply per request. */
export type ThreadReply =
  | { type: 'connected'; writers: WriterMark[] }
  | { type: 'written'; sendTimes: Record<number, number[]> }
  | {
      type: 'drained';
      arrivals: Record<number, number[]>[];
      disconnects: number;
      /** Frames that brought a client something new since the writing began, all clients. */
      frames: number;
    }
  | { type: 'closed' };

// Every stock provider adds a process 'exit' listener; hundreds here are expected.
process.setMaxListeners(0);

const port = parentPort;
if (!port) throw new Error('harnessThread runs as a worker thread');

interface Member {
  client: HarnessClient;
  text: Y.XmlText | null;
  /** Per writer's client id: when each of its edits arrived here, in order. */
  arrivals: Map<number, number[]>;
  /**
   * Frames from the relay that changed this client's document since the writing began: a
   * relay that sends updates one by one sends one per edit, one that merges sends fewer.
   */
  frames: number;
}

let members: Member[] = [];
let writers: WriterMark[] = [];
let disconnects = 0;

/** Notes every edit that has arrived, from how far each writer's clock has come. */
function noteArrivals(member: Member): void {
  const now = nowMs();
  const own = member.client.doc.clientID;
  for (const writer of writers) {
    if (writer.clientId === own) continue;
    const have = Y.getState(member.client.doc.store, writer.clientId) - writer.baseline;
    let times = member.arrivals.get(writer.clientId);
    if (!times) {
      times = [];
      member.arrivals.set(writer.clientId, times);
    }
    while (times.length < have) times.push(now);
  }
}

async function connect(specs: ClientSpec[]): Promise<WriterMark[]> {
  // Counted per run: the last run's clients went offline when they were closed.
  disconnects = 0;
  // In batches, as a room fills when people arrive, not all in one instant.
  for (let start = 0; start < specs.length; start += 25) {
    const batch = specs.slice(start, start + 25).map((spec) => {
      const client = connectClient(spec);
      const member: Member = { client, text: null, arrivals: new Map(), frames: 0 };
      client.provider.on('status', ({ status }: { status: string }) => {
        if (status === 'disconnected') disconnects++;
      });
      client.doc.on('update', (_update: Uint8Array, origin: unknown) => {
        if (origin !== client.provider) return;
        member.frames++;
        noteArrivals(member);
      });
      members.push(member);
      return { member, spec };
    });
    await Promise.all(batch.map(({ member }) => member.client.synced));
    for (const { member, spec } of batch)
      if (spec.fragment) member.text = paragraphText(member.client.doc, spec.fragment);
  }
  return members
    .filter((member) => member.text)
    .map((member) => ({
      clientId: member.client.doc.clientID,
      baseline: Y.getState(member.client.doc.store, member.client.doc.clientID),
    }));
}

async function write(
  request: Extract<ThreadRequest, { type: 'write' }>,
): Promise<Record<number, number[]>> {
  writers = request.writers;
  for (const member of members) {
    member.arrivals.clear();
    member.frames = 0;
  }
  const period = 1000 / request.perSecond;
  const edits = Math.floor((request.durationMs / 1000) * request.perSecond);
  const typing = members.filter((member) => member.text);
  const sendTimes: Record<number, number[]> = {};
  await Promise.all(
    typing.map(async (member, i) => {
      const times: number[] = [];
      sendTimes[member.client.doc.clientID] = times;
      const text = member.text as Y.XmlText;
      // Writers start spread over one period, as people do not type in step.
      const offset = (period * i) / Math.max(1, typing.length);
      for (let n = 0; n < edits; n++) {
        const due = request.startAt + offset + n * period;
        const wait = due - Date.now();
        if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
        times.push(nowMs());
        text.insert(text.length, String.fromCharCode(97 + (n % 26)));
      }
    }),
  );
  return sendTimes;
}

async function drain(
  sent: Record<number, number>,
  timeoutMs: number,
): Promise<Record<number, number[]>[]> {
  const complete = () =>
    members.every((member) =>
      writers.every(
        (writer) =>
          writer.clientId === member.client.doc.clientID ||
          (member.arrivals.get(writer.clientId)?.length ?? 0) >= (sent[writer.clientId] ?? 0),
      ),
    );
  const deadline = Date.now() + timeoutMs;
  while (!complete() && Date.now() < deadline)
    await new Promise((resolve) => setTimeout(resolve, 20));
  return members.map((member) => Object.fromEntries(member.arrivals));
}

port.on('message', async (request: ThreadRequest) => {
  let reply: ThreadReply;
  switch (request.type) {
    case 'connect':
      reply = { type: 'connected', writers: await connect(request.clients) };
      break;
    case 'write':
      reply = { type: 'written', sendTimes: await write(request) };
      break;
    case 'drain':
      reply = {
        type: 'drained',
        arrivals: await drain(request.sent, request.timeoutMs),
        disconnects,
        frames: members.reduce((sum, member) => sum + member.frames, 0),
      };
      break;
    case 'close':
      for (const member of members) member.client.destroy();
      members = [];
      reply = { type: 'closed' };
      break;
  }
  port.postMessage(reply);
});
