import { describe, expect, it } from 'vitest';
import {
  choosePresentedPosition,
  readPresenterPosition,
  type SectionBox,
  samePosition,
} from './presenterPosition.ts';

/** Two sections stacked on a page: goals (three blocks) above risks (two). */
const SECTIONS: SectionBox[] = [
  {
    sectionId: 'goals',
    top: 100,
    bottom: 700,
    blocks: [
      { top: 160, bottom: 300 },
      { top: 320, bottom: 500 },
      { top: 520, bottom: 680 },
    ],
  },
  {
    sectionId: 'risks',
    top: 740,
    bottom: 1200,
    blocks: [
      { top: 800, bottom: 1000 },
      { top: 1020, bottom: 1180 },
    ],
  },
];

const at = (top: number, height = 800) => ({
  top,
  bottom: top + height,
  readingLine: top + height * 0.3,
});

describe('choosePresentedPosition', () => {
  it('follows the block at the reading line as the presenter scrolls', () => {
    const scrolledTo = [0, 200, 700, 800].map((top) =>
      choosePresentedPosition(SECTIONS, at(top), null),
    );
    expect(scrolledTo).toEqual([
      { sectionId: 'goals', block: 0 },
      { sectionId: 'goals', block: 1 },
      { sectionId: 'risks', block: 0 },
      { sectionId: 'risks', block: 1 },
    ]);
  });

  it('takes the next block down when the reading line falls in a gap', () => {
    // Reading line at 310: between the first and the second block of goals.
    expect(
      choosePresentedPosition(SECTIONS, { top: 200, bottom: 900, readingLine: 310 }, null),
    ).toEqual({ sectionId: 'goals', block: 1 });
    // Reading line at 720: between the sections.
    expect(
      choosePresentedPosition(SECTIONS, { top: 600, bottom: 1300, readingLine: 720 }, null),
    ).toEqual({ sectionId: 'risks', block: 0 });
  });

  it('prefers the text cursor while it is on screen', () => {
    const cursor = { sectionId: 'goals', block: 2 };
    expect(choosePresentedPosition(SECTIONS, at(0), cursor)).toEqual(cursor);
    // Scrolled away from the cursor: the reading line decides again.
    expect(choosePresentedPosition(SECTIONS, at(780), cursor)).toEqual({
      sectionId: 'risks',
      block: 1,
    });
  });

  it('names no position when no section is on screen', () => {
    expect(choosePresentedPosition(SECTIONS, at(5_000), null)).toBeNull();
    expect(choosePresentedPosition([], at(0), null)).toBeNull();
  });

  it('points at the last block of a section whose end is above the reading line', () => {
    const short: SectionBox[] = [
      { sectionId: 'goals', top: 0, bottom: 900, blocks: [{ top: 10, bottom: 60 }] },
    ];
    expect(choosePresentedPosition(short, at(0), null)).toEqual({ sectionId: 'goals', block: 0 });
  });
});

describe('readPresenterPosition', () => {
  const states = new Map<number, Record<string, unknown>>([
    [1, { user: { participantId: 'member1' }, presenting: { sectionId: 'risks', block: 0 } }],
    [2, { user: { participantId: 'facilitator1' }, presenting: null }],
    [3, { user: { participantId: 'facilitator1' }, presenting: { sectionId: 'goals', block: 2 } }],
    [4, { user: { participantId: 'focal1' }, presenting: { sectionId: 'goals', block: -1 } }],
  ]);

  it('reads only the position of the participant the server named as presenter', () => {
    expect(readPresenterPosition(states, 'facilitator1')).toEqual({ sectionId: 'goals', block: 2 });
    expect(readPresenterPosition(states, 'nobody')).toBeNull();
    expect(readPresenterPosition(states, null)).toBeNull();
  });

  it('ignores a malformed position', () => {
    expect(readPresenterPosition(states, 'focal1')).toBeNull();
  });
});

describe('samePosition', () => {
  it('compares by section and block', () => {
    expect(samePosition({ sectionId: 'a', block: 1 }, { sectionId: 'a', block: 1 })).toBe(true);
    expect(samePosition({ sectionId: 'a', block: 1 }, { sectionId: 'a', block: 2 })).toBe(false);
    expect(samePosition(null, null)).toBe(true);
    expect(samePosition(null, { sectionId: 'a', block: 1 })).toBe(false);
  });
});
