import { afterEach, describe, expect, it, vi } from 'vitest';
import committed from '../../functions/i18n/date-formats.json' with { type: 'json' };
import { DATE_FORMATS, DATE_STYLES, formatDate, formatKey } from '../../functions/i18n/dates.ts';
import { buildDateFormats } from '../../infra/tools/date-formats.ts';

/**
 * `formatDate` writes the platform's dates from patterns read out of Node's ICU at build time
 * (functions/i18n/date-formats.json). It must write exactly what `Intl.DateTimeFormat` writes,
 * in every format, zone and hour, summer-time changes included.
 */

const HOUR = 3_600_000;
const intlFormats = new Map<string, Intl.DateTimeFormat>();
const intl = (date: Date, locale: string, options: Intl.DateTimeFormatOptions) => {
  const key = `${locale}|${JSON.stringify(options)}`;
  let format = intlFormats.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(locale, options);
    intlFormats.set(key, format);
  }
  return format.format(date);
};

/** Every hour of a year, at 17 minutes past (so the minute part is not always 00). */
const hoursOf = (year: number) => {
  const start = Date.UTC(year, 0, 1, 0, 17);
  const end = Date.UTC(year + 1, 0, 1);
  const out: Date[] = [];
  for (let t = start; t < end; t += HOUR) out.push(new Date(t));
  return out;
};

/** Around European summer-time changes: a minute either side of 01:00 UTC on the last Sundays. */
const changes = [1996, 2021, 2026, 2027, 2038, 2099].flatMap((year) =>
  [2, 9].flatMap((month) => {
    const last = new Date(Date.UTC(year, month + 1, 0));
    const at = Date.UTC(year, month, last.getUTCDate() - last.getUTCDay(), 1);
    return [-HOUR - 60_000, -60_000, 0, 60_000, HOUR - 60_000, HOUR].map((d) => new Date(at + d));
  }),
);

/** A deterministic spread of instants from 1996 to 2099. */
const spread = Array.from({ length: 400 }, (_, i) => {
  const from = Date.UTC(1996, 0, 1);
  const to = Date.UTC(2100, 0, 1);
  return new Date(from + Math.floor((((i * 2_654_435_761) % 1_000_003) / 1_000_003) * (to - from)));
});

describe('the date patterns file', () => {
  it("equals what Node's ICU gives today (run npm run date-formats after a Node update)", () => {
    expect(committed, 'run npm run date-formats').toEqual(JSON.parse(JSON.stringify(buildDateFormats())));
  });

  it('holds every format the platform digests, and only those', () => {
    expect(Object.keys(committed.formats).sort()).toEqual(
      DATE_FORMATS.map(({ locale, style }) => formatKey(locale, style)).sort(),
    );
  });
});

describe('formatDate', () => {
  afterEach(() => vi.restoreAllMocks());

  it.each(DATE_FORMATS.map(({ locale, style }) => [formatKey(locale, style), locale, style] as const))(
    '%s writes what Intl writes, in Geneva and UTC, every hour of 2021 and 2026',
    (_key, locale, style) => {
      const instants = [...hoursOf(2021), ...hoursOf(2026), ...changes, ...spread];
      for (const timeZone of ['Europe/Zurich', 'UTC']) {
        const options = { ...style, timeZone };
        const wrong = instants.filter((d) => formatDate(d, locale, options) !== intl(d, locale, options));
        expect(
          wrong.slice(0, 3).map((d) => [d.toISOString(), formatDate(d, locale, options), intl(d, locale, options)]),
          timeZone,
        ).toEqual([]);
      }
    },
  );

  it('writes the meeting of Circular 352 as the circular does', () => {
    const start = new Date('2021-12-07T09:00:00Z');
    expect(formatDate(start, 'en-GB', { ...DATE_STYLES.day, timeZone: 'Europe/Zurich' })).toBe('7 December 2021');
    expect(formatDate(start, 'en-GB', { ...DATE_STYLES.time, timeZone: 'Europe/Zurich' })).toBe('10:00');
    expect(formatDate(start, 'ru', { ...DATE_STYLES.dayMonthYear, timeZone: 'Europe/Zurich' })).toBe(
      '7 декабря 2021 г.',
    );
    expect(formatDate(start, 'zh-CN', { ...DATE_STYLES.day, timeZone: 'Europe/Zurich' })).toBe('2021年12月7日');
  });

  it('crosses midnight into the next day in Geneva', () => {
    const lateUtc = new Date('2026-07-31T22:30:00Z'); // 00:30 on 1 August in summer time
    expect(formatDate(lateUtc, 'en-GB', { ...DATE_STYLES.dateTime, timeZone: 'Europe/Zurich' })).toBe(
      '1 August 2026 at 00:30',
    );
    expect(formatDate(lateUtc, 'en-CA', { ...DATE_STYLES.isoDay, timeZone: 'Europe/Zurich' })).toBe('2026-08-01');
    expect(formatDate(lateUtc, 'en-CA', { ...DATE_STYLES.isoDay, timeZone: 'UTC' })).toBe('2026-07-31');
  });

  it('finds a format whose options come in another order, with no Intl.DateTimeFormat built', async () => {
    vi.resetModules();
    const spy = vi.spyOn(Intl, 'DateTimeFormat');
    const fresh = await import('../../functions/i18n/dates.ts');
    const date = new Date('2026-12-31T23:30:00Z');
    const options = { month: 'long', timeZone: 'Europe/Zurich', year: 'numeric', day: 'numeric' } as const;
    const written = fresh.formatDate(date, 'ru', options);
    expect(spy).not.toHaveBeenCalled();
    vi.restoreAllMocks();
    expect(written).toBe(intl(date, 'ru', options));
    expect(written).toBe('1 января 2027 г.');
  });

  it('builds no Intl.DateTimeFormat for a digested format in a zone it knows', async () => {
    vi.resetModules();
    const spy = vi.spyOn(Intl, 'DateTimeFormat');
    const fresh = await import('../../functions/i18n/dates.ts');
    fresh.formatDate(new Date(), 'ru', { ...fresh.DATE_STYLES.day, timeZone: 'Europe/Zurich' });
    fresh.formatDate(new Date(), 'ar', { ...fresh.DATE_STYLES.dateTime, timeZone: 'UTC' });
    expect(spy).not.toHaveBeenCalled();
  });

  it.each([
    [
      'a zone it does not know',
      'en-GB',
      { ...DATE_STYLES.dateTime, timeZone: 'America/New_York' },
      '2026-03-08T07:30:00Z',
    ],
    ['a year before 1996', 'en-GB', { ...DATE_STYLES.dateTime, timeZone: 'Europe/Zurich' }, '1990-09-30T00:30:00Z'],
    ['a format it does not hold', 'de', { ...DATE_STYLES.day, timeZone: 'Europe/Zurich' }, '2026-03-29T00:30:00Z'],
  ] as const)('hands %s to Intl, with the same result', (_what, locale, options, iso) => {
    const date = new Date(iso);
    expect(formatDate(date, locale, options)).toBe(intl(date, locale, options));
  });
});
