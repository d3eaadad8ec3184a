/**
 * A seeded fuzzer of y-websocket frames against a real Plenary server.
 *
 * Attacker sockets holding an observer link and a member link send random bytes and
 * mutations of valid frames (see frameCorpus.ts, frameMutations.ts), one at a time, each
 * followed by a save request whose answer says the server has dealt with it; a socket the
 * server closes is replaced. Meanwhile honest stock y-websocket clients (the facilitator
 * and a member of each group) keep typing. At the end the run checks that the server
 * logged no error and raised nothing unhandled, that no honest socket was closed and all
 * of them converged with the server, that the stored plan holds nothing from the observer
 * and nothing from the member outside their group's sections, and how memory went.
 *
 * The seed fixes every attacker's choices (which frame, which mutation, where); what the
 * frames are built from is the live plan, which the honest typing changes as it goes.
 *
 * Over 400 lines because `runFrameFuzz` is one run whose phases (start, attacker lanes,
 * honest typing, memory samples, the checks at the end) share its sockets, timers and
 * tallies; what stands alone is already apart: frames in frameCorpus.ts and
 * frameMutations.ts, the stored plan's check in storedPlanCheck.ts, sockets in
 * AttackerSocket.ts and stockClient.ts.
 */
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sectionFragmentName } from '@plenary/model';
import * as prng from 'lib0/prng';
import * as Y from 'yjs';
import { AttackerSocket } from './AttackerSocket.ts';
import { buildCorpus, type CorpusFrame, type FuzzTargets, typingEdit } from './frameCorpus.ts';
import { mutateFrame, randomFrame } from './frameMutations.ts';
import { type StockClient, stockClient, whenSynced } from './stockClient.ts';
import { checkStoredPlan, docFrom, type HonestWriter } from './storedPlanCheck.ts';
import {
  type CreatedPlan,
  createTestPlan,
  joinAs,
  startTestServer,
  type TestServer,
} from './testServer.ts';

/** How a run is set up. */
export interface FrameFuzzOptions {
  seed: number;
  frames: number;
  /** Attacker sockets at a time, alternately observer and member (default 8). */
  lanes?: number;
  /**
   * Fails on structs stored under another participant's (or the server's) client id and on
   * root-less structs from the observer, and aims at the live honest clients' ids too (the
   * default, since the relay enforces client-id ownership). Off, those are only reported as
   * findings, for a relay without ownership.
   */
  ownershipEnforced?: boolean;
  /** Called every `progressEvery` frames. */
  onProgress?: (progress: FuzzProgress) => void;
  progressEvery?: number;
}

/** Where a run is. */
export interface FuzzProgress {
  frames: number;
  elapsedMs: number;
  rssMB: number;
  heapMB: number;
  closes: number;
}

/** What a run found. */
export interface FrameFuzzReport {
  seed: number;
  frames: number;
  elapsedMs: number;
  /** How each frame ended: `answered` (the socket stayed open) or the close code. */
  outcomes: Record<string, number>;
  /** Frames sent per seed kind, and how many of them were answered. */
  kinds: Record<string, { sent: number; answered: number }>;
  /** Broken promises: any one fails the run. */
  failures: string[];
  /** Foreign client ids the server accepted, when ownership is not enforced. */
  findings: string[];
  memory: MemoryTrace;
}

/** RSS and heap of the process (server and clients), sampled as the run goes. */
export interface MemoryTrace {
  samples: { frames: number; rssMB: number; heapMB: number }[];
  /**
   * Median RSS over the second quarter of the frames (warm: the plan, sockets and JIT are in
   * place), the highest sample, and the median over the last quarter. Medians, because the
   * garbage collector makes single samples jump by tens of megabytes.
   */
  warmRssMB: number;
  peakRssMB: number;
  endRssMB: number;
  /** The stored plan at the end (it grows with what the member may write in their section). */
  planKB: number;
}

const ANSWER_TIMEOUT_MS = 15_000;
const CONVERGE_TIMEOUT_MS = 20_000;
const CORPUS_REFRESH_FRAMES = 300;
const HONEST_EDIT_MS = 40;
const MEMORY_SAMPLE_MS = 500;
/** Nonces above any the corpus uses, so an answer is surely to this lane's own request. */
const NONCE_BASE = 2 ** 32;

/**
 * The server as configured by default, but with fair-share budgets no lane reaches: the
 * attackers send as fast as the server answers, and a frame closed for its rate (4529,
 * pinned by fairShare.test.ts) would never reach the checks this run is about.
 */
