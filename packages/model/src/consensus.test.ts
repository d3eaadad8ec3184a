import { describe, expect, it } from 'vitest';
import { supportLevel } from './consensus.ts';

describe('supportLevel', () => {
  it.each([
    [{ agree: 0, disagree: 0, abstain: 4 }, 'none'],
    [{ agree: 3, disagree: 0, abstain: 1 }, 'consensus'],
    [{ agree: 3, disagree: 1, abstain: 0 }, 'broad'],
    [{ agree: 2, disagree: 1, abstain: 0 }, 'majority'],
    [{ agree: 2, disagree: 2, abstain: 0 }, 'divided'],
    [{ agree: 1, disagree: 2, abstain: 5 }, 'opposed'],
  ] as const)('%o is %s', (tally, level) => {
    expect(supportLevel(tally)).toBe(level);
  });
});
