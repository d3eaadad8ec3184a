/**
 * Real Yjs updates for the storage tests: documents that edit one Y.Text and hand over
 * what they emit, the way a relay receives it.
 */
import * as Y from 'yjs';

/** Name of the Y.Text the storage tests write into. */
export const TEXT_NAME = 'text';

// Marks updates a replica received from its peer, so they are not recorded twice.
const FROM_PEER = Symbol('from peer');

/** Two replicas of one document that sync with each other; `take` drains their updates. */
export function connectedReplicas(): { a: Y.Doc; b: Y.Doc; take: () => Uint8Array[] } {
  const a = new Y.Doc();
  const b = new Y.Doc();
  const updates: Uint8Array[] = [];
  for (const [from, to] of [
    [a, b],
    [b, a],
  ] as const) {
    from.on('update', (update: Uint8Array, origin: unknown) => {
      if (origin === FROM_PEER) return;
      updates.push(update);
      Y.applyUpdate(to, update, FROM_PEER);
    });
  }
  return { a, b, take: () => updates.splice(0) };
}

/** A fresh Y.Doc built from `updates`; throws if any of them cannot apply. */
export function docOf(updates: readonly Uint8Array[]): Y.Doc {
  const doc = new Y.Doc();
  for (const update of updates) Y.applyUpdate(doc, update);
  // Yjs parks updates whose dependencies are missing instead of failing: a lost or
  // reordered update shows up here, not as an exception.
  if (doc.store.pendingStructs !== null || doc.store.pendingDs !== null) {
    throw new Error('Some stored updates did not apply: the updates they depend on are missing.');
  }
  return doc;
}

/** The text that `updates` add up to. */
export const textOf = (updates: readonly Uint8Array[]): string =>
  docOf(updates).getText(TEXT_NAME).toString();

/**
 * The characters of `original`'s text whose items `deletions` (an update holding only a
 * delete set) marks deleted, in document order. `original` must still hold them, undeleted.
 */
export function deletedTextIn(original: Y.Doc, deletions: Uint8Array): string {
  const { ds } = Y.decodeUpdate(deletions);
  let deleted = '';
  for (let item = original.getText(TEXT_NAME)._start; item !== null; item = item.right) {
    item.content.getContent().forEach((character, offset) => {
      if (Y.isDeleted(ds, Y.createID(item.id.client, item.id.clock + offset))) {
        deleted += String(character);
      }
    });
  }
  return deleted;
}
