import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  nextTimer,
  readPresentation,
  readTimer,
  setPresentation,
  timeLeft,
  writeTimer,
} from './presentation.ts';

describe('the breakout timer', () => {
  const start = nextTimer(null, { action: 'start', durationMs: 600_000, label: 'Breakout' }, 1_000);

  it('runs from the server time it was started at', () => {
    expect(start).toEqual({
      endsAt: 601_000,
      remainingMs: null,
      durationMs: 600_000,
      label: 'Breakout',
    });
    expect(start && timeLeft(start, 301_000)).toBe(300_000);
    expect(start && timeLeft(start, 700_000)).toBe(0);
  });

  it('pauses and resumes without losing time', () => {
    const paused = nextTimer(start, { action: 'pause' }, 101_000);
    expect(paused && timeLeft(paused, 999_999)).toBe(500_000);
    const resumed = nextTimer(paused, { action: 'resume' }, 200_000);
    expect(resumed?.endsAt).toBe(700_000);
  });

  it('adds time to a running, paused or finished timer', () => {
    expect(nextTimer(start, { action: 'add', ms: 60_000 }, 2_000)?.endsAt).toBe(661_000);
    const paused = nextTimer(start, { action: 'pause' }, 101_000);
    expect(nextTimer(paused, { action: 'add', ms: 60_000 }, 2_000)?.remainingMs).toBe(560_000);
    // Ran out at 601 000; adding a minute at 900 000 gives a minute from now.
    expect(nextTimer(start, { action: 'add', ms: 60_000 }, 900_000)?.endsAt).toBe(960_000);
  });

  it('ignores pause, resume and add when there is nothing to act on', () => {
    expect(nextTimer(null, { action: 'pause' }, 0)).toBeNull();
    expect(nextTimer(null, { action: 'add', ms: 5 }, 0)).toBeNull();
    expect(nextTimer(start, { action: 'resume' }, 0)).toBe(start);
    expect(nextTimer(start, { action: 'clear' }, 0)).toBeNull();
  });

  it('is stored in the plan map', () => {
    const doc = new Y.Doc();
    writeTimer(doc, start);
    expect(readTimer(doc)).toEqual(start);
    writeTimer(doc, null);
    expect(readTimer(doc)).toBeNull();
  });
});

describe('the presentation', () => {
  it('has defaults and changes only the fields given', () => {
    const doc = new Y.Doc();
    expect(readPresentation(doc)).toMatchObject({
      mode: 'section',
      sectionId: null,
      suggestions: 'marked',
    });
    setPresentation(doc, { mode: 'follow', presenterId: 'p1' });
    setPresentation(doc, { suggestions: 'accepted' });
    expect(readPresentation(doc)).toMatchObject({
      mode: 'follow',
      presenterId: 'p1',
      suggestions: 'accepted',
    });
  });
});
