import { describe, expect, it } from 'vitest';
import {
  type ReviewKey,
  reviewCommand,
  selectionAfterDecision,
  stepSelection,
} from './reviewKeys.ts';

const key = (k: string, more: Partial<ReviewKey> = {}): ReviewKey => ({
  key: k,
  ctrlKey: false,
  metaKey: false,
  altKey: false,
  targetTag: 'LI',
  targetEditable: false,
  ...more,
});

describe('reviewCommand', () => {
  it('maps j/k, the arrows, a, r and Enter', () => {
    expect(
      ['j', 'ArrowDown', 'k', 'ArrowUp', 'a', 'r', 'Enter', 'x'].map((k) => reviewCommand(key(k))),
    ).toEqual(['next', 'next', 'previous', 'previous', 'accept', 'reject', 'show', null]);
  });

  it('leaves typing, modified keys and Enter on buttons alone', () => {
    expect(reviewCommand(key('a', { targetTag: 'SELECT' }))).toBeNull();
    expect(reviewCommand(key('a', { targetTag: 'INPUT' }))).toBeNull();
    expect(reviewCommand(key('a', { targetEditable: true }))).toBeNull();
    expect(reviewCommand(key('r', { ctrlKey: true }))).toBeNull();
    expect(reviewCommand(key('r', { metaKey: true }))).toBeNull();
    expect(reviewCommand(key('Enter', { targetTag: 'BUTTON' }))).toBeNull();
    expect(reviewCommand(key('a', { targetTag: 'BUTTON' }))).toBe('accept');
  });
});

describe('stepSelection', () => {
  const ids = ['a', 'b', 'c'];
  it('starts at an end and stops at the ends', () => {
    expect(stepSelection(ids, null, 1)).toBe('a');
    expect(stepSelection(ids, null, -1)).toBe('c');
    expect(stepSelection(ids, 'b', 1)).toBe('c');
    expect(stepSelection(ids, 'c', 1)).toBe('c');
    expect(stepSelection(ids, 'a', -1)).toBe('a');
    expect(stepSelection(ids, 'gone', 1)).toBe('a');
    expect(stepSelection([], null, 1)).toBeNull();
  });
});

describe('selectionAfterDecision', () => {
  it('moves on to the next, or back from the last', () => {
    expect(selectionAfterDecision(['a', 'b', 'c'], 'b')).toBe('c');
    expect(selectionAfterDecision(['a', 'b', 'c'], 'c')).toBe('b');
    expect(selectionAfterDecision(['a'], 'a')).toBeNull();
  });
});
