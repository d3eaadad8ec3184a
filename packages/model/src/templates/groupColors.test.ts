import { describe, expect, it } from 'vitest';
import {
  type ColorVision,
  contrastOnWhite,
  deltaE,
  lab,
  simulate,
} from '../test-support/colorVision.ts';
import { GROUP_COLORS } from './defaultGroups.ts';

/** The plenary's navy (the web app's PLENARY_COLOR): groups must stand apart from it too. */
const PLENARY = '#1f3a5f';
/** The web app's error red and success green (base.css `--danger`, `--success`). */
const ERROR_RED = '#b3261e';
const SUCCESS_GREEN = '#1e7b34';
const VISIONS: ColorVision[] = ['typical', 'protanopia', 'deuteranopia', 'tritanopia'];
/**
 * CIE76 distance below which two small marks (an underline, a caret) are easily taken
 * for one another; about 2.3 is the smallest difference anyone notices side by side.
 */
const MIN_DELTA_E = 20;

/** The closest pair of `colors` for `vision`, and how far apart it is. */
function closestPair(colors: readonly string[], vision: ColorVision) {
  let closest = { a: '', b: '', delta: Number.POSITIVE_INFINITY };
  colors.forEach((a, i) => {
    for (const b of colors.slice(i + 1)) {
      const delta = deltaE(a, b, vision);
      if (delta < closest.delta) closest = { a, b, delta };
    }
  });
  return closest;
}

/** The hue angle of a colour in CIELAB (0 is magenta-red, 90 yellow, 180 green, 270 blue). */
const hue = (hex: string) => {
  const [, a, b] = lab(simulate(hex, 'typical'));
  return ((Math.atan2(b, a) * 180) / Math.PI + 360) % 360;
};

describe('the colour-vision simulator', () => {
  it('merges red and green for protanopes and deuteranopes, and keeps them apart otherwise', () => {
    const typical = deltaE(ERROR_RED, SUCCESS_GREEN, 'typical');
    expect(typical).toBeGreaterThan(60);
    expect(deltaE(ERROR_RED, SUCCESS_GREEN, 'deuteranopia')).toBeLessThan(typical / 2);
    expect(deltaE(ERROR_RED, SUCCESS_GREEN, 'protanopia')).toBeLessThan(typical / 2);
    // Tritanopes lose blue-yellow, not red-green.
    expect(deltaE(ERROR_RED, SUCCESS_GREEN, 'tritanopia')).toBeGreaterThan(typical / 2);
    expect(deltaE('#0000ff', '#00aa00', 'tritanopia')).toBeLessThan(
      deltaE('#0000ff', '#00aa00', 'typical') / 2,
    );
  });

  it('leaves grey as it is for everyone', () => {
    for (const vision of VISIONS) expect(deltaE('#777777', '#777777', vision)).toBe(0);
    expect(deltaE('#777777', '#787878', 'deuteranopia')).toBeLessThan(1);
  });
});

describe('the group palette', () => {
  it.each(VISIONS)('keeps every pair of groups, and the plenary, apart for %s vision', (vision) => {
    const closest = closestPair([PLENARY, ...GROUP_COLORS], vision);
    expect(closest.delta, `${closest.a} and ${closest.b}`).toBeGreaterThanOrEqual(MIN_DELTA_E);
  });

  it('reads as text and underline on white (WCAG 4.5:1)', () => {
    for (const color of GROUP_COLORS) expect(contrastOnWhite(color)).toBeGreaterThanOrEqual(4.5);
  });

  it('has no colour that passes for an error or for success', () => {
    for (const color of GROUP_COLORS) {
      // The meaning is read in typical vision; colour-blind readers are served by the
      // distances above (and by the words that always go with a state).
      expect(deltaE(color, ERROR_RED, 'typical'), `${color} near red`).toBeGreaterThanOrEqual(
        MIN_DELTA_E,
      );
      expect(deltaE(color, SUCCESS_GREEN, 'typical'), `${color} near green`).toBeGreaterThanOrEqual(
        MIN_DELTA_E,
      );
      // Nor the hues themselves: red runs about 15-50° in CIELAB, grass green 130-165°.
      const angle = hue(color);
      expect(angle < 15 || angle > 50, `${color} is red (${angle.toFixed(0)}°)`).toBe(true);
      expect(angle < 130 || angle > 165, `${color} is green (${angle.toFixed(0)}°)`).toBe(true);
    }
  });

  it('would have caught the old palette, whose red read as an error', () => {
    const old = ['#0b6bcb', '#b3261e', '#1e7b34', '#8a4baf', '#a05a00', '#00707a'];
    expect(closestPair(old, 'tritanopia').delta).toBeLessThan(MIN_DELTA_E);
    expect(deltaE(old[1] ?? '', ERROR_RED, 'typical')).toBeLessThan(MIN_DELTA_E);
  });
});
