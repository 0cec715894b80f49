import { DEFAULT_LANG, type Lang } from '../i18n/languages.ts';
import { translate } from '../i18n/messages.ts';
import type { Meeting, MeetingFormat } from './meeting.ts';

const LOCALES: Record<Lang, string> = { ar: 'ar', en: 'en-GB', es: 'es', fr: 'fr', ru: 'ru', zh: 'zh-CN' };

/** Zones meetings are announced in that have a name of their own ("Geneva time", Circ. 352 §1). */
const ZONE_KEYS: Record<string, string> = { 'Europe/Zurich': 'meeting.zoneGeneva' };

const STYLES: Record<'day' | 'time' | 'dateTime', Intl.DateTimeFormatOptions> = {
  day: { dateStyle: 'long' },
  time: { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' },
  dateTime: { dateStyle: 'long', timeStyle: 'short' },
};

/** Formatters are costly to build and are reused per language, zone and style. */
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(lang: Lang, timeZone: string, style: keyof typeof STYLES): Intl.DateTimeFormat {
  const key = `${lang}|${timeZone}|${style}`;
  let found = formatters.get(key);
  if (!found) {
    found = new Intl.DateTimeFormat(LOCALES[lang], { timeZone, ...STYLES[style] });
    formatters.set(key, found);
  }
  return found;
}

/** "7 December 2021, 10:00–15:30 Geneva time", in the meeting's own zone and the reader's language. */
export function describeWhen(
  meeting: Pick<Meeting, 'startsAt' | 'endsAt' | 'timeZone'>,
  lang: Lang = DEFAULT_LANG,
): string {
  const start = new Date(meeting.startsAt);
  const end = new Date(meeting.endsAt);
  const day = formatter(lang, meeting.timeZone, 'day');
  const time = formatter(lang, meeting.timeZone, 'time');
  const zoneKey = ZONE_KEYS[meeting.timeZone];
  const zone = zoneKey ? translate(lang, zoneKey) : meeting.timeZone;
  const sameDay = day.format(start) === day.format(end);
  const comma = lang === 'ar' ? '، ' : lang === 'zh' ? ' ' : ', ';
  return sameDay
    ? `${day.format(start)}${comma}${time.format(start)}–${time.format(end)} ${zone}`
    : `${day.format(start)} ${time.format(start)} – ${day.format(end)} ${time.format(end)} ${zone}`;
}

/** A date alone, e.g. for "Registration opens on …". */
export function describeDate(iso: string, timeZone: string, lang: Lang = DEFAULT_LANG): string {
  return formatter(lang, timeZone, 'dateTime').format(new Date(iso));
}

export const formatName = (format: MeetingFormat, lang: Lang = DEFAULT_LANG) =>
  translate(lang, `meeting.formats.${format}`);
