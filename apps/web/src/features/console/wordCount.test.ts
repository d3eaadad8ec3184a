import { describe, expect, it } from 'vitest';
import { countWords } from './wordCount.ts';

describe('countWords', () => {
  it('counts English words, not punctuation or spaces', () => {
    expect(countWords('Prevent atrocities — early, and together.')).toBe(5);
    expect(countWords('   ')).toBe(0);
  });

  it('finds the words of Khmer text, which has no spaces between them', () => {
    // "The national mechanism" — three words written together.
    expect(countWords('យន្តការជាតិ')).toBeGreaterThanOrEqual(2);
    expect(countWords('ការបង្ការ ឧក្រិដ្ឋកម្ម')).toBeGreaterThanOrEqual(2);
  });
});