const UNREACHABLE = String(10 ** 8);
const FUZZ_SERVER_ENV: Record<string, string> = {
  LOG_LEVEL: 'error',
  ...Object.fromEntries(
    ['SOCKET', 'PARTICIPANT'].flatMap((who) =>
      ['FRAMES_PER_SECOND', 'FRAME_BURST', 'BYTES_PER_SECOND', 'BYTE_BURST'].map((budget) => [
        `${who}_${budget}`,
        UNREACHABLE,
      ]),
    ),
  ),
  PRESENCE_PER_SECOND: UNREACHABLE,
  PRESENCE_BURST: UNREACHABLE,
  PRESENCE_QUERIES_PER_MINUTE: UNREACHABLE,
};

const mb = (bytes: number): number => Math.round((bytes / 2 ** 20) * 10) / 10;

/** One honest person: a stock client typing in one section, and what they typed. */
interface HonestClient extends HonestWriter {
  client: StockClient;
  section: string;
  typed: Uint8Array[];
  ids: Set<number>;
  disturbances: string[];
}

function honestClient(
  server: TestServer,
  plan: CreatedPlan,
  name: string,
  token: string,
  section: string,
): HonestClient {
  const client = stockClient(server.syncUrl, plan.id, token);
  const honest: HonestClient = {
    name,
    client,
    section,
    typed: [],
    ids: new Set([client.doc.clientID]),
    disturbances: [],
  };
  client.doc.on('update', (update: Uint8Array, origin: unknown) => {
    if (origin === client.provider) return;
    honest.typed.push(update);
    honest.ids.add(client.doc.clientID);
  });
  client.provider.on('connection-close', (event) => {
    honest.disturbances.push(
      `${name}'s socket closed (${event?.code ?? '?'} ${event?.reason ?? ''})`,
    );
  });
  client.provider.on('connection-error', () => {
    honest.disturbances.push(`${name}'s socket had an error`);
  });
  client.provider.awareness.setLocalStateField('user', { name });
  return honest;
}

/**
 * The next frame of a lane: one in twenty random bytes, then as many seed frames as they
 * are, the rest mutated (with another seed frame to splice from).
 */
function pickFrame(
  gen: prng.PRNG,
  corpus: CorpusFrame[],
): { seedFrame: CorpusFrame; kind: string; bytes: Uint8Array } {
  const seedFrame = prng.oneOf(gen, corpus);
  const roll = prng.uint32(gen, 0, 99);
  if (roll < 5) return { seedFrame, kind: 'random bytes', bytes: randomFrame(gen) };
  if (roll < 50) return { seedFrame, kind: seedFrame.kind, bytes: seedFrame.bytes };
  const mutated = mutateFrame(gen, seedFrame.bytes, prng.oneOf(gen, corpus).bytes);
  return {
    seedFrame,
    kind: `${seedFrame.kind} + ${mutated.names.join(', ')}`,
    bytes: mutated.bytes,
  };
}

/** The median RSS of the samples taken while `from` to `to` frames had been sent. */
function medianRss(samples: MemoryTrace['samples'], from: number, to: number): number {
  const rss = samples
    .filter((sample) => sample.frames >= from && sample.frames < to)
    .map((sample) => sample.rssMB)
    .sort((a, b) => a - b);
  return rss[Math.floor(rss.length / 2)] ?? samples.at(-1)?.rssMB ?? 0;
}

/** Polls the server's live document until `check` holds; throws when time is up. */
async function untilServer(
  server: TestServer,
  planId: string,
  check: (doc: Y.Doc) => boolean,
  what: string,
  timeoutMs = 10_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await server.app.relay.read(planId, check))) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** The first update of a stored log that does not load into a fresh document (as the server loads it after a restart), or -1. */
function firstUnloadable(updates: readonly Uint8Array[]): number {
  const doc = new Y.Doc();
  return updates.findIndex((update) => {
    try {
      Y.applyUpdate(doc, update);
      return false;
    } catch {
      return true;
    }
  });
}

