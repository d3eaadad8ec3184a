/**
 * The scene the relay's tests share: one seeded plan in memory storage, a logger that
 * keeps warnings, and readers of what was stored.
 */
import { MESSAGE_SYNC, SYNC_UPDATE } from '@plenary/model';
import * as encoding from 'lib0/encoding';
import * as Y from 'yjs';
import { Relay } from '../Relay.ts';
import type { RelayLogger } from '../types.ts';
import { MemoryPersistence } from './MemoryPersistence.ts';
import { type TestClient, until } from './TestClient.ts';

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
export function startRelay(options: RelayOptions = {}) {
  const persistence = new MemoryPersistence();
  persistence.createPlan(PLAN, seededPlan());
  const logger = silentLogger();
  const relay = new Relay({ persistence, logger, options: { idleEvictMs: 10, ...options } });
  return { relay, persistence, logger };
}

/** Resolves once the client holds the seeded text. */
export async function synced(client: TestClient): Promise<void> {
  await until(() => client.doc.getText('section:a').toString().startsWith('Objectives'));
}
