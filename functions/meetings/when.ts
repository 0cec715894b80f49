import { DATE_LOCALES, DATE_STYLES, formatDate } from '../i18n/dates.ts';
import { DEFAULT_LANG, type Lang } from '../i18n/languages.ts';
import { translate } from '../i18n/messages.ts';
import type { Meeting, MeetingFormat } from './meeting.ts';

/** Zones meetings are announced in that have a name of their own ("Geneva time", Circ. 352 §1). */
const ZONE_KEYS: Record<string, string> = { 'Europe/Zurich': 'meeting.zoneGeneva' };

/** One formatted part of a meeting's date, in the meeting's zone and a reader's language. */
const formatPart = (iso: string | Date, lang: Lang, timeZone: string, style: keyof typeof DATE_STYLES) =>
  formatDate(new Date(iso), DATE_LOCALES[lang], { timeZone, ...DATE_STYLES[style] });

/** "7 December 2021, 10:00–15:30 Geneva time", in the meeting's own zone and the reader's language. */
export function describeWhen(
  meeting: Pick<Meeting, 'startsAt' | 'endsAt' | 'timeZone'>,
  lang: Lang = DEFAULT_LANG,
): string {
  const day = (iso: string) => formatPart(iso, lang, meeting.timeZone, 'day');
  const time = (iso: string) => formatPart(iso, lang, meeting.timeZone, 'time');
  const [start, end] = [meeting.startsAt, meeting.endsAt];
  const zoneKey = ZONE_KEYS[meeting.timeZone];
  const zone = zoneKey ? translate(lang, zoneKey) : meeting.timeZone;
  const sameDay = day(start) === day(end);
  const comma = lang === 'ar' ? '، ' : lang === 'zh' ? ' ' : ', ';
  return sameDay
    ? `${day(start)}${comma}${time(start)}–${time(end)} ${zone}`
    : `${day(start)} ${time(start)} – ${day(end)} ${time(end)} ${zone}`;
}

/** A date alone, e.g. for "Registration opens on …". */
export function describeDate(iso: string, timeZone: string, lang: Lang = DEFAULT_LANG): string {
  return formatPart(iso, lang, timeZone, 'dateTime');
}

export const formatName = (format: MeetingFormat, lang: Lang = DEFAULT_LANG) =>
  translate(lang, `meeting.formats.${format}`);
