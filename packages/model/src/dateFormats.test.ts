import { describe, expect, it } from 'vitest';
import { dateLocale, formatMoment } from './dateFormats.ts';

const DAY = Date.UTC(2026, 5, 12, 14, 5);

describe('formatMoment', () => {
  it('writes English dates day before month, never in US order', () => {
    expect(dateLocale('en')).toBe('en-GB');
    expect(formatMoment(DAY, 'en', 'date', 'UTC')).toBe('12 Jun 2026');
    expect(formatMoment(DAY, 'en', 'dateTime', 'UTC')).toBe('12 Jun 2026, 14:05');
  });

  it('writes Khmer dates in Cambodia’s conventions, with Khmer month names', () => {
    expect(dateLocale('km')).toBe('km-KH');
    const date = formatMoment(DAY, 'km', 'date', 'UTC');
    // មិថុនា is June; the day comes before the month.
    expect(date).toContain('មិថុនា');
    expect(date.indexOf('12')).toBeLessThan(date.indexOf('មិថុនា'));
  });

  it('keeps an unreadable value as it came', () => {
    expect(formatMoment('not a date', 'en')).toBe('not a date');
  });
});
