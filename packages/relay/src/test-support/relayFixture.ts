/**
 * The scene the relay's tests share: one seeded plan in memory storage, a logger that
 * keeps warnings, and readers of what was stored.
 */
import { MESSAGE_SYNC, SYNC_UPDATE } from '@plenary/model';
import * as encoding from 'lib0/encoding';
import { afterEach } from 'vitest';
import * as Y from 'yjs';
import { Relay } from '../Relay.ts';
import type { RelayExtension } from '../RelayExtension.ts';
import type { RelayLogger } from '../types.ts';
import { MemoryPersistence } from './MemoryPersistence.ts';
import { TestClient, until } from './TestClient.ts';

export const PLAN = 'plan0000000001';

/** The relay's options a test may set. */
export type RelayOptions = Partial<ConstructorParameters<typeof Relay>[0]['options']>;

/** A logger that says nothing and keeps what was warned or logged as an error. */
export function silentLogger(): RelayLogger & { warnings: object[] } {
  const warnings: object[] = [];
  return {
    warnings,
    info: () => undefined,
    warn: (context) => warnings.push(context),
    error: (context) => warnings.push(context),
  };
}

/** A plan whose section `a` holds "Objectives". */
export function seededPlan(): Uint8Array {
  const doc = new Y.Doc();
  doc.getText('section:a').insert(0, 'Objectives');
  return Y.encodeStateAsUpdate(doc);
}

/** Section `a` as storage holds it. */
export function storedText(persistence: MemoryPersistence): string {
  const doc = new Y.Doc();
  const log = persistence.logs.get(PLAN);
  if (log?.snapshot) Y.applyUpdate(doc, log.snapshot);
  for (const { update } of log?.updates ?? []) Y.applyUpdate(doc, update);
  return doc.getText('section:a').toString();
}

/** A sync update frame carrying `update`. */
export function updateFrameOf(update: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MESSAGE_SYNC);
  encoding.writeVarUint(encoder, SYNC_UPDATE);
  encoding.writeVarUint8Array(encoder, update);
  return encoding.toUint8Array(encoder);
}

/** A relay over a fresh memory store holding the seeded plan. */
export function startRelay(options: RelayOptions = {}, extensions: RelayExtension[] = []) {
  const persistence = new MemoryPersistence();
  persistence.createPlan(PLAN, seededPlan());
  const logger = silentLogger();
  const relay = new Relay({
    persistence,
    logger,
    options: { idleEvictMs: 10, ...options },
    extensions,
  });
  return { relay, persistence, logger };
}

/**
 * For a test file: the `startRelay` each test calls, with the relay it started closed
 * after the test.
 */
export function useRelay(): typeof startRelay {
  let started: Relay | null = null;
  afterEach(async () => {
    await started?.close();
    started = null;
  });
  return (options, extensions) => {
    const scene = startRelay(options, extensions);
    started = scene.relay;
    return scene;
  };
}

/** Two clients of the plan, both holding the seeded text. */
export async function syncedPair(relay: Relay): Promise<[TestClient, TestClient]> {
  const pair: [TestClient, TestClient] = [new TestClient(relay, PLAN), new TestClient(relay, PLAN)];
  await synced(pair[0]);
  await synced(pair[1]);
  return pair;
}

/** Holds every append to storage until the returned function lets them through. */
export function holdAppends(persistence: MemoryPersistence): () => void {
  let release: () => void = () => undefined;
  persistence.stallAppends = new Promise((resolve) => {
    release = resolve;
  });
  return () => {
    persistence.stallAppends = null;
    release();
  };
}

/** Resolves once the client holds the seeded text. */
export async function synced(client: TestClient): Promise<void> {
  await until(() => client.doc.getText('section:a').toString().startsWith('Objectives'));
}
