import { MESSAGE_SAVED } from '@plenary/model';
import * as decoding from 'lib0/decoding';
import { ObservableV2 } from 'lib0/observable';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { type SaveProvider, type SaveProviderEvents, SaveTracker } from './SaveTracker.ts';

/** A socket that records what is sent on it. */
class FakeSocket {
  readyState = 1;
  readonly sent: Uint8Array[] = [];
  send(data: Uint8Array): void {
    this.sent.push(data);
  }
}

/** Stands in for the provider: the flags it keeps and the events it emits. */
class FakeProvider extends ObservableV2<SaveProviderEvents> implements SaveProvider {
  readonly doc = new Y.Doc();
  ws: FakeSocket | null = null;
  wsconnected = false;
  synced = false;

  open(): FakeSocket {
    this.ws = new FakeSocket();
    this.wsconnected = true;
    this.emit('status', [{ status: 'connected' }]);
    return this.ws;
  }

  finishSync(): void {
    this.synced = true;
    this.emit('sync', [true]);
  }

  /** The socket closes: the provider emits connection-close first, then resets its flags. */
  drop(close: { code: number; reason: string } | null = null): void {
    this.emit('connection-close', [close]);
    this.ws = null;
    this.wsconnected = false;
    this.synced = false;
    this.emit('sync', [false]);
    this.emit('status', [{ status: 'disconnected' }]);
  }

  /** A change that arrived from the server, applied with the provider as origin. */
  receiveRemoteChange(text: string): void {
    const remote = new Y.Doc();
    remote.getText('t').insert(0, text);
    Y.applyUpdate(this.doc, Y.encodeStateAsUpdate(remote), this);
  }
}

/** The nonces of the save requests on a socket, in order. */
const saveRequests = (socket: FakeSocket): number[] =>
  socket.sent.map((frame) => {
    const decoder = decoding.createDecoder(frame);
    expect(decoding.readVarUint(decoder)).toBe(MESSAGE_SAVED);
    return decoding.readVarUint(decoder);
  });

const lastRequest = (socket: FakeSocket): number => saveRequests(socket).at(-1) ?? -1;

/** The echo of the last save request, after which everything typed is stored. */
function acknowledgeAllSaved(tracker: SaveTracker, socket: FakeSocket): void {
  tracker.acknowledge(lastRequest(socket));
  expect(tracker.getStatus()).toMatchObject({ state: 'saved', unsaved: false, unconfirmed: 0 });
}

const typeLocally = (provider: FakeProvider, text: string): void => {
  provider.doc.getText('t').insert(0, text);
};

/** A tracker on a provider that is connected and synced, with the sync's request answered. */
function savedSession(requestIntervalMs = 0): {
  provider: FakeProvider;
  tracker: SaveTracker;
  socket: FakeSocket;
} {
  const provider = new FakeProvider();
  const tracker = new SaveTracker(provider, undefined, undefined, requestIntervalMs);
  const socket = provider.open();
  tracker.answeredSyncStep1();
  provider.finishSync();
  tracker.acknowledge(lastRequest(socket));
  return { provider, tracker, socket };
}

