/**
 * Writes functions/i18n/date-formats.json: for each date format the platform uses
 * (`DATE_FORMATS` in functions/i18n/dates.ts), its pattern and the spelling of each day, month,
 * hour, minute and day period, as Node's ICU formats them. `formatDate` fills these instead of
 * building an `Intl.DateTimeFormat` on a cold start. `test/unit/dates.test.ts` fails when the
 * file and Node's ICU disagree (a Node update), until this is run again.
 *
 *   npm run date-formats
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import {
  DATE_FORMATS,
  type DateFormatDigest,
  type DateFormatsFile,
  type DateStyle,
  DIGESTED_PARTS,
  formatKey,
} from '../../functions/i18n/dates.ts';

export const OUTPUT = new URL('../../functions/i18n/date-formats.json', import.meta.url);

/**
 * What `format()` writes for a part: V8's `format()` writes U+202F (narrow no-break space, as in
 * "2026 г.") as a plain space for the web's sake, while `formatToParts()` keeps it.
 */
const asFormatted = (value: string) => value.replaceAll('\u202f', ' ');

/** January 2021 (31 days) in UTC: the probes' month. */
const probe = (month: number, day: number, hour: number, minute: number) =>
  new Date(Date.UTC(2021, month, day, hour, minute));

const range = (n: number) => Array.from({ length: n }, (_, i) => i);

export function digestOf(locale: string, style: DateStyle): DateFormatDigest {
  const format = new Intl.DateTimeFormat(locale, { ...style, timeZone: 'UTC' });
  const part = (date: Date, type: string) => {
    const found = format.formatToParts(date).find((p) => p.type === type);
    if (!found) throw new Error(`${formatKey(locale, style)}: no ${type} for ${date.toISOString()}`);
    return asFormatted(found.value);
  };
  const pattern = format
    .formatToParts(probe(0, 7, 9, 5))
    .map(({ type, value }): [DateFormatDigest['pattern'][number][0], string?] => {
      if (!(DIGESTED_PARTS as readonly string[]).includes(type)) {
        throw new Error(`${formatKey(locale, style)} has a ${type} part, which formatDate does not fill`);
      }
      return type === 'literal' ? ['literal', asFormatted(value)] : [type as DateFormatDigest['pattern'][number][0]];
    });
  const has = (type: string) => pattern.some(([t]) => t === type);
  if (has('year') && part(probe(0, 7, 9, 5), 'year') !== '2021') {
    throw new Error(`${formatKey(locale, style)} writes years in other digits, which formatDate does not`);
  }
  return {
    pattern,
    ...(has('day') ? { day: range(31).map((d) => part(probe(0, d + 1, 12, 0), 'day')) } : {}),
    ...(has('month') ? { month: range(12).map((m) => part(probe(m, 15, 12, 0), 'month')) } : {}),
    ...(has('hour') ? { hour: range(24).map((h) => part(probe(0, 7, h, 0), 'hour')) } : {}),
    ...(has('minute') ? { minute: range(60).map((m) => part(probe(0, 7, 12, m), 'minute')) } : {}),
    ...(has('dayPeriod') ? { dayPeriod: range(24).map((h) => part(probe(0, 7, h, 0), 'dayPeriod')) } : {}),
  };
}

export function buildDateFormats(): DateFormatsFile {
  return {
    source: "Node's ICU (Intl.DateTimeFormat); built by infra/tools/date-formats.ts",
    formats: Object.fromEntries(
      DATE_FORMATS.map(({ locale, style }) => [formatKey(locale, style), digestOf(locale, style)]),
    ),
  };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  writeFileSync(OUTPUT, `${JSON.stringify(buildDateFormats())}\n`);
  console.log(`wrote ${fileURLToPath(OUTPUT)}`);
}
