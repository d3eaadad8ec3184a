import { CloseCode } from '@plenary/model';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { MAX_CLOCK } from './clientOwnership.ts';
import { gcStructsUpdate, presenceUpdateAs, updateAs } from './craftedUpdates.ts';
import { awarenessFrame, updateFrame } from './frames.ts';
import { planWritePolicy } from './planWritePolicy.ts';
import { Relay } from './Relay.ts';
import type { RelayExtension } from './RelayExtension.ts';
import { MemoryPersistence } from './test-support/MemoryPersistence.ts';
import { TestClient, until } from './test-support/TestClient.ts';
import type { RelayLogger, RelayOptions } from './types.ts';

const PLAN = 'plan0000000002';
const ROOT = 'section:a';
const quietLogger: RelayLogger = {
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
};

let relay: Relay;
let persistence: MemoryPersistence;
let initialState: Uint8Array;
let nonce = 0;

function start(options: Partial<RelayOptions> = {}, extension?: RelayExtension): void {
  const doc = new Y.Doc();
  doc.getText(ROOT).insert(0, 'Objectives');
  initialState = Y.encodeStateAsUpdate(doc);
  persistence = new MemoryPersistence();
  persistence.createPlan(PLAN, initialState);
  relay = new Relay({
    persistence,
    logger: quietLogger,
    options: { idleEvictMs: 10, ...options },
    ...(extension ? { extensions: [extension] } : {}),
  });
}

const textOf = (doc: Y.Doc): Y.Text => doc.getText(ROOT);
const storedCount = (): number => persistence.logs.get(PLAN)?.updates.length ?? 0;

/** Resolves once the server confirms that everything the client sent is stored. */
async function saved(client: TestClient): Promise<void> {
  nonce += 1;
  const mine = nonce;
  client.requestSave(mine);
  await until(() => client.savedNonces.includes(mine));
}

/** A client of `participantId`, synced with the server. */
async function participant(
  participantId: string,
  actor: ConstructorParameters<typeof TestClient>[3] = { role: 'member', groupId: 'g1' },
): Promise<TestClient> {
  const client = new TestClient(relay, PLAN, participantId, actor);
  await until(() => textOf(client.doc).toString().includes('Objectives'));
  return client;
}

async function typed(client: TestClient, text: string): Promise<void> {
  textOf(client.doc).insert(textOf(client.doc).length, text);
  await saved(client);
}

/** Sends a crafted update and waits until the server closed the sender. */
async function refused(client: TestClient, update: Uint8Array): Promise<string> {
  client.sendRaw(updateFrame(update));
  await until(() => client.closed !== null);
  expect(client.closed?.code).toBe(CloseCode.FORBIDDEN);
  return client.closed?.reason ?? '';
}

afterEach(async () => {
  await relay.close();
});

