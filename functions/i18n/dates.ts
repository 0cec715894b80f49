/**
 * Dates and times as the platform writes them, in the six languages ("7 December 2021",
 * "7 декабря 2021 г.", "2021年12月7日", "10:00"), without building an `Intl.DateTimeFormat` on a
 * cold start.
 *
 * The first `Intl.DateTimeFormat` of a process costs 12–18 ms (ICU's calendars and patterns),
 * whatever the locale: a sixth of what a page's function spends beyond a bare DynamoDB call. The
 * formats the platform uses are few and fixed (`DATE_FORMATS`), so `npm run date-formats`
 * (infra/tools/date-formats.ts) asks Node's ICU for each one's pattern and names once, into
 * `date-formats.json`, and `formatDate` fills them. It does so in the zones whose offsets are
 * known without ICU (`knownZoneOffsetMs`: UTC, and Europe/Zurich, where meetings are announced in
 * "Geneva time", Circ. 352 §1); any other format, zone or year goes to `Intl.DateTimeFormat`.
 * `test/unit/dates.test.ts` holds the file to Node's ICU, and `formatDate` to Intl's output over
 * every hour of two years, a spread of instants to 2099 and the summer-time changes.
 */
import { knownZoneOffsetMs } from '../calendar/wall-clock.ts';
import digests from './date-formats.json' with { type: 'json' };
import { LANGUAGES, type Lang } from './languages.ts';

/** A format's options, less the zone (given at each call). */
export type DateStyle = Omit<Intl.DateTimeFormatOptions, 'timeZone'>;

export type DateOptions = DateStyle & { timeZone: string };

/** Each language's locale for dates: what pages, emails and documents write ("7 December 2021"). */
export const DATE_LOCALES: Readonly<Record<Lang, string>> = {
  ar: 'ar',
  en: 'en-GB',
  es: 'es',
  fr: 'fr',
  ru: 'ru',
  zh: 'zh-CN',
};

/** The styles the platform writes dates in. */
export const DATE_STYLES = {
  /** "7 December 2021" */
  day: { dateStyle: 'long' },
  /** "10:00" */
  time: { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' },
  /** "7 December 2021 at 10:00" */
  dateTime: { dateStyle: 'long', timeStyle: 'short' },
  /** "13 October 2021", "13 октября 2021 г." (a circular's date) */
  dayMonthYear: { day: 'numeric', month: 'long', year: 'numeric' },
  /** "2021-10-13" (with the en-CA locale) */
  isoDay: { year: 'numeric', month: '2-digit', day: '2-digit' },
} as const satisfies Record<string, DateStyle>;

/** The (locale, style) pairs whose patterns `date-formats.json` holds. */
export const DATE_FORMATS: readonly { locale: string; style: DateStyle }[] = [
  ...LANGUAGES.map((lang) => DATE_LOCALES[lang]).flatMap((locale) =>
    [DATE_STYLES.day, DATE_STYLES.time, DATE_STYLES.dateTime, DATE_STYLES.dayMonthYear].map((style) => ({
      locale,
      style,
    })),
  ),
  // The Annex II page dates its list in the bare language codes.
  { locale: 'en', style: DATE_STYLES.day },
  { locale: 'zh', style: DATE_STYLES.day },
  { locale: 'en-CA', style: DATE_STYLES.isoDay },
];

/** The parts a digested pattern may hold; anything else stays with Intl. */
export const DIGESTED_PARTS = ['year', 'month', 'day', 'hour', 'minute', 'dayPeriod', 'literal'] as const;

type DigestedPart = (typeof DIGESTED_PARTS)[number];

/** A format's pattern (parts in order; a literal carries its text) and each part's spellings. */
export interface DateFormatDigest {
  pattern: [DigestedPart, string?][];
  /** Index 0 is the 1st of the month. */
  day?: string[];
  /** Index 0 is January. */
  month?: string[];
  /** Index = the hour, 0–23 (a 12-hour clock spells 13 as "1"). */
  hour?: string[];
  minute?: string[];
  /** Index = the hour, 0–23. */
  dayPeriod?: string[];
}

export interface DateFormatsFile {
  source: string;
  formats: Record<string, DateFormatDigest>;
}

/** The key of a (locale, style) pair: the locale and the options in a fixed order. */
export function formatKey(locale: string, style: DateStyle): string {
  const entries = Object.entries(style)
    .filter(([name, value]) => name !== 'timeZone' && value !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : 1));
  return `${locale}|${entries.map(([name, value]) => `${name}=${String(value)}`).join(',')}`;
}

const FORMATS: Readonly<Record<string, DateFormatDigest>> = (digests as unknown as DateFormatsFile).formats;

const intlFormats = new Map<string, Intl.DateTimeFormat>();

function intlFormat(locale: string, options: DateOptions): Intl.DateTimeFormat {
  const key = `${formatKey(locale, options)}|${options.timeZone}`;
  let format = intlFormats.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(locale, options);
    intlFormats.set(key, format);
  }
  return format;
}

/** `new Intl.DateTimeFormat(locale, options).format(instant)`, from the digest where it can. */
export function formatDate(instant: Date, locale: string, options: DateOptions): string {
  const digest = FORMATS[formatKey(locale, options)];
  const time = instant.getTime();
  const offset = digest ? knownZoneOffsetMs(options.timeZone, time) : undefined;
  if (!digest || offset === undefined) return intlFormat(locale, options).format(instant);
  const wall = new Date(time + offset);
  const hour = wall.getUTCHours();
  let text = '';
  for (const [part, literal] of digest.pattern) {
    if (part === 'literal') text += literal;
    else if (part === 'year') text += String(wall.getUTCFullYear());
    else if (part === 'month') text += digest.month?.[wall.getUTCMonth()];
    else if (part === 'day') text += digest.day?.[wall.getUTCDate() - 1];
    else if (part === 'hour') text += digest.hour?.[hour];
    else if (part === 'minute') text += digest.minute?.[wall.getUTCMinutes()];
    else text += digest.dayPeriod?.[hour];
  }
  return text;
}
