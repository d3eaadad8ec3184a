import { sectionPlainText } from '@plenary/editor';
import {
  MESSAGE_AWARENESS,
  MESSAGE_QUERY_AWARENESS,
  MESSAGE_SAVED,
  MESSAGE_SYNC,
  sectionFragmentName,
} from '@plenary/model';
import * as decoding from 'lib0/decoding';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import * as Y from 'yjs';
import {
  createPlan,
  type PlenaryServer,
  startPlenaryServer,
} from '../test-support/plenaryServer.ts';
import { connectPlan, type PlanConnection } from './planConnection.ts';

// What the provider does on the wire, against a real Plenary server over real sockets.
// These pin the behaviour that PlanProvider adds to the y-websocket protocol, so that a
// change to the provider (or to the libraries under it) that loses one of them fails here.

/** "sync:0" (step 1), "sync:1" (step 2), "sync:2" (update), "saved", "presence:<ids>"… */
function describeFrame(frame: Uint8Array): string {
  const decoder = decoding.createDecoder(frame);
  const type = decoding.readVarUint(decoder);
  if (type === MESSAGE_SYNC) return `sync:${decoding.readVarUint(decoder)}`;
  if (type === MESSAGE_SAVED) return 'saved';
  if (type === MESSAGE_QUERY_AWARENESS) return 'query';
  if (type !== MESSAGE_AWARENESS) return `type:${type}`;
  const update = decoding.createDecoder(decoding.readVarUint8Array(decoder));
  const clients: number[] = [];
  for (let count = decoding.readVarUint(update); count > 0; count -= 1) {
    clients.push(decoding.readVarUint(update));
    decoding.readVarUint(update); // clock
    decoding.readVarString(update); // state
  }
  return `presence:${clients.join(',')}`;
}

/** A `ws` socket that records what the client sends on it. */
class TappedSocket extends WebSocket {
  static opened: TappedSocket[] = [];
  readonly frames: string[] = [];

  constructor(url: string) {
    super(url);
    TappedSocket.opened.push(this);
  }

  override send(data: Uint8Array): void {
    this.frames.push(describeFrame(data));
    super.send(data);
  }
}

/** Polls until `check` holds; the test's own timeout bounds the wait. */
async function until(check: () => boolean): Promise<void> {
  while (!check()) await new Promise((resolve) => setTimeout(resolve, 20));
}

let server: PlenaryServer;
const open: PlanConnection[] = [];

beforeAll(async () => {
  server = await startPlenaryServer();
}, 90_000);

afterAll(async () => {
  await server.stop();
});

afterEach(async () => {
  for (const connection of open.splice(0)) connection.close();
  // A test that stopped the server leaves it running for the next.
  await server.start();
  TappedSocket.opened = [];
});

function connect(planId: string, token: string): PlanConnection {
  const connection = connectPlan(planId, token, server.syncUrl, {
    WebSocketPolyfill: TappedSocket as unknown as typeof globalThis.WebSocket,
  });
  open.push(connection);
  return connection;
}

/** The socket a connection uses now. */
function socketOf(connection: PlanConnection): TappedSocket {
  const socket = connection.provider.ws;
  if (!(socket instanceof TappedSocket)) throw new Error('no socket');
  return socket;
}

/** Adds a paragraph to a section, as typing a line does. */
function typeLine(connection: PlanConnection, sectionId: string, text: string): void {
  const paragraph = new Y.XmlElement('paragraph');
  paragraph.insert(0, [new Y.XmlText(text)]);
  connection.doc.getXmlFragment(sectionFragmentName(sectionId)).push([paragraph]);
}

const sectionText = (connection: PlanConnection, sectionId: string): string =>
  sectionPlainText(connection.doc.getXmlFragment(sectionFragmentName(sectionId)));

const saved = (connection: PlanConnection) => () => {
  const status = connection.saves.getStatus();
  return status.state === 'saved' && status.unconfirmed === 0;
};

/** What a newcomer gets from the server for a section. */
async function storedText(planId: string, token: string, sectionId: string): Promise<string> {
  const reader = connect(planId, token);
  await until(() => reader.provider.synced);
  return sectionText(reader, sectionId);
}

