import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addUpdateClocks, updateClocksOf } from './updateClocks.ts';

describe('updateClocks', () => {
  it('folds a client typing on into one range, and keeps deletions and other clients apart', () => {
    const doc = new Y.Doc();
    doc.clientID = 7;
    const updates: Uint8Array[] = [];
    doc.on('update', (update: Uint8Array) => updates.push(update));
    const text = doc.getText('t');
    for (const letter of 'hello') text.insert(text.length, letter);
    const other = new Y.Doc();
    other.clientID = 9;
    Y.applyUpdate(other, Y.encodeStateAsUpdate(doc));
    other.on('update', (update: Uint8Array) => updates.push(update));
    other.getText('t').delete(1, 2);
    other.getText('t').insert(0, 'ab');

    const clocks = updateClocksOf(updates);
    expect(clocks.get(7)).toEqual([[0, 5]]);
    expect(clocks.get(9)).toEqual([[0, 2]]);

    // A range held already adds nothing; one apart from the last stays its own.
    addUpdateClocks(clocks, Y.encodeStateAsUpdate(doc));
    expect(clocks.get(7)).toEqual([[0, 5]]);
    const later = new Y.Doc();
    later.clientID = 7;
    later.getText('u').insert(0, 'x'.repeat(8));
    const seen = Y.encodeStateVector(later);
    later.getText('u').insert(8, 'y'.repeat(4));
    addUpdateClocks(clocks, Y.encodeStateAsUpdate(later, seen));
    expect(clocks.get(7)).toEqual([
      [0, 5],
      [8, 12],
    ]);
  });

  it('records the deleted clocks of another client', () => {
    const doc = new Y.Doc();
    doc.clientID = 3;
    doc.getText('t').insert(0, 'abcdef');
    const deleter = new Y.Doc();
    deleter.clientID = 4;
    Y.applyUpdate(deleter, Y.encodeStateAsUpdate(doc));
    const before = Y.encodeStateVector(deleter);
    deleter.getText('t').delete(2, 2);
    const clocks = updateClocksOf([Y.encodeStateAsUpdate(deleter, before)]);
    expect(clocks.get(3)).toEqual([[2, 4]]);
    expect(clocks.has(4)).toBe(false);
  });
});
