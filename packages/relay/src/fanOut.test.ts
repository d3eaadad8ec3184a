/**
 * Two relays (two processes) on one store, joined by an in-memory bus: what one stores
 * reaches the other's clients, and messages that never arrive cost nothing stored.
 */
import { CloseCode } from '@plenary/model';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { Relay } from './Relay.ts';
import type { OtherProcessUpdateEvent } from './RelayEvents.ts';
import type { RelayExtension } from './RelayExtension.ts';
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

/** Writes down what a relay's extensions hear of the other processes' updates. */
function otherProcessUpdates(): { heard: OtherProcessUpdateEvent[]; extension: RelayExtension } {
  const heard: OtherProcessUpdateEvent[] = [];
  return {
    heard,
    extension: {
      name: 'other-process-updates',
      onOtherProcessUpdate: ({ planId, touchedRoots, participantId }) =>
        heard.push({ planId, touchedRoots: new Set(touchedRoots), participantId }),
    },
  };
}

function twoProcesses(
  compactAfterUpdates: { a: number; b: number },
  extensions: { a?: RelayExtension[]; b?: RelayExtension[] } = {},
) {
  const persistence = new MemoryPersistence();
  const seed = new Y.Doc();
  seed.getText('section:a').insert(0, 'Plan');
  persistence.createPlan(PLAN, Y.encodeStateAsUpdate(seed));
  const bus = new MemoryBus();
  const start = (compact: number, own: RelayExtension[] = []) => {
    const fanOut = bus.connect();
    const relay = new Relay({
      persistence,
      logger: quiet,
      fanOut,
      extensions: own,
      options: { compactAfterUpdates: compact, idleEvictMs: 60_000 },
    });
    relays.push(relay);
    return { relay, fanOut };
  };
  return {
    persistence,
    a: start(compactAfterUpdates.a, extensions.a),
    b: start(compactAfterUpdates.b, extensions.b),
  };
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

  it("tell each other's extensions which participant changed which roots, a deletion too", async () => {
    const onA = otherProcessUpdates();
    const onB = otherProcessUpdates();
    const { a, b } = twoProcesses({ a: 500, b: 500 }, { a: [onA.extension], b: [onB.extension] });
    const alice = new TestClient(a.relay, PLAN, 'alice');
    const bora = new TestClient(b.relay, PLAN, 'bora');
    await until(() => textOf(alice) === 'Plan' && textOf(bora) === 'Plan');
    alice.doc.getText('section:a').insert(4, '!');
    await until(() => onB.heard.length === 1);
    bora.doc.getText('section:a').delete(0, 1);
    await until(() => onA.heard.length === 1);
    // The server's own change (no socket) is nobody's edit.
    await b.relay.transact(PLAN, (doc) => doc.getText('section:b').insert(0, 'by the server'));
    alice.doc.getText('section:c').insert(0, 'c');
    await until(() => onB.heard.length === 2 && textOf(alice) === 'lan!');
    expect(onB.heard).toEqual([
      { planId: PLAN, touchedRoots: new Set(['section:a']), participantId: 'alice' },
      { planId: PLAN, touchedRoots: new Set(['section:c']), participantId: 'alice' },
    ]);
    expect(onA.heard).toEqual([
      { planId: PLAN, touchedRoots: new Set(['section:a']), participantId: 'bora' },
    ]);
  });

  it("carry an extension's note to its namesake on the other one, after what was stored before it", async () => {
    const heard: string[] = [];
    const listening = (name: string): RelayExtension => ({
      name,
      onOtherProcessNote: ({ note, plans }) =>
        heard.push(
          `${name}: ${note} (${plans.peek(PLAN, (doc) => doc.getText('section:a').toString())})`,
        ),
    });
    const { a, b } = twoProcesses(
      { a: 500, b: 500 },
      { b: [listening('suggestion-repair'), listening('section-edits')] },
    );
    const onA = new TestClient(a.relay, PLAN);
    const onB = new TestClient(b.relay, PLAN);
    await until(() => textOf(onA) === 'Plan' && textOf(onB) === 'Plan');
    await a.relay.transact(PLAN, (doc) => doc.getText('section:a').insert(4, '!'));
    a.relay.tellOtherProcesses(PLAN, 'suggestion-repair', 'decisions-changed');
    await until(() => heard.length > 0);
    expect(heard).toEqual(['suggestion-repair: decisions-changed (Plan!)']);
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

  it('refuse an update under a client id claimed on the other one before they heard of it, and take it back', async () => {
    const { persistence, a, b } = twoProcesses({ a: 500, b: 500 });
    const owner = new TestClient(a.relay, PLAN, 'amina');
    const honest = new TestClient(b.relay, PLAN, 'cy');
    await until(() => textOf(owner) === 'Plan' && textOf(honest) === 'Plan');
    const seenByHonest: string[] = [];
    honest.doc.on('update', () => seenByHonest.push(textOf(honest)));
    // B hears nothing of A (a Redis link down): not Amina's claim, not her text.
    b.fanOut.deaf = true;
    owner.doc.getText('section:a').insert(4, ' by Amina');
    await until(() => storedText(persistence) === 'Plan by Amina');
    const intruder = new TestClient(b.relay, PLAN, 'bo');
    await until(() => textOf(intruder) === 'Plan');
    // Bo writes under Amina's id, which B's room does not know yet, so storage must refuse
    // it; Cy's next change is applied behind it before the refusal comes back.
    intruder.doc.clientID = owner.doc.clientID;
    intruder.doc.getText('section:a').insert(0, 'Bo: ');
    honest.doc.getText('section:a').insert(0, '> ');
    await until(() => intruder.closed !== null);
    expect(intruder.closed?.code).toBe(CloseCode.FORBIDDEN);
    expect(intruder.closed?.reason).toContain(String(owner.doc.clientID));
    expect(honest.closed).toBeNull();
    // Cy is sent Amina's text from her first character, though B's room never heard it.
    await until(() => textOf(honest) === '> Plan by Amina');
    await until(() => textOf(owner) === '> Plan by Amina');
    expect(storedText(persistence)).toBe('> Plan by Amina');
    expect(seenByHonest.some((text) => text.includes('Bo'))).toBe(false);
    expect(persistence.logs.get(PLAN)?.owners.get(owner.doc.clientID)).toBe('amina');
  });

  it('catch up from a stored snapshot whatever order its clients are written in', async () => {
    const { persistence, a, b } = twoProcesses({ a: 500, b: 500 });
    const onA = new TestClient(a.relay, PLAN);
    const onB = new TestClient(b.relay, PLAN);
    await until(() => textOf(onA) === 'Plan' && textOf(onB) === 'Plan');
    const paragraphs = (client: TestClient) => client.doc.getXmlFragment('section:b').toString();
    // A's link is down while five paragraphs are typed on B, an update each.
    a.fanOut.deaf = true;
    // Above the seed's id, so that lowest first puts the seed's structs first.
    onB.doc.clientID = 2 ** 32 - 1;
    const section = onB.doc.getXmlFragment('section:b');
    for (let i = 0; i < 5; i++) {
      const paragraph = new Y.XmlElement('paragraph');
      paragraph.insert(0, [new Y.XmlText(`Typed on B, ${i}.`)]);
      section.insert(section.length, [paragraph]);
    }
    await until(() => persistence.logs.get(PLAN)?.lastSeq === 5);
    // A snapshot as Plenary stored them before 2026-12-07, its clients lowest id first,
    // while the log still holds the rows it overlaps.
    const log = persistence.logs.get(PLAN);
    if (!log) throw new Error('the plan is not stored');
    log.snapshot = lowestClientFirst(onB.doc);
    a.fanOut.deaf = false;
    b.fanOut.publish(PLAN, { kind: 'catch-up' });
    await until(() => paragraphs(onA) === paragraphs(onB));
    expect(paragraphs(onA)).toContain('Typed on B, 4.');
  });
});

/** `doc` as one update (format v1) whose clients' structs are written lowest id first. */
function lowestClientFirst(doc: Y.Doc): Uint8Array {
  const everything = Y.encodeStateVector(doc);
  // An update with no structs: one byte (no clients), then the delete set.
  const deletions = Y.encodeStateAsUpdate(doc, everything).subarray(1);
  const clients = [...Y.decodeStateVector(everything).keys()].sort((x, y) => x - y);
  const blocks = clients.map((client) => {
    const others = Y.decodeStateVector(everything);
    others.delete(client);
    // One client's structs: a byte (one client), its block, then the same delete set.
    const alone = Y.encodeStateAsUpdate(doc, Y.encodeStateVector(others));
    return alone.subarray(1, alone.length - deletions.length);
  });
  return new Uint8Array([clients.length, ...blocks.flatMap((block) => [...block]), ...deletions]);
}