describe('SaveTracker', () => {
  it('goes offline → connecting → saving → saved through the handshake', () => {
    const provider = new FakeProvider();
    const tracker = new SaveTracker(provider);
    expect(tracker.getStatus()).toEqual({
      state: 'offline',
      unsaved: false,
      unconfirmed: 0,
      notice: null,
    });

    const socket = provider.open();
    expect(tracker.getStatus().state).toBe('connecting');

    provider.finishSync();
    // After a sync the tracker asks whether everything is stored, and waits for the echo.
    expect(saveRequests(socket)).toEqual([1]);
    expect(tracker.getStatus().state).toBe('saving');

    tracker.acknowledge(1);
    expect(tracker.getStatus()).toEqual({
      state: 'saved',
      unsaved: false,
      unconfirmed: 0,
      notice: null,
    });
  });

  it('shows saving from a local change until the echo of the request that followed it', () => {
    const { provider, tracker, socket } = savedSession();

    typeLocally(provider, 'a');
    const afterA = lastRequest(socket);
    expect(tracker.getStatus()).toMatchObject({ state: 'saving', unsaved: true });

    typeLocally(provider, 'b');
    const afterB = lastRequest(socket);
    expect(afterB).toBeGreaterThan(afterA);

    // The echo for the first change does not cover the second.
    tracker.acknowledge(afterA);
    expect(tracker.getStatus()).toMatchObject({ state: 'saving', unsaved: true });

    tracker.acknowledge(afterB);
    expect(tracker.getStatus()).toMatchObject({ state: 'saved', unsaved: false });
  });

  it('ignores an echo older than one already received', () => {
    const { provider, tracker, socket } = savedSession();
    typeLocally(provider, 'a');
    tracker.acknowledge(lastRequest(socket));
    tracker.acknowledge(1);
    expect(tracker.getStatus().state).toBe('saved');
  });

  it('does not ask to save changes that came from the server', () => {
    const { provider, tracker, socket } = savedSession();
    const before = socket.sent.length;
    provider.receiveRemoteChange('from someone else');
    expect(socket.sent.length).toBe(before);
    expect(tracker.getStatus().state).toBe('saved');
  });

  it('keeps offline edits unsaved until a reconnect has synced and the server echoed', () => {
    const { provider, tracker } = savedSession();
    provider.drop();
    typeLocally(provider, 'written offline');
    expect(tracker.getStatus()).toEqual({
      state: 'offline',
      unsaved: true,
      unconfirmed: 1,
      notice: null,
    });

    const socket = provider.open();
    expect(socket.sent).toEqual([]);
    expect(tracker.getStatus()).toMatchObject({ state: 'connecting', unsaved: true });

    provider.finishSync();
    expect(tracker.getStatus()).toMatchObject({ state: 'saving', unsaved: true });
    tracker.acknowledge(lastRequest(socket));
    expect(tracker.getStatus()).toMatchObject({ state: 'saved', unsaved: false });
  });

  it('counts the changes the server has not confirmed, across a reconnect and a reload', () => {
    const { provider, tracker, socket } = savedSession();
    typeLocally(provider, 'a');
    const afterA = lastRequest(socket);
    typeLocally(provider, 'b');
    expect(tracker.getStatus().unconfirmed).toBe(2);
    tracker.acknowledge(afterA);
    expect(tracker.getStatus().unconfirmed).toBe(1);

    provider.drop();
    typeLocally(provider, 'c');
    typeLocally(provider, 'd');
    expect(tracker.getStatus()).toMatchObject({ state: 'offline', unconfirmed: 3 });
    const next = provider.open();
    tracker.answeredSyncStep1();
    provider.finishSync();
    tracker.acknowledge(lastRequest(next));
    expect(tracker.getStatus()).toMatchObject({ state: 'saved', unconfirmed: 0 });
  });

  it('confirms no change by an echo of a request sent before the sync step 1 answer', () => {
    const { provider, tracker } = savedSession();
    provider.drop();
    typeLocally(provider, 'written offline');
    const socket = provider.open();
    provider.finishSync();
    // The provider still holds the offline change back: the server answers a request it
    // sent now before it has that change, so the echo must not count it as stored.
    typeLocally(provider, '!');
    tracker.acknowledge(lastRequest(socket));
    expect(tracker.getStatus().unconfirmed).toBe(2);

    tracker.answeredSyncStep1();
    typeLocally(provider, '?');
    tracker.acknowledge(lastRequest(socket));
    expect(tracker.getStatus().unconfirmed).toBe(0);
  });

  it('counts what the device copy held as unconfirmed, not the loading of it', () => {
    const provider = new FakeProvider();
    const copy = { name: 'device copy' };
    const tracker = new SaveTracker(provider, (origin) => origin === copy);
    const stored = new Y.Doc();
    stored.getText('t').insert(0, 'typed before the reload');
    Y.applyUpdate(provider.doc, Y.encodeStateAsUpdate(stored), copy);
    tracker.restoreUnconfirmed(5);
    expect(tracker.getStatus()).toMatchObject({ state: 'offline', unsaved: true, unconfirmed: 5 });
    typeLocally(provider, '!');
    expect(tracker.getStatus().unconfirmed).toBe(6);
    const socket = provider.open();
    tracker.answeredSyncStep1();
    provider.finishSync();
    acknowledgeAllSaved(tracker, socket);
  });

  it('treats a request lost with its socket as unsaved, and trusts the next socket’s echo', () => {
    const { provider, tracker, socket: first } = savedSession();
    typeLocally(provider, 'a');
    const lost = lastRequest(first);
    provider.drop();
    expect(tracker.getStatus()).toMatchObject({ state: 'offline', unsaved: true });

    const second = provider.open();
    provider.finishSync();
    const resent = lastRequest(second);
    expect(resent).toBeGreaterThan(lost);
    tracker.acknowledge(resent);
    expect(tracker.getStatus()).toMatchObject({ state: 'saved', unsaved: false });
  });

  it('sends no request while the socket is not open', () => {
    const provider = new FakeProvider();
    const tracker = new SaveTracker(provider);
    const socket = provider.open();
    socket.readyState = 2;
    typeLocally(provider, 'a');
    expect(socket.sent).toEqual([]);
    expect(tracker.getStatus().unsaved).toBe(true);
  });

  it('asks again once the answer to the server’s sync step 1 has gone out', () => {
    const { tracker, socket } = savedSession();
    const before = socket.sent.length;
    tracker.answeredSyncStep1();
    expect(socket.sent.length).toBe(before + 1);
    expect(tracker.getStatus().state).toBe('saving');
  });

  it('explains a retryable close until a save succeeds again', () => {
    const { provider, tracker } = savedSession();
    provider.drop({ code: 4503, reason: 'storage unavailable' });
    expect(tracker.getStatus()).toEqual({
      state: 'offline',
      unsaved: false,
      unconfirmed: 0,
      notice: { code: 4503, reason: 'storage unavailable', permanent: false },
    });

    const socket = provider.open();
    provider.finishSync();
    expect(tracker.getStatus().notice?.code).toBe(4503);
    tracker.acknowledge(lastRequest(socket));
    expect(tracker.getStatus()).toEqual({
      state: 'saved',
      unsaved: false,
      unconfirmed: 0,
      notice: null,
    });
  });

  it('keeps explaining a permanent close, and says nothing for an ordinary drop', () => {
    const { provider, tracker } = savedSession();
    provider.drop({ code: 1006, reason: '' });
    expect(tracker.getStatus().notice).toBeNull();

    provider.open();
    provider.drop({ code: 4404, reason: 'unknown plan' });
    expect(tracker.getStatus().notice).toEqual({
      code: 4404,
      reason: 'unknown plan',
      permanent: true,
    });
  });

  it('notifies subscribers on change only, with a stable snapshot in between', () => {
    const { provider, tracker, socket } = savedSession();
    let calls = 0;
    const unsubscribe = tracker.subscribe(() => {
      calls += 1;
    });
    const saved = tracker.getStatus();
    tracker.acknowledge(lastRequest(socket));
    expect(tracker.getStatus()).toBe(saved);
    expect(calls).toBe(0);

    typeLocally(provider, 'a');
    expect(calls).toBe(1);
    unsubscribe();
    tracker.acknowledge(lastRequest(socket));
    expect(calls).toBe(1);
  });

  it('stops listening when destroyed', () => {
    const { provider, tracker, socket } = savedSession();
    const before = socket.sent.length;
    tracker.destroy();
    typeLocally(provider, 'a');
    provider.drop();
    expect(socket.sent.length).toBe(before);
    expect(tracker.getStatus().state).toBe('saved');
  });

  describe('with a request interval', () => {
    beforeEach(() => {
      vi.useFakeTimers();
    });
    afterEach(() => {
      vi.useRealTimers();
    });

    it('asks once for a burst of changes, and is saved only on the echo of that request', () => {
      const { provider, tracker, socket } = savedSession(150);
      const before = socket.sent.length;
      typeLocally(provider, 'a');
      typeLocally(provider, 'b');
      vi.advanceTimersByTime(100);
      typeLocally(provider, 'c');
      // The changes are unsaved and counted at once; no request has gone out yet.
      expect(socket.sent.length).toBe(before);
      expect(tracker.getStatus()).toMatchObject({
        state: 'saving',
        unsaved: true,
        unconfirmed: 3,
      });
      // An echo of an earlier request does not cover them.
      tracker.acknowledge(lastRequest(socket));
      expect(tracker.getStatus()).toMatchObject({ state: 'saving', unsaved: true });

      vi.advanceTimersByTime(50);
      expect(socket.sent.length).toBe(before + 1);
      typeLocally(provider, 'd');
      tracker.acknowledge(lastRequest(socket));
      // The echo covers a, b and c, not d, which waits for the next request.
      expect(tracker.getStatus()).toMatchObject({
        state: 'saving',
        unsaved: true,
        unconfirmed: 1,
      });
      vi.advanceTimersByTime(150);
      expect(socket.sent.length).toBe(before + 2);
      acknowledgeAllSaved(tracker, socket);
    });

    it('lets a request sent for another reason cover the pending changes', () => {
      const { provider, tracker, socket } = savedSession(150);
      const before = socket.sent.length;
      typeLocally(provider, 'a');
      tracker.probe();
      expect(socket.sent.length).toBe(before + 1);
      acknowledgeAllSaved(tracker, socket);
      // The pending request was dropped: nothing more goes out.
      vi.advanceTimersByTime(1_000);
      expect(socket.sent.length).toBe(before + 1);
    });
  });
});
