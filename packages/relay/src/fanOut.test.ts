/**
 * Two relays (two processes) on one store, joined by an in-memory bus: what one stores
 * reaches the other's clients, and messages that never arrive cost nothing stored.
 */
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { Relay } from './Relay.ts';
import { MemoryBus } from './test-support/MemoryFanOut.ts';
import { MemoryPersistence } from './test-support/MemoryPersistence.ts';
import { TestClient, until } from './test-support/TestClient.ts';
import type { RelayLogger } from './types.ts';

const PLAN = 'plan0000000001';

const quiet: RelayLogger = { info: () => undefined, warn: () => undefined, error: () => undefined };

const textOf = (client: TestClient) => client.doc.getText('section:a').toString();

function storedText(persistence: MemoryPersistence): string {
  const doc = new Y.Doc();
  const log = persistence.logs.get(PLAN);
  if (log?.snapshot) Y.applyUpdate(doc, log.snapshot);
  for (const { update } of log?.updates ?? []) Y.applyUpdate(doc, update);
  return doc.getText('section:a').toString();
}

const relays: Relay[] = [];
afterEach(async () => {
  await Promise.all(relays.splice(0).map((relay) => relay.close()));
});

function twoProcesses(compactAfterUpdates: { a: number; b: number }) {
  const persistence = new MemoryPersistence();
  const seed = new Y.Doc();
  seed.getText('section:a').insert(0, 'Plan');
  persistence.createPlan(PLAN, Y.encodeStateAsUpdate(seed));
  const bus = new MemoryBus();
  const start = (compact: number) => {
    const fanOut = bus.connect();
    const relay = new Relay({
      persistence,
      logger: quiet,
      fanOut,
      options: { compactAfterUpdates: compact, idleEvictMs: 60_000 },
    });
    relays.push(relay);
    return { relay, fanOut };
  };
  return { persistence, a: start(compactAfterUpdates.a), b: start(compactAfterUpdates.b) };
}

describe('relays joined by a fan-out', () => {
  it("send what one stored to the other's clients, both ways", async () => {
    const { a, b } = twoProcesses({ a: 500, b: 500 });
    const onA = new TestClient(a.relay, PLAN);
    const onB = new TestClient(b.relay, PLAN);
    await until(() => textOf(onA) === 'Plan' && textOf(onB) === 'Plan');
    onA.doc.getText('section:a').insert(4, ' from A');
    await until(() => textOf(onB) === 'Plan from A');
    onB.doc.getText('section:a').insert(0, 'B: ');
    await until(() => textOf(onA) === 'B: Plan from A');
  });

  it('never compact past an update they have not heard of, and fetch it from storage', async () => {
    // Only B compacts, so its claim is the one that counts.
    const { persistence, a, b } = twoProcesses({ a: 500, b: 2 });
    const onA = new TestClient(a.relay, PLAN);
    const onB = new TestClient(b.relay, PLAN);
    await until(() => textOf(onA) === 'Plan' && textOf(onB) === 'Plan');
    // B hears nothing of A's three updates (seqs 1-3)...
    b.fanOut.deaf = true;
    for (const letter of 'xyz') {
      onA.doc.getText('section:a').insert(textOf(onA).length, letter);
    }
    await until(() => persistence.logs.get(PLAN)?.lastSeq === 3);
    b.fanOut.deaf = false;
    // ...then stores its own (seq 4), which makes it compact.
    onB.doc.getText('section:a').insert(0, '> ');
    await until(() => persistence.compactions > 0);
    expect(storedText(persistence)).toBe('> Planxyz');
    // The gap (1-3 missing, 4 held) does not close by itself: B reads them from storage.
    await until(() => textOf(onB) === '> Planxyz', 5_000);
    await until(() => textOf(onA) === '> Planxyz');
  });
});
