import type { Meeting } from './meeting.ts';

/** Display names for the zones meetings are announced in ("Geneva time", Circ. 352 §1). */
const ZONE_NAMES: Record<string, string> = { 'Europe/Zurich': 'Geneva time' };

/** "7 December 2021, 10:00–15:30 Geneva time", in the meeting's own zone. */
export function describeWhen(meeting: Pick<Meeting, 'startsAt' | 'endsAt' | 'timeZone'>, locale = 'en-GB'): string {
  const start = new Date(meeting.startsAt);
  const end = new Date(meeting.endsAt);
  const day = new Intl.DateTimeFormat(locale, { timeZone: meeting.timeZone, dateStyle: 'long' });
  const time = new Intl.DateTimeFormat(locale, {
    timeZone: meeting.timeZone,
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  });
  const zone = ZONE_NAMES[meeting.timeZone] ?? meeting.timeZone;
  const sameDay = day.format(start) === day.format(end);
  return sameDay
    ? `${day.format(start)}, ${time.format(start)}–${time.format(end)} ${zone}`
    : `${day.format(start)} ${time.format(start)} – ${day.format(end)} ${time.format(end)} ${zone}`;
}

export const FORMAT_NAMES = { virtual: 'Virtual', 'in-person': 'In person', hybrid: 'Hybrid' } as const;
