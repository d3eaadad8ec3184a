import { MESSAGE_SAVED, MESSAGE_SYNC } from '@plenary/model';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';
import { FAKE_SOCKET_OPTIONS, FakeWebSocket } from '../test-support/FakeWebSocket.ts';
import { ConfirmedClocks } from './ConfirmedClocks.ts';
import { connectPlan, type PlanConnection, SAVE_REQUEST_INTERVAL_MS } from './planConnection.ts';

let connection: PlanConnection | null = null;

beforeEach(() => {
  vi.useFakeTimers();
});

afterEach(() => {
  connection?.close();
  connection = null;
  vi.useRealTimers();
});

/** Types at the end of `text`; the save request that follows local changes goes out. */
function typeAndRequest(text: Y.Text, words: string): void {
  text.insert(text.length, words);
  vi.advanceTimersByTime(SAVE_REQUEST_INTERVAL_MS);
}

/** The nonces of the save requests the client sent on `socket`, oldest first. */
function saveRequests(socket: FakeWebSocket): number[] {
  return socket.sent.flatMap((frame) => {
    const decoder = decoding.createDecoder(frame);
    return decoding.readVarUint(decoder) === MESSAGE_SAVED ? [decoding.readVarUint(decoder)] : [];
  });
}

/** The server echoes save request `nonce`: everything before it is stored. */
function echo(socket: FakeWebSocket, nonce: number): void {
  socket.deliver((encoder) => {
    encoding.writeVarUint(encoder, MESSAGE_SAVED);
    encoding.writeVarUint(encoder, nonce);
  });
}

/** The server opens the handshake with its sync step 1 (it holds nothing of this client). */
function serverStep1(socket: FakeWebSocket): void {
  socket.deliver((encoder) => {
    encoding.writeVarUint(encoder, MESSAGE_SYNC);
    syncProtocol.writeSyncStep1(encoder, new Y.Doc());
  });
}

const own = (connection: PlanConnection) =>
  connection.confirmations.unconfirmedFrom().get(connection.doc.clientID);

describe('ConfirmedClocks', () => {
  it('confirms what was sent before an echoed save request, never what was held back', async () => {
    connection = connectPlan('plan1234', 'token', 'ws://venue.local/sync', FAKE_SOCKET_OPTIONS);
    const socket = FakeWebSocket.latest();
    const text = connection.doc.getText('t');
    text.insert(0, 'offline. ');
    expect(connection.confirmations.connected()).toBe(false);
    expect(own(connection)).toBe(0);

    socket.open();
    expect(connection.confirmations.connected()).toBe(true);
    // Typed before the server's step 1: held back for the step 2 answer, so the request
    // that follows it covers nothing, even if the server answers it first.
    typeAndRequest(text, 'as the wifi returned. ');
    const [early] = saveRequests(socket);
    if (early === undefined) throw new Error('no save request');
    echo(socket, early);
    expect(own(connection)).toBe(0);

    serverStep1(socket);
    await Promise.resolve();
    const afterStep2 = saveRequests(socket).at(-1);
    if (afterStep2 === undefined || afterStep2 === early)
      throw new Error('no request after step 2');
    typeAndRequest(text, 'online.');
    const last = saveRequests(socket).at(-1) ?? 0;

    echo(socket, afterStep2);
    expect(own(connection)).toBe('offline. as the wifi returned. '.length);
    expect(connection.confirmations.toKeep()).toEqual([
      [connection.doc.clientID, 'offline. as the wifi returned. '.length],
    ]);
    echo(socket, last);
    expect(own(connection)).toBe(Y.getState(connection.doc.store, connection.doc.clientID));
    expect(connection.confirmations.toKeep()).toEqual([]);
  });

  it('forgets requests of a socket that closed: their echo will never come', async () => {
    connection = connectPlan('plan1234', 'token', 'ws://venue.local/sync', FAKE_SOCKET_OPTIONS);
    const socket = FakeWebSocket.latest();
    socket.open();
    serverStep1(socket);
    await Promise.resolve();
    typeAndRequest(connection.doc.getText('t'), 'sent as the wifi dropped');
    const nonce = saveRequests(socket).at(-1) ?? 0;
    connection.confirmations.socketOpen(false);
    expect(connection.confirmations.connected()).toBe(false);
    echo(socket, nonce);
    expect(own(connection)).toBe(0);
  });

  it('keeps the clocks of earlier sessions restored from the device until they are confirmed', () => {
    const doc = new Y.Doc();
    const clocks = new ConfirmedClocks(doc);
    const heard: number[] = [];
    clocks.subscribe(() => heard.push(heard.length));
    // A session before the reload wrote 12 characters, of which the server confirmed 5.
    const earlier = new Y.Doc();
    earlier.getText('t').insert(0, 'Hello world.');
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(earlier));
    clocks.restore([[earlier.clientID, 5]]);
    expect(heard).toHaveLength(1);
    expect(clocks.toKeep()).toEqual([[earlier.clientID, 5]]);
    expect(clocks.unconfirmedFrom().get(doc.clientID)).toBe(0);
  });
});
