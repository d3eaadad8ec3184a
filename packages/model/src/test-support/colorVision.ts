/**
 * A colour-vision simulator for tests: how a colour looks to people with protanopia,
 * deuteranopia or tritanopia (the matrices of Machado, Oliveira and Fernandes, 2009, at
 * full severity, applied in linear RGB), and the CIE76 colour difference between two
 * colours in CIELAB, so that a palette can be checked for pairs that merge.
 */

/** A colour vision: typical, or one of the three dichromacies. */
export type ColorVision = 'typical' | 'protanopia' | 'deuteranopia' | 'tritanopia';

type Matrix = readonly [number, number, number, number, number, number, number, number, number];

const MACHADO: Record<Exclude<ColorVision, 'typical'>, Matrix> = {
  protanopia: [
    0.152286, 1.052583, -0.204868, 0.114503, 0.786281, 0.099216, -0.003882, -0.048116, 1.051998,
  ],
  deuteranopia: [
    0.367322, 0.860646, -0.227968, 0.280085, 0.672501, 0.047413, -0.01182, 0.04294, 0.968881,
  ],
  tritanopia: [
    1.255528, -0.076749, -0.178779, -0.078411, 0.930809, 0.147602, 0.004733, 0.691367, 0.3039,
  ],
};

type Rgb = [number, number, number];

const toLinear = (channel: number): number => {
  const c = channel / 255;
  return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
};

/** `#rrggbb` as linear RGB, each channel 0..1. */
function linearRgb(hex: string): Rgb {
  const value = Number.parseInt(hex.slice(1), 16);
  return [toLinear((value >> 16) & 255), toLinear((value >> 8) & 255), toLinear(value & 255)];
}

const clamp = (c: number) => Math.min(1, Math.max(0, c));

/** A colour as someone with `vision` sees it, in linear RGB. */
export function simulate(hex: string, vision: ColorVision): Rgb {
  const rgb = linearRgb(hex);
  if (vision === 'typical') return rgb;
  const m = MACHADO[vision];
  const [r, g, b] = rgb;
  return [
    clamp(m[0] * r + m[1] * g + m[2] * b),
    clamp(m[3] * r + m[4] * g + m[5] * b),
    clamp(m[6] * r + m[7] * g + m[8] * b),
  ];
}

/** Linear RGB (sRGB primaries, D65 white) in CIELAB. */
export function lab([r, g, b]: Rgb): Rgb {
  const x = (0.4124564 * r + 0.3575761 * g + 0.1804375 * b) / 0.95047;
  const y = 0.2126729 * r + 0.7151522 * g + 0.072175 * b;
  const z = (0.0193339 * r + 0.119192 * g + 0.9503041 * b) / 1.08883;
  const f = (t: number) => (t > 216 / 24389 ? Math.cbrt(t) : ((24389 / 27) * t + 16) / 116);
  const [fx, fy, fz] = [f(x), f(y), f(z)];
  return [116 * fy - 16, 500 * (fx - fy), 200 * (fy - fz)];
}

/** The CIE76 difference between two colours as someone with `vision` sees them. */
export function deltaE(a: string, b: string, vision: ColorVision): number {
  const [l1, a1, b1] = lab(simulate(a, vision));
  const [l2, a2, b2] = lab(simulate(b, vision));
  return Math.hypot(l1 - l2, a1 - a2, b1 - b2);
}

/** The WCAG contrast ratio of a colour against white. */
export function contrastOnWhite(hex: string): number {
  const [r, g, b] = linearRgb(hex);
  const luminance = 0.2126 * r + 0.7152 * g + 0.0722 * b;
  return 1.05 / (luminance + 0.05);
}
