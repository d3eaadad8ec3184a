import { describe, expect, it } from 'vitest';
import { formatBytes } from './formatBytes.ts';

describe('formatBytes', () => {
  it('says kilobytes below a megabyte and megabytes above', () => {
    expect(formatBytes(850_000, 'en')).toBe('850 kB');
    expect(formatBytes(1_234_567, 'en')).toBe('1.2 MB');
  });
});
