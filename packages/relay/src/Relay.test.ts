import { CloseCode, MESSAGE_SYNC, SYNC_UPDATE } from '@plenary/model';
import * as encoding from 'lib0/encoding';
import { describe, expect, it, vi } from 'vitest';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as Y from 'yjs';
import type { ClientUpdateEvent } from './RelayEvents.ts';
import {
  holdAppends,
  PLAN,
  storedText,
  synced,
  syncedPair,
  updateFrameOf,
  useRelay,
} from './test-support/relayFixture.ts';
import { TestClient, until } from './test-support/TestClient.ts';

const start = useRelay();

describe('Relay', () => {
  it('syncs two clients and stores each update before the peer receives it', async () => {
    const { relay, persistence } = start();
    const [alice, bora] = await syncedPair(relay);

    const release = holdAppends(persistence);
    alice.doc.getText('section:a').insert(10, ' for 2025');
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(bora.doc.getText('section:a').toString()).toBe('Objectives');
    expect(storedText(persistence)).toBe('Objectives');

    release();
    await until(() => bora.doc.getText('section:a').toString() === 'Objectives for 2025');
    expect(storedText(persistence)).toBe('Objectives for 2025');
  });

  it('stores the next updates while one is being stored, and sends them in order once stored', async () => {
    const { relay, persistence } = start();
    const [alice, bora] = await syncedPair(relay);
    const release = holdAppends(persistence);
    const appends = vi.spyOn(persistence, 'appendUpdate');
    const text = alice.doc.getText('section:a');
    for (const character of '123') text.insert(text.length, character);
    // All three are handed to storage without waiting for the first (a group commit
    // can take them together)...
    await until(() => appends.mock.calls.length === 3);
    // ...but no peer, not even one joining now, sees any of them before they are stored.
    const carol = new TestClient(relay, PLAN);
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(bora.doc.getText('section:a').toString()).toBe('Objectives');
    expect(carol.doc.getText('section:a').toString()).toBe('');
    release();
    await until(() => bora.doc.getText('section:a').toString() === 'Objectives123');
    await until(() => carol.doc.getText('section:a').toString() === 'Objectives123');
    expect(persistence.logs.get(PLAN)?.updates.map((u) => u.seq)).toEqual([1, 2, 3]);
    expect(storedText(persistence)).toBe('Objectives123');
  });

  it('acknowledges a save request only after the updates before it are stored', async () => {
    const { relay, persistence } = start();
    const alice = new TestClient(relay, PLAN);
    await synced(alice);
    const release = holdAppends(persistence);
    alice.doc.getText('section:a').insert(0, 'Draft: ');
    alice.requestSave(7);
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(alice.savedNonces).toEqual([]);
    release();
    await until(() => alice.savedNonces.includes(7));
    expect(storedText(persistence)).toBe('Draft: Objectives');
  });

  it('records the client ids and participant behind each update', async () => {
    const { relay, persistence } = start();
    const alice = new TestClient(relay, PLAN, 'participant-alice');
    await synced(alice);
    alice.doc.getText('section:a').insert(0, 'A');
    await until(() => (persistence.logs.get(PLAN)?.updates.length ?? 0) === 1);
    const [entry] = persistence.logs.get(PLAN)?.updates ?? [];
    expect(entry?.origin).toMatchObject({
      clientIds: [alice.doc.clientID],
      participantId: 'participant-alice',
      owner: 'participant-alice',
    });
    // Named by its socket, so that storage can refuse what follows a refused update.
    expect(entry?.origin.sender).toBeDefined();
  });

  it('stores nothing when a reconnecting client resends what the server has', async () => {
    const { relay, persistence } = start();
    const alice = new TestClient(relay, PLAN);
    await synced(alice);
    alice.doc.getText('section:a').insert(0, 'A');
    await until(() => (persistence.logs.get(PLAN)?.updates.length ?? 0) === 1);
    alice.sendRaw(updateFrameOf(Y.encodeStateAsUpdate(alice.doc)));
    alice.requestSave(1);
    await until(() => alice.savedNonces.includes(1));
    expect(persistence.logs.get(PLAN)?.updates.length).toBe(1);
  });

  describe('refuses bad frames, closing only the sender', () => {
    const cases: [string, (client: TestClient) => Uint8Array, number][] = [
      [
        'a truncated frame',
        () => new Uint8Array([MESSAGE_SYNC, SYNC_UPDATE, 50, 1, 2]),
        CloseCode.MALFORMED_FRAME,
      ],
      ['an empty frame', () => new Uint8Array([]), CloseCode.MALFORMED_FRAME],
      [
        'trailing bytes',
        (c) => concat(updateFrameOf(editBy(c, 'x')), new Uint8Array([9])),
        CloseCode.MALFORMED_FRAME,
      ],
      ['an unknown message type', () => new Uint8Array([42]), CloseCode.UNKNOWN_MESSAGE_TYPE],
      [
        'an unknown sync sub-type',
        () => new Uint8Array([MESSAGE_SYNC, 7, 0]),
        CloseCode.UNKNOWN_MESSAGE_TYPE,
      ],
      [
        'a malformed awareness update',
        () => new Uint8Array([1, 3, 1, 5, 1, 2]),
        CloseCode.MALFORMED_FRAME,
      ],
      [
        'an update that does not decode',
        () => updateFrameOf(new Uint8Array([1, 1, 200, 3, 0, 255])),
        CloseCode.UPDATE_DOES_NOT_APPLY,
      ],
      [
        'an update with a clock gap',
        (c) => updateFrameOf(gapUpdate(c)),
        CloseCode.UPDATE_DOES_NOT_APPLY,
      ],
      [
        'a frame over the size limit',
        () => updateFrameOf(new Uint8Array(4096)),
        CloseCode.FRAME_TOO_LARGE,
      ],
    ];
    for (const [name, makeFrame, code] of cases) {
      it(name, async () => {
        const { relay, persistence, logger } = start({ maxFrameBytes: 2048 });
        const [bad, honest] = await syncedPair(relay);
        const before = storedText(persistence);
        bad.sendRaw(makeFrame(bad));
        await until(() => bad.closed !== null);
        expect(bad.closed?.code).toBe(code);
        expect(bad.closed?.reason.length).toBeGreaterThan(0);
        expect(storedText(persistence)).toBe(before);
        expect(logger.warnings.some((w) => 'code' in w && w.code === code)).toBe(true);

        honest.doc.getText('section:a').insert(0, 'Still here. ');
        honest.requestSave(1);
        await until(() => honest.savedNonces.includes(1));
        expect(honest.closed).toBeNull();
        expect(storedText(persistence)).toBe(`Still here. ${before}`);
      });
    }
  });

  it('closes a socket for an unknown plan with 4404', async () => {
    const { relay } = start();
    const stranger = new TestClient(relay, 'nosuchplan0001');
    await until(() => stranger.closed !== null);
    expect(stranger.closed?.code).toBe(CloseCode.UNKNOWN_PLAN);
  });

  it('stops serving a plan whose storage fails, pauses, and reloads it once storage is back', async () => {
    const { relay, persistence } = start({ storageRetryMs: 50 });
    const alice = new TestClient(relay, PLAN);
    await synced(alice);
    persistence.failAppends = new Error('disk full');
    alice.doc.getText('section:a').insert(0, 'Lost? ');
    alice.requestSave(1);
    await until(() => alice.closed !== null);
    expect(alice.closed?.code).toBe(CloseCode.STORAGE_UNAVAILABLE);
    expect(alice.savedNonces).toEqual([]);
    expect(storedText(persistence)).toBe('Objectives');

    // Within the pause, a reconnecting client is turned away without a reload.
    const tooSoon = new TestClient(relay, PLAN);
    await until(() => tooSoon.closed !== null);
    expect(tooSoon.closed?.code).toBe(CloseCode.STORAGE_UNAVAILABLE);

    persistence.failAppends = null;
    await new Promise((resolve) => setTimeout(resolve, 60));
    const again = new TestClient(relay, PLAN);
    Y.applyUpdate(again.doc, Y.encodeStateAsUpdate(alice.doc));
    await until(() => storedText(persistence) === 'Lost? Objectives');
  });

  it('compacts the log into a snapshot once it grows past the threshold', async () => {
    const { relay, persistence } = start({ compactAfterUpdates: 5 });
    const alice = new TestClient(relay, PLAN);
    await synced(alice);
    for (let i = 0; i < 12; i++) alice.doc.getText('section:a').insert(0, String(i % 10));
    alice.requestSave(1);
    await until(() => alice.savedNonces.includes(1));
    // Compaction waits for the updates queued ahead of it to be stored, so a burst may be
    // folded at once; once things are quiet the log is below the threshold again.
    await until(() => persistence.compactions > 0);
    await until(() => (persistence.logs.get(PLAN)?.updates.length ?? 99) < 5);
    expect(storedText(persistence)).toBe(alice.doc.getText('section:a').toString());
  });

  it('leaves the log as it is while the plan holds changes that wait for others it lacks', async () => {
    const { relay, persistence, logger } = start({ compactAfterUpdates: 3 });
    // Two updates of one writer, the second after the first's text; the first is lost
    // from storage (as a faulty compaction once lost such rows), the second kept.
    const log = persistence.logs.get(PLAN);
    if (!log?.snapshot) throw new Error('the plan is not stored');
    const writer = new Y.Doc();
    writer.clientID = 7;
    Y.applyUpdate(writer, log.snapshot);
    const rows: Uint8Array[] = [];
    writer.on('update', (update: Uint8Array) => rows.push(update));
    writer.getText('section:a').insert(0, 'First. ');
    writer.getText('section:a').insert(7, 'Second. ');
    const origin = { clientIds: [7], participantId: null, owner: 'writer' };
    for (const row of rows) await persistence.appendUpdate(PLAN, row, origin);
    log.updates = log.updates.filter(({ seq }) => seq !== 1);

    // The room holds the second pending; typing goes on past the compaction threshold.
    const alice = new TestClient(relay, PLAN);
    await synced(alice);
    for (let i = 0; i < 6; i++) alice.doc.getText('section:a').insert(0, String(i));
    alice.requestSave(1);
    await until(() => alice.savedNonces.includes(1));
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(persistence.compactions).toBe(0);
    // The second update starts after the first's last character, 7:6.
    expect(logger.warnings).toContainEqual({ planId: PLAN, missing: { 7: 6 } });
    // The second update's row is still stored: with the first one found, nothing is lost.
    expect(log.updates.map(({ seq }) => seq)).toContain(2);
    log.updates.unshift({ seq: 1, update: rows[0] as Uint8Array, origin });
    expect(storedText(persistence)).toBe('First. Second. 543210Objectives');
  });

  it('stores and sends on updates while a snapshot is being stored', async () => {
    const { relay, persistence } = start({ compactAfterUpdates: 5 });
    let release: () => void = () => undefined;
    persistence.stallCompactions = new Promise((resolve) => {
      release = resolve;
    });
    const [alice, bora] = await syncedPair(relay);
    for (let i = 0; i < 6; i++) alice.doc.getText('section:a').insert(0, String(i));
    alice.requestSave(1);
    await until(() => alice.savedNonces.includes(1));
    // The snapshot is written; storing it waits. A keystroke does not wait for it.
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(persistence.compactions).toBe(0);
    const logged = persistence.logs.get(PLAN)?.updates.length ?? 0;
    bora.doc.getText('section:a').insert(0, 'B');
    await until(() => alice.doc.getText('section:a').toString().startsWith('B'));
    bora.requestSave(2);
    await until(() => bora.savedNonces.includes(2));
    expect(persistence.logs.get(PLAN)?.updates.length).toBe(logged + 1);
    // Stored after the snapshot's seq, it stays in the log once the snapshot is in.
    release();
    await until(() => persistence.compactions === 1);
    expect(persistence.logs.get(PLAN)?.updates.length).toBe(1);
    expect(storedText(persistence)).toBe(alice.doc.getText('section:a').toString());
    expect(storedText(persistence)).toBe('B543210Objectives');
  });

  it('writes a plan back and evicts it after the last client leaves', async () => {
    const { relay, persistence } = start();
    const alice = new TestClient(relay, PLAN);
    await synced(alice);
    alice.doc.getText('section:a').insert(0, 'Kept. ');
    alice.requestSave(1);
    await until(() => alice.savedNonces.includes(1));
    expect(relay.openRoomCount).toBe(1);
    alice.disconnect();
    await until(() => relay.openRoomCount === 0);
    expect(persistence.logs.get(PLAN)?.updates).toEqual([]);
    expect(storedText(persistence)).toBe('Kept. Objectives');
  });

  it('relays presence and removes it when its connection leaves', async () => {
    const { relay } = start();
    const alice = new TestClient(relay, PLAN);
    const bora = new TestClient(relay, PLAN);
    await synced(bora);
    alice.setPresence({ user: { name: 'Alice' } });
    await until(() => bora.awareness.getStates().has(alice.doc.clientID));
    alice.disconnect();
    await until(() => !bora.awareness.getStates().has(alice.doc.clientID));
  });

  it("keeps each socket to its own presence: echoes of others' are dropped, not obeyed", async () => {
    const { relay } = start();
    const alice = new TestClient(relay, PLAN);
    const bora = new TestClient(relay, PLAN);
    await synced(bora);
    alice.setPresence({ user: { name: 'Alice' } });
    bora.setPresence({ user: { name: 'Bora' } });
    await until(() => bora.awareness.getStates().has(alice.doc.clientID));
    // Bora's client tries to rename Alice and then to remove her, as an echo would.
    bora.awareness.setLocalState({ user: { name: 'Bora' } });
    const forged = awarenessProtocol.encodeAwarenessUpdate(
      bora.awareness,
      [alice.doc.clientID],
      new Map([[alice.doc.clientID, { user: { name: 'Not Alice' } }]]),
    );
    bora.sendRaw(awarenessFrameOf(forged));
    awarenessProtocol.removeAwarenessStates(bora.awareness, [alice.doc.clientID], 'test');
    bora.sendRaw(
      awarenessFrameOf(
        awarenessProtocol.encodeAwarenessUpdate(bora.awareness, [alice.doc.clientID]),
      ),
    );
    const carol = new TestClient(relay, PLAN);
    await until(() => carol.awareness.getStates().has(alice.doc.clientID));
    expect(carol.awareness.getStates().get(alice.doc.clientID)).toEqual({
      user: { name: 'Alice' },
    });
    expect(bora.closed).toBeNull();
  });

  it("overwrites a socket's name, role and group with what the server vouches for", async () => {
    const { relay } = start();
    const member = { role: 'member' as const, groupId: 'g2' };
    const poser = new TestClient(relay, PLAN, 'p-7', member, {
      participantId: 'p-7',
      name: 'Dara',
      role: 'member',
      groupId: 'g2',
    });
    const watcher = new TestClient(relay, PLAN);
    await synced(watcher);
    poser.setPresence({
      user: { name: 'The Minister', role: 'facilitator', color: '#123456' },
      cursor: null,
    });
    await until(() => watcher.awareness.getStates().has(poser.doc.clientID));
    expect(watcher.awareness.getStates().get(poser.doc.clientID)).toEqual({
      user: { name: 'Dara', role: 'member', groupId: 'g2', participantId: 'p-7', color: '#123456' },
      cursor: null,
    });
  });

  it('applies server-side changes as transactions every client receives', async () => {
    const { relay, persistence } = start();
    const alice = new TestClient(relay, PLAN);
    await synced(alice);
    await relay.transact(PLAN, (doc) => doc.getText('section:a').insert(0, 'Server: '));
    await until(() => alice.doc.getText('section:a').toString() === 'Server: Objectives');
    expect(storedText(persistence)).toBe('Server: Objectives');
  });

  it('tells the server which roots a stored client update changed, and lets it reply', async () => {
    const events: ClientUpdateEvent[] = [];
    const { relay, persistence } = start({}, [
      {
        name: 'reply',
        onClientUpdate: ({ plans, ...event }) => {
          events.push(event);
          // The server's reply runs after the update, in the room's queue.
          void plans.transact(PLAN, (doc) => doc.getText('section:a').insert(0, '>'));
        },
      },
    ]);
    const alice = new TestClient(relay, PLAN, 'participant-alice');
    await synced(alice);
    alice.doc.getText('section:a').insert(10, '!');
    await until(() => alice.doc.getText('section:a').toString() === '>Objectives!');
    expect(events).toEqual([
      {
        planId: PLAN,
        touchedRoots: new Set(['section:a']),
        update: expect.any(Uint8Array),
        clocks: expect.any(Function),
        participantId: 'participant-alice',
      },
    ]);
    expect(events[0]?.clocks()).toEqual(new Map([[alice.doc.clientID, [[0, 1]]]]));
    expect(storedText(persistence)).toBe('>Objectives!');
  });

  it("writes each participant's server-side changes under a client id of their own", async () => {
    const { relay, persistence } = start();
    const alice = new TestClient(relay, PLAN);
    await synced(alice);
    const write = (participantId: string | null, text: string) =>
      relay.transact(PLAN, (doc) => doc.getText('section:a').insert(0, text), participantId);
    await write('p-focal', 'A');
    await write('p-facilitator', 'B');
    await write('p-focal', 'C');
    await write(null, 'D');
    const origins =
      persistence.logs
        .get(PLAN)
        ?.updates.slice(-4)
        .map((u) => u.origin) ?? [];
    expect(origins.map((o) => o.participantId)).toEqual([
      'p-focal',
      'p-facilitator',
      'p-focal',
      null,
    ]);
    const [focal, facilitator, focalAgain, server] = origins.map((o) => o.clientIds);
    expect(focalAgain).toEqual(focal);
    expect(new Set([focal?.[0], facilitator?.[0], server?.[0]]).size).toBe(3);
    // The clients who typed keep their own ids: none of the server's is theirs.
    expect([focal, facilitator, server].flat()).not.toContain(alice.doc.clientID);
    await until(() => alice.doc.getText('section:a').toString() === 'DCBAObjectives');
  });
});

function editBy(client: TestClient, text: string): Uint8Array {
  const doc = new Y.Doc();
  doc.clientID = client.doc.clientID + 1;
  Y.applyUpdate(doc, Y.encodeStateAsUpdate(client.doc));
  const before = Y.encodeStateVector(doc);
  doc.getText('section:a').insert(0, text);
  return Y.encodeStateAsUpdate(doc, before);
}

/** An update whose first struct starts after clocks the server has never seen. */
function gapUpdate(client: TestClient): Uint8Array {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, Y.encodeStateAsUpdate(client.doc));
  doc.getText('section:a').insert(0, 'one');
  const middle = Y.encodeStateVector(doc);
  doc.getText('section:a').insert(0, 'two');
  return Y.encodeStateAsUpdate(doc, middle);
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
}

function awarenessFrameOf(update: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, 1);
  encoding.writeVarUint8Array(encoder, update);
  return encoding.toUint8Array(encoder);
}
