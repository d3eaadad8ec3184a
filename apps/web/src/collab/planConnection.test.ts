import {
  MESSAGE_AWARENESS,
  MESSAGE_QUERY_AWARENESS,
  MESSAGE_SAVED,
  MESSAGE_SYNC,
} from '@plenary/model';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Awareness, encodeAwarenessUpdate } from 'y-protocols/awareness';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';
import { FAKE_SOCKET_OPTIONS, FakeWebSocket } from '../test-support/FakeWebSocket.ts';
import { connectPlan, type PlanConnection, syncServerUrl } from './planConnection.ts';

/** "sync:0", "sync:1", "saved:3", "awareness"...: what each frame the client sent is. */
const describeFrame = (frame: Uint8Array): string => {
  const decoder = decoding.createDecoder(frame);
  const type = decoding.readVarUint(decoder);
  if (type === MESSAGE_SYNC) return `sync:${decoding.readVarUint(decoder)}`;
  if (type === MESSAGE_SAVED) return `saved:${decoding.readVarUint(decoder)}`;
  return 'awareness';
};

let connection: PlanConnection | null = null;

afterEach(() => {
  connection?.close();
  connection = null;
});

function open(): { connection: PlanConnection; socket: FakeWebSocket } {
  connection = connectPlan(
    'plan1234',
    'session-token',
    'ws://venue.local/sync',
    FAKE_SOCKET_OPTIONS,
  );
  return { connection, socket: FakeWebSocket.latest() };
}

describe('connectPlan', () => {
  it('syncs through the room URL of the plan, with the session token', () => {
    const { socket } = open();
    expect(socket.url).toBe('ws://venue.local/sync/plan1234?token=session-token');
    expect(syncServerUrl({ protocol: 'https:', host: 'plenary.example' })).toBe(
      'wss://plenary.example/sync',
    );
    expect(syncServerUrl({ protocol: 'http:', host: '192.168.1.20:8080' })).toBe(
      'ws://192.168.1.20:8080/sync',
    );
  });

  it('asks to save only after its sync step 2 carried the offline edits, and is saved on the echo', async () => {
    const { connection, socket } = open();
    connection.doc.getText('t').insert(0, 'typed before the socket opened');
    expect(connection.saves.getStatus()).toMatchObject({ state: 'offline', unsaved: true });

    socket.open();
    const server = new Y.Doc();
    // The server asks for what it is missing; the client answers with step 2.
    socket.deliver((encoder) => {
      encoding.writeVarUint(encoder, MESSAGE_SYNC);
      syncProtocol.writeSyncStep1(encoder, server);
    });
    await Promise.resolve();
    const frames = socket.sent.map(describeFrame);
    expect(frames.indexOf('sync:1')).toBeGreaterThan(-1);
    expect(frames.indexOf('saved:1')).toBeGreaterThan(frames.indexOf('sync:1'));

    // The step 2 that went out holds the offline text.
    const step2 = socket.sent[frames.indexOf('sync:1')];
    if (!step2) throw new Error('no step 2');
    const decoder = decoding.createDecoder(step2);
    decoding.readVarUint(decoder);
    syncProtocol.readSyncMessage(decoder, encoding.createEncoder(), server, 'client');
    expect(server.getText('t').toString()).toBe('typed before the socket opened');

    // The server's own step 2 completes the handshake.
    socket.deliver((encoder) => {
      encoding.writeVarUint(encoder, MESSAGE_SYNC);
      syncProtocol.writeSyncStep2(encoder, server);
    });
    expect(connection.provider.synced).toBe(true);
    expect(connection.saves.getStatus().state).toBe('saving');

    const lastNonce = Number(socket.sent.map(describeFrame).at(-1)?.split(':')[1]);
    socket.deliver((encoder) => {
      encoding.writeVarUint(encoder, MESSAGE_SAVED);
      encoding.writeVarUint(encoder, lastNonce);
    });
    expect(connection.saves.getStatus()).toEqual({
      state: 'saved',
      unsaved: false,
      unconfirmed: 0,
      notice: null,
    });
  });

  it('keeps a change made as the socket opens for the step 2 that answers the server', () => {
    const { connection, socket } = open();
    const text = connection.doc.getText('t');
    text.insert(0, 'offline. ');
    socket.open();
    // Typed before the server's step 1 arrived: sent now, it would start after a gap.
    text.insert(text.length, 'as the wifi returned. ');
    expect(socket.sent.map(describeFrame)).not.toContain('sync:2');

    const server = new Y.Doc();
    socket.deliver((encoder) => {
      encoding.writeVarUint(encoder, MESSAGE_SYNC);
      syncProtocol.writeSyncStep1(encoder, server);
    });
    const step2 = socket.sent.find((frame) => describeFrame(frame) === 'sync:1');
    if (!step2) throw new Error('no step 2');
    const decoder = decoding.createDecoder(step2);
    decoding.readVarUint(decoder);
    syncProtocol.readSyncMessage(decoder, encoding.createEncoder(), server, 'client');
    expect(server.getText('t').toString()).toBe('offline. as the wifi returned. ');

    // Once answered, each change goes out as it is made.
    text.insert(text.length, 'online.');
    expect(socket.sent.map(describeFrame)).toContain('sync:2');
  });

  it('speaks only for its own presence, never echoing other people’s', () => {
    const { connection, socket } = open();
    socket.open();
    const before = socket.sent.length;
    const remote = new Awareness(new Y.Doc());
    remote.setLocalStateField('user', { name: 'Dara', color: '#1e7b34' });
    socket.deliver((encoder) => {
      encoding.writeVarUint(encoder, MESSAGE_AWARENESS);
      encoding.writeVarUint8Array(encoder, encodeAwarenessUpdate(remote, [remote.clientID]));
    });
    expect(connection.provider.awareness.getStates().has(remote.clientID)).toBe(true);
    expect(socket.sent.length).toBe(before);

    connection.provider.awareness.setLocalStateField('user', { name: 'Sokha', color: '#0b6bcb' });
    socket.deliver((encoder) => encoding.writeVarUint(encoder, MESSAGE_QUERY_AWARENESS));
    const clientsIn = (frame: Uint8Array): number[] => {
      const decoder = decoding.createDecoder(frame);
      expect(decoding.readVarUint(decoder)).toBe(MESSAGE_AWARENESS);
      const update = decoding.createDecoder(decoding.readVarUint8Array(decoder));
      const count = decoding.readVarUint(update);
      const first = decoding.readVarUint(update);
      return count === 1 ? [first] : [first, -count];
    };
    const own = connection.provider.awareness.clientID;
    expect(socket.sent.slice(before).map(clientsIn)).toEqual([[own], [own]]);
    remote.destroy();
  });

  it('tells the others it left when closed', () => {
    const { connection } = open();
    connection.provider.awareness.setLocalStateField('user', { name: 'Sokha', color: '#0b6bcb' });
    const awareness = connection.provider.awareness;
    connection.close();
    expect(awareness.getLocalState()).toBeNull();
  });
});