describe('PlanProvider on the wire', () => {
  it('is told saved only by the server’s echo, after the change is stored', async () => {
    const plan = await createPlan(server);
    const [sectionId = ''] = plan.sectionIds;
    const writer = connect(plan.id, plan.token);
    await until(() => writer.provider.synced);
    typeLine(writer, sectionId, 'Protect civilians.');
    expect(writer.saves.getStatus().unsaved).toBe(true);
    await until(saved(writer));

    const frames = socketOf(writer).frames;
    expect(frames.lastIndexOf('saved')).toBeGreaterThan(frames.lastIndexOf('sync:2'));
    expect(await storedText(plan.id, plan.token, sectionId)).toContain('Protect civilians.');
  }, 60_000);

  it('holds a change made as the socket opens for its answer to the server’s step 1', async () => {
    const plan = await createPlan(server);
    const [sectionId = ''] = plan.sectionIds;
    const writer = connect(plan.id, plan.token);
    await until(() => writer.provider.synced);
    writer.provider.disconnect();
    typeLine(writer, sectionId, 'Typed offline.');
    // Typed the moment the new socket opens, before the server has asked for anything.
    writer.provider.on('status', ({ status }) => {
      if (status === 'connected') typeLine(writer, sectionId, 'Typed as the wifi returned.');
    });
    writer.provider.connect();
    await until(saved(writer));
    typeLine(writer, sectionId, 'Typed online.');
    await until(saved(writer));

    const frames = socketOf(writer).frames;
    // The step 2 answer went out before any single update; the held line rode in it.
    expect(frames.indexOf('sync:1')).toBeGreaterThan(-1);
    expect(frames.indexOf('sync:2')).toBeGreaterThan(frames.indexOf('sync:1'));
    expect(await storedText(plan.id, plan.token, sectionId)).toContain(
      'Typed offline.\n\nTyped as the wifi returned.\n\nTyped online.',
    );
  }, 60_000);

  it('speaks only for its own presence, never echoing other people’s', async () => {
    const plan = await createPlan(server);
    const sokha = connect(plan.id, plan.token);
    const dara = connect(plan.id, plan.token);
    sokha.provider.awareness.setLocalStateField('user', { name: 'Sokha' });
    dara.provider.awareness.setLocalStateField('user', { name: 'Dara' });
    await until(() => sokha.provider.synced && dara.provider.synced);
    const sees = (viewer: PlanConnection, other: PlanConnection) =>
      viewer.provider.awareness.getStates().has(other.doc.clientID);
    await until(() => sees(sokha, dara) && sees(dara, sokha));
    // More changes of presence on both sides, each heard by the other.
    sokha.provider.awareness.setLocalStateField('cursor', { sectionId: 'a' });
    dara.provider.awareness.setLocalStateField('cursor', { sectionId: 'b' });
    await until(
      () =>
        dara.provider.awareness.getStates().get(sokha.doc.clientID)?.cursor !== undefined &&
        sokha.provider.awareness.getStates().get(dara.doc.clientID)?.cursor !== undefined,
    );

    for (const connection of [sokha, dara]) {
      const presence = socketOf(connection).frames.filter((frame) => frame.startsWith('presence'));
      expect(presence.length).toBeGreaterThan(1);
      expect(new Set(presence)).toEqual(new Set([`presence:${connection.doc.clientID}`]));
    }
  }, 60_000);

  it('resyncs by itself after the server restarts, losing nothing typed meanwhile', async () => {
    const plan = await createPlan(server);
    const [first = '', second = ''] = plan.sectionIds;
    const sokha = connect(plan.id, plan.token);
    const dara = connect(plan.id, plan.token);
    await until(() => sokha.provider.synced && dara.provider.synced);
    typeLine(sokha, first, 'Before the restart.');
    await until(saved(sokha));

    await server.stop();
    await until(() => sokha.saves.getStatus().state === 'offline');
    typeLine(sokha, first, 'While the server was down.');
    typeLine(dara, second, 'Dara, also offline.');
    expect(sokha.saves.getStatus()).toMatchObject({ state: 'offline', unsaved: true });
    await server.start();

    // Neither is told to reconnect: the provider's backoff brings both back.
    await until(() => saved(sokha)() && saved(dara)());
    await until(
      () =>
        sectionText(dara, first).includes('While the server was down.') &&
        sectionText(sokha, second).includes('Dara, also offline.'),
    );
    expect(await storedText(plan.id, plan.token, first)).toContain(
      'Before the restart.\n\nWhile the server was down.',
    );
    expect(TappedSocket.opened.length).toBeGreaterThan(2);
  }, 90_000);
});
