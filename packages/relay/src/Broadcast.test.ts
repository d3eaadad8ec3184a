import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { Broadcast, MAX_BATCH_UPDATES } from './Broadcast.ts';
import { Connection } from './Connection.ts';
import { decodeIncomingFrame } from './incomingFrame.ts';

/** A connection whose socket keeps what it is sent. */
function recording(): { connection: Connection; frames: Uint8Array[] } {
  const frames: Uint8Array[] = [];
  const connection = new Connection(
    'plan0000000001',
    { send: (data) => frames.push(data), close: () => undefined },
    {
      participantId: null,
      inviteId: null,
      actor: { role: 'facilitator', groupId: null },
      presence: null,
    },
  );
  return { connection, frames };
}

/** One client's typing: an update of its own text. */
function typed(text: string): Uint8Array {
  const doc = new Y.Doc();
  doc.getText('section:a').insert(0, text);
  return Y.encodeStateAsUpdate(doc);
}

/** What a socket's frames, applied in order, make of the section. */
function textFrom(frames: readonly Uint8Array[]): string[] {
  const doc = new Y.Doc();
  for (const data of frames) {
    const frame = decodeIncomingFrame(data);
    if (frame.kind !== 'update') throw new Error(`not an update frame: ${frame.kind}`);
    Y.applyUpdate(doc, frame.update);
  }
  return doc.getText('section:a').toString().split('').sort();
}

describe('Broadcast', () => {
  it('sends the updates ready in one pass as one frame, each socket the others’ only', async () => {
    const a = recording();
    const b = recording();
    const watcher = recording();
    const broadcast = new Broadcast(() => [a.connection, b.connection, watcher.connection]);
    await Promise.all([
      broadcast.send(typed('x'), a.connection),
      broadcast.send(typed('y'), b.connection),
      broadcast.send(typed('z'), null),
    ]);
    expect(watcher.frames).toHaveLength(1);
    expect(textFrom(watcher.frames)).toEqual(['x', 'y', 'z']);
    expect(a.frames).toHaveLength(1);
    expect(textFrom(a.frames)).toEqual(['y', 'z']);
    expect(textFrom(b.frames)).toEqual(['x', 'z']);
  });

  it('sends nothing back to a socket whose updates are all the batch holds', async () => {
    const a = recording();
    const watcher = recording();
    const broadcast = new Broadcast(() => [a.connection, watcher.connection]);
    await Promise.all([
      broadcast.send(typed('x'), a.connection),
      broadcast.send(typed('y'), a.connection),
    ]);
    expect(a.frames).toHaveLength(0);
    expect(textFrom(watcher.frames)).toEqual(['x', 'y']);
  });

  it('sends updates queued in different passes as frames of their own, in order', async () => {
    const watcher = recording();
    const broadcast = new Broadcast(() => [watcher.connection]);
    await broadcast.send(typed('x'), null);
    await broadcast.send(typed('y'), null);
    expect(watcher.frames).toHaveLength(2);
    expect(textFrom(watcher.frames.slice(0, 1))).toEqual(['x']);
    expect(textFrom(watcher.frames)).toEqual(['x', 'y']);
  });

  it('sends a backlog longer than a batch in several frames, every update once', async () => {
    const watcher = recording();
    const broadcast = new Broadcast(() => [watcher.connection]);
    const letters = Array.from({ length: MAX_BATCH_UPDATES + 3 }, (_, i) =>
      String.fromCharCode(0x4e00 + i),
    );
    await Promise.all(letters.map((letter) => broadcast.send(typed(letter), null)));
    expect(watcher.frames).toHaveLength(2);
    expect(textFrom(watcher.frames)).toEqual([...letters].sort());
  });
});
