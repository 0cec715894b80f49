/**
 * The years a meeting may fall in. Outside them the calendar entries, the dates in six
 * languages and the circulars cannot be made (an iCalendar date has four digits, and years
 * before 1900 or far ahead are typing mistakes): refused when the meeting is entered, so no
 * email is ever queued that could never render.
 */
export const CALENDAR_YEARS = { first: 2000, last: 2100 } as const;

/** Whether an ISO 8601 instant falls within `CALENDAR_YEARS` (in UTC). */
export function withinCalendarYears(iso: string): boolean {
  const at = Date.parse(iso);
  if (Number.isNaN(at)) return false;
  const year = new Date(at).getUTCFullYear();
  return year >= CALENDAR_YEARS.first && year <= CALENDAR_YEARS.last;
}

export const CALENDAR_YEARS_MESSAGE = `Give a date between ${CALENDAR_YEARS.first} and ${CALENDAR_YEARS.last}.`;
