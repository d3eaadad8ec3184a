import { expect, it } from 'vitest';
import * as Y from 'yjs';
import { type AttributedUpdate, foldDeletions, foldDeletionsInSteps } from './deletions.ts';

/** 200 updates of two participants, each typing a word and deleting a letter of it. */
function typedAndDeleted(): AttributedUpdate[] {
  const doc = new Y.Doc();
  const updates: AttributedUpdate[] = [];
  let participantId = 'amina';
  doc.on('update', (update: Uint8Array) => updates.push({ participantId, update }));
  for (let i = 0; i < 100; i++) {
    participantId = i % 2 === 0 ? 'amina' : 'bo';
    doc.getText('t').insert(0, 'word');
    doc.getText('t').delete(1, 1);
  }
  return updates;
}

it('folds in steps a pass of the event loop apart, to what folding at once gives', async () => {
  const updates = typedAndDeleted();
  // Counts the event loop's passes while folding: one immediate a pass, until done.
  let passes = 0;
  let done = false;
  const count = () => {
    passes += 1;
    if (!done) setImmediate(count);
  };
  setImmediate(count);
  const folded = await foldDeletionsInSteps(new Map(), updates);
  done = true;
  expect(passes).toBeGreaterThan(2);
  const atOnce = foldDeletions(new Map(), updates);
  expect([...folded.keys()]).toEqual(['amina', 'bo']);
  for (const [participantId, deletions] of atOnce) {
    const stepped = folded.get(participantId) ?? new Uint8Array();
    expect(Y.decodeUpdate(stepped).ds).toEqual(Y.decodeUpdate(deletions).ds);
  }
});
