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

  it('writes what is typed here at once', () => {
    const { stored, doc, reloaded } = setup();
    doc.getText('t').insert(0, 'mine');
    expect(stored).toHaveLength(1);
    expect(reloaded()).toBe('mine');
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

  it("writes the others' waiting updates before a local one", () => {
    const { stored, doc, fromPeer, reloaded } = setup();
    fromPeer('theirs ');
    doc.getText('t').insert(doc.getText('t').length, 'mine');
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

  it('flush writes what waits at once', () => {
    const { stored, writes, fromPeer, reloaded } = setup();
    fromPeer('late');
    writes.flush();
    expect(reloaded()).toBe('late');
    vi.advanceTimersByTime(100);
    expect(stored).toHaveLength(1);
  });
});
