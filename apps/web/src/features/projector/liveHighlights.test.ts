import { describe, expect, it } from 'vitest';
import { HIGHLIGHT_MS, highlightStrength } from './liveHighlights.ts';

describe('highlightStrength', () => {
  it('marks new text fully for a moment, then fades it out by the end', () => {
    expect(highlightStrength(0)).toBe(1);
    expect(highlightStrength(1_000)).toBe(1);
    expect(highlightStrength(2_000)).toBeCloseTo(0.5);
    expect(highlightStrength(HIGHLIGHT_MS)).toBe(0);
    expect(highlightStrength(HIGHLIGHT_MS + 5_000)).toBe(0);
  });
});
