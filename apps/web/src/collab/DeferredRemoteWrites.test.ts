import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { DeferredRemoteWrites } from './DeferredRemoteWrites.ts';

/** A doc whose updates go through DeferredRemoteWrites into `stored`, and a peer typing. */
function setup() {
  const stored: { update: Uint8Array; origin: unknown }[] = [];
  const loader = { name: 'the device copy as it loads' };
  const doc = new Y.Doc();
  const writes = new DeferredRemoteWrites(
    (update, origin) => stored.push({ update, origin }),
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
  return { stored, loader, doc, writes, fromPeer, reloaded };
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

  it('keeps the order of what is typed here', async () => {
    const { stored, doc } = setup();
    doc.getText('t').insert(0, 'a');
    doc.getText('t').insert(1, 'b');
    await Promise.resolve();
    expect(stored).toHaveLength(2);
    const first = new Y.Doc();
    Y.applyUpdate(first, stored[0]?.update ?? new Uint8Array());
    expect(first.getText('t').toString()).toBe('a');
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

  it("writes the others' waiting updates before a local one", async () => {
    const { stored, doc, fromPeer, reloaded } = setup();
    fromPeer('theirs ');
    doc.getText('t').insert(doc.getText('t').length, 'mine');
    await Promise.resolve();
    expect(stored).toHaveLength(2);
    // The local update was typed after theirs: a copy holding it also holds what it follows.
    expect(reloaded()).toBe('theirs mine');
    vi.advanceTimersByTime(100);
    expect(stored).toHaveLength(2);
  });

  it('writes nothing the copy itself applied as it loaded', () => {
    const { stored, doc, loader } = setup();
    const other = new Y.Doc();
    other.getText('t').insert(0, 'kept before');
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(other), loader);
    vi.advanceTimersByTime(100);
    expect(stored).toHaveLength(0);
  });

  it("flush writes what waits at once, others' updates first", async () => {
    const { stored, doc, writes, fromPeer, reloaded } = setup();
    doc.transact(() => doc.getText('t').insert(0, 'mine '), 'typing');
    fromPeer('late');
    writes.flush();
    expect(stored.map(({ origin }) => origin)).toEqual([null, 'typing']);
    expect(reloaded()).toContain('late');
    expect(reloaded()).toContain('mine');
    await Promise.resolve();
    vi.advanceTimersByTime(100);
    expect(stored).toHaveLength(2);
  });
});
