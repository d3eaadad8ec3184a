import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { DeferredRemoteWrites } from './DeferredRemoteWrites.ts';

/** A doc whose updates go through DeferredRemoteWrites into `stored`, and a peer typing. */
function setup({ endAtOnce = true } = {}) {
  const stored: { update: Uint8Array }[] = [];
  /** Ends the writes still in flight, oldest first (when they do not end at once). */
  const inFlight: (() => void)[] = [];
  const loader = { name: 'the device copy as it loads' };
  const doc = new Y.Doc();
  const writes = new DeferredRemoteWrites(
    (update, done) => {
      stored.push({ update });
      if (endAtOnce) done();
      else inFlight.push(done);
    },
    (origin) => origin === loader,
    100,
  );
  doc.on('update', writes.onUpdate);
  const peer = new Y.Doc();
  const fromPeer = (text: string) => {
    const before = Y.encodeStateVector(peer);
    peer.getText('t').insert(peer.getText('t').length, text);
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(peer, before), 'server');
  };
  /** What the device copy would load: every stored update applied to a fresh doc. */
  const reloaded = () => {
    const copy = new Y.Doc();
    for (const { update } of stored) Y.applyUpdate(copy, update);
    return copy.getText('t').toString();
  };
  const endWrite = () => inFlight.shift()?.();
  return { stored, loader, doc, writes, fromPeer, reloaded, endWrite };
}

describe('DeferredRemoteWrites', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('writes what is typed here in the same task, after the listeners that follow it', async () => {
    const { stored, doc, reloaded } = setup();
    const seenBySocket: number[] = [];
    doc.on('update', () => seenBySocket.push(stored.length));
    doc.getText('t').insert(0, 'mine');
    expect(seenBySocket).toEqual([0]);
    await Promise.resolve();
    expect(stored).toHaveLength(1);
    expect(reloaded()).toBe('mine');
  });

  it('writes what is typed in one task as one write', async () => {
    const { stored, doc, reloaded } = setup();
    doc.getText('t').insert(0, 'a');
    doc.getText('t').insert(1, 'b');
    await Promise.resolve();
    expect(stored).toHaveLength(1);
    expect(reloaded()).toBe('ab');
  });

  it("writes others' updates a moment later, merged into one", () => {
    const { stored, fromPeer, reloaded } = setup();
    fromPeer('a');
    fromPeer('b');
    fromPeer('c');
    expect(stored).toHaveLength(0);
    vi.advanceTimersByTime(100);
    expect(stored).toHaveLength(1);
    expect(reloaded()).toBe('abc');
  });

  it("writes the others' waiting updates with a local one", async () => {
    const { stored, doc, fromPeer, reloaded } = setup();
    fromPeer('theirs ');
    doc.getText('t').insert(doc.getText('t').length, 'mine');
    await Promise.resolve();
    expect(stored).toHaveLength(1);
    // The local update was typed after theirs: a copy holding it also holds what it follows.
    expect(reloaded()).toBe('theirs mine');
    vi.advanceTimersByTime(100);
    expect(stored).toHaveLength(1);
  });

  it('writes nothing the copy itself applied as it loaded', () => {
    const { stored, doc, loader } = setup();
    const other = new Y.Doc();
    other.getText('t').insert(0, 'kept before');
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(other), loader);
    vi.advanceTimersByTime(100);
    expect(stored).toHaveLength(0);
  });

  it("flush writes what waits at once, with others' updates", async () => {
    const { stored, doc, writes, fromPeer, reloaded } = setup();
    doc.transact(() => doc.getText('t').insert(0, 'mine '), 'typing');
    fromPeer('late');
    writes.flush();
    expect(stored).toHaveLength(1);
    expect(reloaded()).toContain('late');
    expect(reloaded()).toContain('mine');
    await Promise.resolve();
    vi.advanceTimersByTime(100);
    expect(stored).toHaveLength(1);
  });

  it('writes what is typed while a write is in flight as one write, as soon as that one ends', async () => {
    const { stored, doc, endWrite, reloaded } = setup({ endAtOnce: false });
    const text = doc.getText('t');
    text.insert(0, 'a');
    await Promise.resolve();
    expect(stored).toHaveLength(1);
    text.insert(1, 'b');
    await Promise.resolve();
    text.insert(2, 'c');
    await Promise.resolve();
    // Waiting for the write in flight, not for a timer.
    vi.advanceTimersByTime(1000);
    expect(stored).toHaveLength(1);
    endWrite();
    expect(stored).toHaveLength(2);
    expect(reloaded()).toBe('abc');
    // The next key after the group's write ended goes at once again.
    endWrite();
    text.insert(3, 'd');
    await Promise.resolve();
    expect(stored).toHaveLength(3);
    expect(reloaded()).toBe('abcd');
  });

  it('flush does not wait for a write in flight (the page is being hidden or closed)', async () => {
    const { stored, doc, writes, endWrite, reloaded } = setup({ endAtOnce: false });
    doc.getText('t').insert(0, 'a');
    await Promise.resolve();
    doc.getText('t').insert(1, 'b');
    writes.flush();
    expect(stored).toHaveLength(2);
    expect(reloaded()).toBe('ab');
    // Nothing is left for the writes' ends to write again.
    endWrite();
    endWrite();
    expect(stored).toHaveLength(2);
  });

  it('takes what waits of the others into a local write', async () => {
    const { stored, doc, fromPeer, reloaded, endWrite } = setup({ endAtOnce: false });
    doc.getText('t').insert(0, 'mine');
    await Promise.resolve();
    fromPeer(' theirs');
    doc.getText('t').insert(0, 'more ');
    endWrite();
    expect(stored).toHaveLength(2);
    // Theirs was typed apart from mine: where it lands beside it depends on the clients' ids.
    expect(reloaded()).toMatch(/^more /);
    expect(reloaded()).toContain('mine');
    expect(reloaded()).toContain(' theirs');
    vi.advanceTimersByTime(100);
    expect(stored).toHaveLength(2);
  });
});
