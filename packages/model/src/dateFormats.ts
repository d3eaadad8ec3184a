/**
 * Dates and times for people, in the interface language's conventions. English uses
 * British day-month order: "12/6/2026" read as 12 June is what a Cambodian reader
 * expects, and the US order would read as 6 December. Khmer uses Cambodia's own.
 */

/** The BCP 47 locale that dates and times are written in for an interface language. */
export function dateLocale(language: string): 'km-KH' | 'en-GB' {
  return language.toLowerCase().startsWith('km') ? 'km-KH' : 'en-GB';
}

/** How much of a moment to show. */
export type DateTimeStyle = 'dateTime' | 'date' | 'time';

const STYLES: Record<DateTimeStyle, Intl.DateTimeFormatOptions> = {
  dateTime: { dateStyle: 'medium', timeStyle: 'short' },
  date: { dateStyle: 'medium' },
  time: { hour: '2-digit', minute: '2-digit' },
};

/**
 * A moment (a Date, an ISO string or epoch milliseconds) written for a reader of
 * `language`, in `timeZone` when given (the venue's) or the device's own. An unreadable
 * value comes back as given, rather than as "Invalid Date".
 */
export function formatMoment(
  value: Date | string | number,
  language: string,
  style: DateTimeStyle = 'dateTime',
  timeZone?: string,
): string {
  const date = value instanceof Date ? value : new Date(value);
  if (Number.isNaN(date.getTime())) return String(value);
  return new Intl.DateTimeFormat(dateLocale(language), {
    ...STYLES[style],
    ...(timeZone === undefined ? {} : { timeZone }),
  }).format(date);
}
