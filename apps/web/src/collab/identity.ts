import { readSetting, writeSetting } from '../localSettings.ts';

/**
 * Caret colours: six-digit hex (the only form the caret extension accepts), dark enough
 * for white name labels at 4.5:1, and distinct from one another.
 */
export const CARET_COLORS = [
  '#b3261e',
  '#0b6bcb',
  '#1e7b34',
  '#8a4baf',
  '#a05a00',
  '#00707a',
  '#c2185b',
  '#3949ab',
  '#6d4c41',
  '#2e7d32',
] as const;

const HEX_COLOR = /^#[0-9a-f]{6}$/i;

/** This device's caret colour: the one picked before, or a new random one, remembered. */
export function caretColor(random: () => number = Math.random): string {
  const stored = readSetting('plenary.color');
  if (stored && HEX_COLOR.test(stored)) return stored;
  const picked = CARET_COLORS[Math.floor(random() * CARET_COLORS.length)] ?? CARET_COLORS[0];
  writeSetting('plenary.color', picked);
  return picked;
}

/** The longest display name kept; longer ones would crowd the caret labels. */
export const MAX_NAME_LENGTH = 40;

/** A display name as typed, tidied: single spaces, trimmed, at most MAX_NAME_LENGTH. */
export const tidyName = (name: string): string =>
  name.replace(/\s+/g, ' ').trim().slice(0, MAX_NAME_LENGTH);

/** The display name chosen on this device before, or null the first time. */
export function storedName(): string | null {
  const name = tidyName(readSetting('plenary.name') ?? '');
  return name || null;
}

/** Remembers the display name on this device. */
export function storeName(name: string): void {
  writeSetting('plenary.name', tidyName(name));
}
