import { updateClocksOf } from '@plenary/model';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { clocksOf, RoomDocument } from './RoomDocument.ts';

/** A client's doc that sends the room each change, and the room's document. */
function roomAndClient() {
  const room = new RoomDocument();
  const client = new Y.Doc();
  const changes: Uint8Array[] = [];
  client.on('update', (update: Uint8Array) => changes.push(update));
  return { room, client, changes };
}

describe("the room's captured update", () => {
  it('says what it wrote and deleted as decoding it would', () => {
    const { room, client, changes } = roomAndClient();
    const text = client.getText('section:a');
    const other = new Y.Doc();
    other.clientID = client.clientID + 1;
    other.getText('section:a').insert(0, 'from someone else ');
    const edits = [
      () => text.insert(0, 'Hello'),
      () => Y.applyUpdate(client, Y.encodeStateAsUpdate(other)),
      () => text.insert(5, ' world'),
      () => text.delete(2, 6),
      () => text.format(0, 3, { bold: true }),
      () =>
        client.transact(() => {
          text.insert(0, 'x');
          text.delete(3, 4);
        }),
    ];
    for (const edit of edits) {
      changes.length = 0;
      edit();
      for (const change of changes) {
        const clientIds = [...Y.parseUpdateMeta(change).to.keys()];
        Y.applyUpdate(room.doc, change);
        const captured = room.takeCapturedWithTransaction();
        expect(captured?.transaction).not.toBeNull();
        if (!captured?.transaction) continue;
        expect(clocksOf(captured.transaction, clientIds)).toEqual(
          updateClocksOf([captured.update]),
        );
      }
    }
  });

  it('names no transaction when several wrote it', () => {
    const { room, client, changes } = roomAndClient();
    client.getText('t').insert(0, 'a');
    client.getText('t').insert(1, 'b');
    for (const change of changes) Y.applyUpdate(room.doc, change);
    expect(room.takeCapturedWithTransaction()?.transaction).toBeNull();
    expect(room.takeCapturedWithTransaction()).toBeNull();
  });
});