describe('connectPlan keeping the doc on the device', () => {
  const copyName = 'plenary:plan1234:participant1';

  /**
   * An IndexedDB that lists `held` and never finishes opening a database, so that the
   * copy stays loading: whatever connects meanwhile did not wait for it.
   */
  function browserHolding(held: string[]): void {
    vi.stubGlobal('indexedDB', {
      databases: async () => held.map((name) => ({ name, version: 1 })),
      open: () => ({}),
    });
  }

  afterEach(() => {
    vi.unstubAllGlobals();
  });

  function openKept(): PlanConnection {
    FakeWebSocket.reset();
    connection = connectPlan(
      'plan1234',
      'session-token',
      'ws://venue.local/sync',
      FAKE_SOCKET_OPTIONS,
      { name: copyName },
    );
    return connection;
  }

  it('connects while the copy is still being made when the device held none', async () => {
    browserHolding(['plenary:another-plan:participant1']);
    const kept = openKept();
    await vi.waitFor(() => expect(FakeWebSocket.opened).toHaveLength(1));
    expect(kept.local?.getState()).toBe('loading');
  });

  it('waits for the copy it holds to load, so the server sends only what the copy lacks', async () => {
    browserHolding([copyName]);
    const kept = openKept();
    expect(await kept.local?.heldBefore).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(FakeWebSocket.opened).toHaveLength(0);
  });

  it('waits as well where the browser cannot list its databases', async () => {
    vi.stubGlobal('indexedDB', { open: () => ({}) });
    const kept = openKept();
    expect(await kept.local?.heldBefore).toBe(true);
    expect(FakeWebSocket.opened).toHaveLength(0);
  });
});