/** Runs the fuzzer once against a fresh server and returns what it found. */
export async function runFrameFuzz(options: FrameFuzzOptions): Promise<FrameFuzzReport> {
  const { seed, frames } = options;
  const lanes = options.lanes ?? 8;
  const ownershipEnforced = options.ownershipEnforced ?? true;
  const failures: string[] = [];
  const findings: string[] = [];
  const unhandled: string[] = [];
  const onUnhandled = (error: unknown) => unhandled.push(String((error as Error)?.stack ?? error));
  process.on('uncaughtException', onUnhandled);
  process.on('unhandledRejection', onUnhandled);

  // In memory where the machine has a tmpfs: every attacker socket's token check writes to
  // SQLite, and thousands of fsyncs would measure the disk rather than the relay.
  const dataDir = existsSync('/dev/shm') ? mkdtempSync('/dev/shm/plenary-fuzz-') : undefined;
  const server = await startTestServer({ env: FUZZ_SERVER_ENV, ...(dataDir ? { dataDir } : {}) });
  const timers: NodeJS.Timeout[] = [];
  const honest: HonestClient[] = [];
  const started = Date.now();
  const memory: MemoryTrace = { samples: [], warmRssMB: 0, peakRssMB: 0, endRssMB: 0, planKB: 0 };
  const outcomes: Record<string, number> = {};
  const kinds: FrameFuzzReport['kinds'] = {};
  let sent = 0;
  let closes = 0;
  try {
    const plan = await createTestPlan(server, 'r2p-nap');
    const sectionOf = (groupId: string | null) =>
      sectionFragmentName(plan.sections.find((s) => s.groupId === groupId)?.id ?? '');
    const [ownSection, otherSection, sharedSection] = [
      sectionOf('g1'),
      sectionOf('g2'),
      sectionOf(null),
    ];
    // The member attacker may write every section of their group, not only the first.
    const memberSections = new Set(
      plan.sections.filter((s) => s.groupId === 'g1').map((s) => sectionFragmentName(s.id)),
    );
    const observer = await joinAs(server, plan, { role: 'observer' }, 'Attacker (observer)');
    const member = await joinAs(server, plan, { role: 'member', groupId: 'g1' }, 'Attacker (g1)');
    const join = async (groupId: string, name: string) =>
      (await joinAs(server, plan, { role: 'member', groupId }, name)).sessionToken;

    // An offline participant, whose client id the attackers know from their presence.
    const decoy = stockClient(server.syncUrl, plan.id, await join('g2', 'Offline member'));
    await whenSynced(decoy);
    decoy.doc.getXmlFragment(otherSection).insert(0, [new Y.XmlText('typed before leaving')]);
    const decoyId = decoy.doc.clientID;
    const decoyState = Y.getState(decoy.doc.store, decoyId);
    await untilServer(
      server,
      plan.id,
      (doc) => Y.getState(doc.store, decoyId) === decoyState,
      "the offline member's text to be stored",
    );
    decoy.destroy();

    honest.push(
      honestClient(server, plan, 'Facilitator', plan.facilitatorToken, sharedSection),
      honestClient(server, plan, 'Member of g1', await join('g1', 'Member of g1'), ownSection),
      honestClient(server, plan, 'Member of g2', await join('g2', 'Member of g2'), otherSection),
    );
    await Promise.all(honest.map((h) => whenSynced(h.client)));
    const initial = await server.app.relay.read(plan.id, (doc) => Y.encodeStateAsUpdate(doc));
    const initialDoc = docFrom([initial]);
    const honestIds = new Set(honest.map((h) => h.client.doc.clientID));
    const serverIds = [...initialDoc.store.clients.keys()].filter(
      (id) => id !== decoyId && !honestIds.has(id),
    );
    const foreignClientIds = [decoyId, ...serverIds, ...(ownershipEnforced ? honestIds : [])];
    const targets: FuzzTargets = {
      ownSection,
      otherSections: [otherSection, sharedSection],
      foreignClientIds,
    };

    const honestGen = prng.create(seed ^ 0x5eed);
    timers.push(
      setInterval(() => {
        const person = prng.oneOf(honestGen, honest);
        typingEdit(honestGen, person.client.doc, person.section);
      }, HONEST_EDIT_MS),
    );
    const sampleMemory = () => {
      const usage = process.memoryUsage();
      memory.samples.push({ frames: sent, rssMB: mb(usage.rss), heapMB: mb(usage.heapUsed) });
      memory.peakRssMB = Math.max(memory.peakRssMB, mb(usage.rss));
    };
    sampleMemory();
    timers.push(setInterval(sampleMemory, MEMORY_SAMPLE_MS));

    // The attackers build their frames from the plan as everyone sees it.
    const base = (honest[0] as HonestClient).client.doc;
    const url = (token: string) => `${server.syncUrl}/${plan.id}?token=${token}`;
    const inFlight = new Map<number, string>();
    const serverFailure = () => server.logLines.length > 0 || unhandled.length > 0;
    let nextProgress = options.progressEvery ?? Number.POSITIVE_INFINITY;
    const lane = async (index: number) => {
      const gen = prng.create(seed * 31 + index);
      const token = index % 2 === 0 ? observer.sessionToken : member.sessionToken;
      let socket: AttackerSocket | null = null;
      let corpus: CorpusFrame[] = [];
      let nonce = NONCE_BASE + index * 2 ** 40;
      for (let own = 0; sent < frames && failures.length === 0; own++) {
        if (own % CORPUS_REFRESH_FRAMES === 0) {
          corpus = buildCorpus(gen, base, targets, prng.uint32(gen, 1, 2 ** 31));
        }
        const { seedFrame, kind, bytes } = pickFrame(gen, corpus);
        const frameNumber = ++sent;
        const described = `frame ${frameNumber} (lane ${index}, ${kind}, ${bytes.length} bytes: ${Buffer.from(bytes.subarray(0, 48)).toString('hex')}${bytes.length > 48 ? '…' : ''})`;
        inFlight.set(index, described);
        if (!socket?.isOpen) socket = await AttackerSocket.open(url(token));
        nonce += 1;
        const outcome = await socket.probe(bytes, nonce, ANSWER_TIMEOUT_MS);
        const outcomeName = outcome === 'answered' ? 'answered' : String(outcome);
        outcomes[outcomeName] = (outcomes[outcomeName] ?? 0) + 1;
        const stats = kinds[seedFrame.kind] ?? { sent: 0, answered: 0 };
        kinds[seedFrame.kind] = stats;
        stats.sent += 1;
        if (outcome === 'answered') stats.answered += 1;
        else closes += 1;
        if (outcome === -1) {
          failures.push(`seed ${seed}: no answer within ${ANSWER_TIMEOUT_MS} ms to ${described}`);
        }
        if (honest.some((h) => h.disturbances.length > 0) && failures.length === 0) {
          failures.push(
            `seed ${seed}: an honest socket was closed while these frames were in flight: ${[...inFlight.values()].join('; ')}`,
          );
        }
        if (serverFailure() && failures.length === 0) {
          failures.push(
            `seed ${seed}: the server failed while these frames were in flight: ${[...inFlight.values()].join('; ')}`,
          );
        }
        inFlight.delete(index);
        if (sent >= nextProgress) {
          nextProgress += options.progressEvery ?? 0;
          const usage = process.memoryUsage();
          options.onProgress?.({
            frames: sent,
            elapsedMs: Date.now() - started,
            rssMB: mb(usage.rss),
            heapMB: mb(usage.heapUsed),
            closes,
          });
        }
      }
      socket?.close();
    };
    await Promise.all(Array.from({ length: lanes }, (_, index) => lane(index)));
    for (const timer of timers.splice(0)) clearInterval(timer);

    // Every honest client and the server end up with the same document.
    const stateOf = (doc: Y.Doc) => Buffer.from(Y.encodeStateVector(doc)).toString('hex');
    try {
      await untilServer(
        server,
        plan.id,
        (doc) => honest.every((h) => stateOf(h.client.doc) === stateOf(doc)),
        'honest clients to converge with the server',
        CONVERGE_TIMEOUT_MS,
      );
    } catch {
      failures.push(`seed ${seed}: honest clients did not converge with the server`);
    }
    for (const h of honest) failures.push(...h.disturbances.map((d) => `seed ${seed}: ${d}`));
    if (serverFailure()) {
      failures.push(
        `seed ${seed}: the server logged errors: ${[...server.logLines, ...unhandled].join(' | ').slice(0, 2_000)}`,
      );
    }

    // The stored plan: what honest people typed, plus the member's own section.
    const loaded = await server.app.store.loadDocument(plan.id);
    const log = loaded?.updates ?? [];
    const unreadable = firstUnloadable(log);
    if (unreadable >= 0) {
      // The server could not load this plan again after a restart: keep the log to see why.
      const file = path.join(os.tmpdir(), `plenary-fuzz-${seed}-stored-log.json`);
      writeFileSync(file, JSON.stringify(log.map((u) => Buffer.from(u).toString('base64'))));
      failures.push(
        `seed ${seed}: the stored plan cannot be loaded again (update ${unreadable} of ${log.length} throws); the log is in ${file}`,
      );
    }
    const stored = docFrom(unreadable >= 0 ? log.slice(0, unreadable) : log);
    const storedCheck = checkStoredPlan({
      stored,
      expected: docFrom([initial, ...honest.flatMap((h) => h.typed)]),
      attribution: await server.app.store.clientAttribution(plan.id),
      memberSections,
      observerId: observer.participantId,
      memberId: member.participantId,
      foreignClientIds,
      honest,
      ownershipEnforced,
    });
    failures.push(...storedCheck.failures.map((failure) => `seed ${seed}: ${failure}`));
    findings.push(...storedCheck.findings.map((finding) => `seed ${seed}: ${finding}`));
    memory.planKB = Math.round(Y.encodeStateAsUpdate(stored).length / 1024);
    sampleMemory();
    memory.warmRssMB = medianRss(memory.samples, frames / 4, frames / 2);
    memory.endRssMB = medianRss(memory.samples, (frames * 3) / 4, Number.POSITIVE_INFINITY);
    return {
      seed,
      frames: sent,
      elapsedMs: Date.now() - started,
      outcomes,
      kinds,
      failures,
      findings,
      memory,
    };
  } finally {
    for (const timer of timers) clearInterval(timer);
    for (const h of honest) h.client.destroy();
    await server.close();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
    process.off('uncaughtException', onUnhandled);
    process.off('unhandledRejection', onUnhandled);
  }
}
