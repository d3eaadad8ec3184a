import { describe, expect, it } from 'vitest';
import { SeqTracker } from './SeqTracker.ts';

describe('SeqTracker', () => {
  it('moves through in order and holds back across a gap until it closes', () => {
    const seqs = new SeqTracker(3);
    seqs.note(4);
    expect(seqs.through).toBe(4);
    seqs.note(6);
    seqs.note(7);
    expect(seqs.through).toBe(4);
    expect(seqs.hasGap).toBe(true);
    seqs.note(5);
    expect(seqs.through).toBe(7);
    expect(seqs.hasGap).toBe(false);
  });

  it('closes every gap below what storage says the document now holds', () => {
    const seqs = new SeqTracker(0);
    seqs.note(2);
    seqs.note(5);
    seqs.holdThrough(3);
    expect(seqs.through).toBe(3);
    expect(seqs.hasGap).toBe(true);
    seqs.note(4);
    expect(seqs.through).toBe(5);
    seqs.note(1);
    expect(seqs.through).toBe(5);
  });
});