describe('client ownership', () => {
  it("refuses structs and GC structs at another participant's next clock, and their own change still applies", async () => {
    start();
    const amina = await participant('p-amina');
    await typed(amina, ' of Amina');
    const aminaId = amina.doc.clientID;
    const state = Y.encodeStateAsUpdate(amina.doc);
    // Amina's wifi drops; she types on.
    amina.disconnect();
    const offline = updateAs(aminaId, state, (doc) => textOf(doc).insert(0, 'Offline. '));
    const stored = storedCount();

    const nextClock = Y.getState(amina.doc.store, aminaId);
    const gcReason = await refused(
      await participant('p-bora'),
      gcStructsUpdate([aminaId], nextClock),
    );
    expect(gcReason).toMatch(/belongs to another participant/);
    const itemReason = await refused(
      await participant('p-bora'),
      updateAs(aminaId, state, (doc) => textOf(doc).insert(0, 'Forged. ')),
    );
    expect(itemReason).toMatch(/belongs to another participant/);
    expect(storedCount()).toBe(stored);

    const back = await participant('p-amina');
    back.sendRaw(updateFrame(offline));
    await saved(back);
    expect(back.closed).toBeNull();
    const watcher = await participant('p-carol');
    expect(textOf(watcher.doc).toString()).toBe('Offline. Objectives of Amina');
  });

  it("lets anyone resend what the server has under others' ids, and delete others' text", async () => {
    start();
    const amina = await participant('p-amina');
    await typed(amina, '!');
    const bora = await participant('p-bora');
    bora.sendRaw(updateFrame(Y.encodeStateAsUpdate(amina.doc)));
    textOf(bora.doc).delete(textOf(bora.doc).length - 1, 1);
    await saved(bora);
    expect(bora.closed).toBeNull();
    await until(() => textOf(amina.doc).toString() === 'Objectives');
  });

  it('keeps who owns a client id when the room is evicted and loaded again', async () => {
    start();
    const amina = await participant('p-amina');
    await typed(amina, '!');
    const state = Y.encodeStateAsUpdate(amina.doc);
    amina.disconnect();
    await until(() => relay.openRoomCount === 0);

    const bora = await participant('p-bora');
    const reason = await refused(
      bora,
      updateAs(amina.doc.clientID, state, (doc) => textOf(doc).insert(0, 'x')),
    );
    expect(reason).toMatch(/belongs to another participant/);
  });

  it("never lets a socket write under the server's own client ids or the plan's first text", async () => {
    start();
    await relay.transact(PLAN, (doc) => textOf(doc).insert(0, 'Restored. '), 'p-focal');
    const serverId = persistence.logs.get(PLAN)?.updates.at(-1)?.origin.clientIds[0] ?? -1;
    const templateId = Y.decodeUpdate(initialState).structs[0]?.id.client ?? -1;
    // Even the participant the server wrote for cannot take the server's id over.
    const focal = await participant('p-focal');
    const state = Y.encodeStateAsUpdate(focal.doc);
    const serverReason = await refused(
      focal,
      gcStructsUpdate([serverId], Y.getState(focal.doc.store, serverId)),
    );
    expect(serverReason).toMatch(/belongs to the server/);
    const templateReason = await refused(
      await participant('p-bora'),
      updateAs(templateId, state, (doc) => textOf(doc).insert(0, 'x')),
    );
    expect(templateReason).toMatch(/belongs to the server/);
  });

  it("refuses an observer's update whatever it touches, but not an observer's sync", async () => {
    start({}, planWritePolicy);
    const observer = await participant('p-projector', { role: 'observer', groupId: null });
    await saved(observer);
    expect(observer.closed).toBeNull();
    const reason = await refused(observer, gcStructsUpdate([observer.doc.clientID], 0));
    expect(reason).toMatch(/read-only/);
    expect(storedCount()).toBe(0);
  });

  it('caps the client ids one update and one participant may claim', async () => {
    start({ maxClientsPerOwner: 20 });
    const fresh = (from: number, count: number) =>
      Array.from({ length: count }, (_, i) => 1_000_000 + from + i);
    const perUpdate = await refused(await participant('p-amina'), gcStructsUpdate(fresh(0, 17), 0));
    expect(perUpdate).toMatch(/claims 17 new client ids; at most 16/);
    // Far too many is refused from the update's first bytes, before decoding it.
    const crowded = await refused(await participant('p-amina'), gcStructsUpdate(fresh(0, 200), 0));
    expect(crowded).toMatch(/lists 200 clients; at most 16 may be new/);

    const amina = await participant('p-amina');
    amina.sendRaw(updateFrame(gcStructsUpdate(fresh(0, 16), 0)));
    await saved(amina);
    expect(amina.closed).toBeNull();
    const total = await refused(amina, gcStructsUpdate(fresh(16, 5), 0));
    expect(total).toMatch(/already holds 20 client ids/);
    expect(storedCount()).toBe(1);
  });

  it("stores a run of GC structs under a participant's own id as one", async () => {
    start();
    const amina = await participant('p-amina');
    const run = gcStructsUpdate([amina.doc.clientID], 0, { count: 20_000 });
    expect(run.byteLength).toBeGreaterThan(40_000);
    amina.sendRaw(updateFrame(run));
    await saved(amina);
    expect(amina.closed).toBeNull();
    expect(persistence.logs.get(PLAN)?.updates[0]?.update.byteLength).toBeLessThan(20);
  });

  it("refuses a GC struct that takes a participant's own clock past 2^31 - 1, and stores nothing", async () => {
    start();
    const amina = await participant('p-amina');
    await typed(amina, ' and goals');
    const stored = storedCount();
    const next = Y.getState(amina.doc.store, amina.doc.clientID);
    const reason = await refused(
      amina,
      gcStructsUpdate([amina.doc.clientID], next, { length: MAX_CLOCK - next + 1 }),
    );
    expect(reason).toMatch(/clock 2147483648; at most 2147483647/);
    expect(storedCount()).toBe(stored);

    // Up to the limit it is their own business, and costs a few bytes.
    const bora = await participant('p-bora');
    bora.sendRaw(updateFrame(gcStructsUpdate([bora.doc.clientID], 0, { length: MAX_CLOCK })));
    await saved(bora);
    expect(bora.closed).toBeNull();
    expect(persistence.logs.get(PLAN)?.updates.at(-1)?.update.byteLength).toBeLessThan(20);
  });

  it("keeps a participant's client id out of anyone else's presence, even while they are away", async () => {
    start();
    const amina = await participant('p-amina');
    await typed(amina, '!');
    const aminaId = amina.doc.clientID;
    amina.disconnect();
    const watcher = await participant('p-carol');

    const bora = await participant('p-bora');
    bora.sendRaw(awarenessFrame(presenceUpdateAs(aminaId, { user: { name: 'Amina' } })));
    bora.setPresence({ user: { name: 'Bora' } });
    await until(() => watcher.awareness.getStates().has(bora.doc.clientID));
    expect(watcher.awareness.getStates().has(aminaId)).toBe(false);

    const back = await participant('p-amina');
    back.sendRaw(awarenessFrame(presenceUpdateAs(aminaId, { user: { name: 'Amina' } })));
    await until(() => watcher.awareness.getStates().has(aminaId));
  });

  it('keeps the id a socket showed presence under for its participant, before they write', async () => {
    start();
    const amina = await participant('p-amina');
    amina.setPresence({ user: { name: 'Amina' } });
    await saved(amina);
    amina.disconnect();
    // Stored, not just remembered: it holds when the plan is loaded again.
    await until(() => relay.openRoomCount === 0);

    const reason = await refused(
      await participant('p-bora'),
      gcStructsUpdate([amina.doc.clientID], 0),
    );
    expect(reason).toMatch(/belongs to another participant/);
  });

  it('shows a new presence id only once storage says it is the socket’s; one claimed first elsewhere stays its owner’s', async () => {
    start();
    const watcher = await participant('p-carol');
    const bora = await participant('p-bora');
    const takenId = (bora.doc.clientID ^ 1) >>> 0;
    // A socket on another process claimed this id a moment ago; this one has not heard yet.
    persistence.logs.get(PLAN)?.owners.set(takenId, 'p-amina');
    bora.sendRaw(awarenessFrame(presenceUpdateAs(takenId, { user: { name: 'Bora' } }, 1_000)));
    // Bora's own presence, sent until it shows: by then the claim above was settled.
    let renewals = 0;
    await until(() => {
      renewals += 1;
      bora.setPresence({ user: { name: 'Bora' }, renewals });
      return watcher.awareness.getStates().has(bora.doc.clientID);
    });
    expect(watcher.awareness.getStates().has(takenId)).toBe(false);
    // The room took storage's word for the owner: Bora may not write under the id either.
    const reason = await refused(bora, gcStructsUpdate([takenId], 0));
    expect(reason).toMatch(/belongs to another participant/);
  });
});
