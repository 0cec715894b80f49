/**
 * RFC 5545 calendar entries (iTIP METHOD PUBLISH/REQUEST/CANCEL, RFC 5546) for meeting registrations.
 *
 * Times are written in the meeting's own zone (Circular 352 §1 announces meetings in Geneva time),
 * with a VTIMEZONE generated from the platform's Intl/ICU data rather than from a bundled tz table:
 * the zone's UTC offset is sampled hour by hour over the event's year(s), every change is refined
 * to the second by bisection, and each change becomes a STANDARD or DAYLIGHT observance.
 */

import { zoneOffsetMs } from './wall-clock.ts';

export interface MeetingIcsInput {
  uid: string;
  sequence: number;
  /** PUBLISH: an entry to add, nobody asked to reply (it carries no attendee). */
  method: 'PUBLISH' | 'REQUEST' | 'CANCEL';
  title: string;
  description: string;
  /** ISO 8601 instant with `Z` or an explicit offset. */
  startsAt: string;
  endsAt: string;
  /** IANA zone, e.g. Europe/Zurich. */
  timeZone: string;
  location?: string;
  url?: string;
  organizer: { name: string; email: string };
  attendee?: { name: string; email: string };
  stamp: Date;
  status?: 'CONFIRMED' | 'CANCELLED';
}

const CRLF = '\r\n';
const SECOND = 1000;
const HOUR = 3600 * SECOND;
const DAY = 24 * HOUR;
/** How far back to look for the onset of the observance in force when the event's year begins. */
const LOOKBACK = 400 * DAY;

export function meetingIcs(input: MeetingIcsInput): string {
  const zone = canonicalZone(input.timeZone);
  const start = parseInstant(input.startsAt, 'startsAt');
  const end = parseInstant(input.endsAt, 'endsAt');
  if (end <= start) throw new Error(`meetingIcs: endsAt (${input.endsAt}) must be after startsAt (${input.startsAt})`);
  if (!(input.stamp instanceof Date) || Number.isNaN(input.stamp.getTime())) {
    throw new Error('meetingIcs: stamp is not a valid Date');
  }
  if (!Number.isInteger(input.sequence) || input.sequence < 0) {
    throw new Error(`meetingIcs: sequence must be a non-negative integer, got ${input.sequence}`);
  }
  if (input.uid.trim() === '') throw new Error('meetingIcs: uid is empty');
  if (input.method === 'CANCEL' && input.status === 'CONFIRMED') {
    throw new Error('meetingIcs: METHOD:CANCEL requires STATUS:CANCELLED');
  }
  const status = input.status ?? (input.method === 'CANCEL' ? 'CANCELLED' : 'CONFIRMED');

  const lines: string[] = [
    'BEGIN:VCALENDAR',
    'PRODID:-//U4SSC//Meetings//EN',
    'VERSION:2.0',
    'CALSCALE:GREGORIAN',
    `METHOD:${input.method}`,
    ...vtimezone(zone, new Date(start).getUTCFullYear(), new Date(end).getUTCFullYear()),
    'BEGIN:VEVENT',
    `UID:${text(input.uid)}`,
    `SEQUENCE:${input.sequence}`,
    `DTSTAMP:${utcStamp(input.stamp.getTime())}`,
    `DTSTART${zonedValue(zone, start)}`,
    `DTEND${zonedValue(zone, end)}`,
    `SUMMARY:${text(input.title)}`,
    `DESCRIPTION:${text(input.description)}`,
  ];
  if (input.location !== undefined && input.location.trim() !== '') lines.push(`LOCATION:${text(input.location)}`);
  if (input.url !== undefined && input.url.trim() !== '') lines.push(`URL:${uri(input.url)}`);
  lines.push(`ORGANIZER;CN=${param(input.organizer.name)}:${mailto(input.organizer.email, 'organizer')}`);
  if (input.attendee && input.method !== 'PUBLISH') {
    lines.push(
      `ATTENDEE;ROLE=REQ-PARTICIPANT;PARTSTAT=ACCEPTED;CN=${param(input.attendee.name)}:${mailto(input.attendee.email, 'attendee')}`,
    );
  }
  lines.push(`STATUS:${status}`, 'END:VEVENT', 'END:VCALENDAR');
  return lines.map(fold).join(CRLF) + CRLF;
}

// ---------------------------------------------------------------------------------------------
// Input validation

const ISO_INSTANT = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:?\d{2})$/i;

/** Parses an ISO 8601 instant that names its offset (a bare local time would depend on the server's zone). */
function parseInstant(value: string, field: string): number {
  const m = ISO_INSTANT.exec(value.trim());
  const ms = m ? Date.parse(value.trim()) : Number.NaN;
  if (!m || Number.isNaN(ms)) {
    throw new Error(`meetingIcs: ${field} is not a valid ISO 8601 instant with offset: ${JSON.stringify(value)}`);
  }
  // Date.parse rolls 2021-02-30 over into March; reject calendar dates that do not exist.
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const check = new Date(Date.UTC(2000, month - 1, day));
  if (month < 1 || month > 12 || check.getUTCMonth() !== month - 1 || (month === 2 && day === 29 && !isLeap(year))) {
    throw new Error(`meetingIcs: ${field} is not a valid date: ${JSON.stringify(value)}`);
  }
  const utcYear = new Date(ms).getUTCFullYear();
  if (utcYear < 1900 || utcYear > 9998) throw new Error(`meetingIcs: ${field} is out of range: ${value}`);
  return Math.floor(ms / SECOND) * SECOND; // iCalendar DATE-TIME has whole seconds
}

const isLeap = (y: number): boolean => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;

const canonicalZones = new Map<string, string>();

/**
 * The zone as the caller spelled it (so Asia/Kolkata is not turned into ICU's Asia/Calcutta), with the
 * case corrected when Intl knows it under a different case (europe/zurich → Europe/Zurich).
 * Checked once per zone and container: building the formatter that checks it costs ~0.2 ms.
 */
function canonicalZone(zone: string): string {
  let canonical = canonicalZones.get(zone);
  if (canonical === undefined) {
    canonical = checkedZone(zone);
    if (canonicalZones.size >= 100) canonicalZones.clear();
    canonicalZones.set(zone, canonical);
  }
  return canonical;
}

function checkedZone(zone: string): string {
  const trimmed = zone.trim();
  let resolved: string;
  try {
    if (trimmed === '') throw new RangeError('empty');
    resolved = new Intl.DateTimeFormat('en-US', { timeZone: trimmed }).resolvedOptions().timeZone;
  } catch {
    throw new Error(`meetingIcs: unknown time zone ${JSON.stringify(zone)}`);
  }
  return resolved.toLowerCase() === trimmed.toLowerCase() ? resolved : trimmed;
}

// ---------------------------------------------------------------------------------------------
// Time-zone arithmetic from Intl

/** The zone's offset from UTC at instant `ms`, in seconds (east positive). */
function offsetAt(zone: string, ms: number): number {
  return Math.round(zoneOffsetMs(zone, ms) / SECOND);
}

interface Transition {
  /** First instant (ms, whole second) at which `to` applies. */
  at: number;
  from: number;
  to: number;
}

/** Offset changes in (from, to], sampled every `step` ms and refined to the second. */
function transitions(zone: string, from: number, to: number, step: number): Transition[] {
  const found: Transition[] = [];
  let prevAt = from;
  let prevOffset = offsetAt(zone, from);
  while (prevAt < to) {
    const at = Math.min(prevAt + step, to);
    const offset = offsetAt(zone, at);
    if (offset !== prevOffset) {
      let lo = prevAt; // offsetAt(lo) === prevOffset
      let hi = at; // offsetAt(hi) !== prevOffset
      while (hi - lo > SECOND) {
        const mid = lo + Math.floor((hi - lo) / (2 * SECOND)) * SECOND;
        if (offsetAt(zone, mid) === prevOffset) lo = mid;
        else hi = mid;
      }
      found.push({ at: hi, from: prevOffset, to: offsetAt(zone, hi) });
    }
    prevAt = at;
    prevOffset = offset;
  }
  return found;
}

const SHORT_NAME_LOCALES = ['en-US', 'en-GB'] as const;
const nameFormatters = new Map<string, Intl.DateTimeFormat>();

/** An abbreviation such as CET/CEST/EST/BST, if CLDR has one; "GMT+9"-style fallbacks are not names. */
function zoneAbbreviation(zone: string, ms: number): string | undefined {
  for (const locale of SHORT_NAME_LOCALES) {
    const key = `${locale}|${zone}`;
    let f = nameFormatters.get(key);
    if (!f) {
      f = new Intl.DateTimeFormat(locale, { timeZone: zone, timeZoneName: 'short' });
      nameFormatters.set(key, f);
    }
    const name = f.formatToParts(ms).find((p) => p.type === 'timeZoneName')?.value;
    if (name && /^[A-Z]{2,6}$/.test(name)) return name;
  }
  return undefined;
}

const vtimezoneCache = new Map<string, readonly string[]>();

/**
 * A VTIMEZONE valid for every instant from 1 January of `firstYear` to the end of `lastYear` (UTC):
 * the observance already in force on 1 January (its real onset, found up to 400 days earlier) plus one
 * observance per offset change inside the window. No RRULEs: each onset is listed explicitly.
 */
function vtimezone(zone: string, firstYear: number, lastYear: number): readonly string[] {
  const key = `${zone}|${firstYear}|${lastYear}`;
  const cached = vtimezoneCache.get(key);
  if (cached) return cached;

  const windowStart = Date.UTC(firstYear, 0, 1);
  const windowEnd = Date.UTC(lastYear + 1, 0, 1);
  // Modern zones change offset at most a few times a year, months apart: a daily step suffices for
  // finding the last change before the window; inside the window the step is hourly.
  const before = transitions(zone, windowStart - LOOKBACK, windowStart, DAY).at(-1);
  const inside = transitions(zone, windowStart, windowEnd, HOUR);
  const initialOffset = offsetAt(zone, windowStart);
  const onsets: Transition[] = [
    before ?? { at: windowStart - LOOKBACK, from: initialOffset, to: initialOffset },
    ...inside,
  ];
  const standardOffset = Math.min(...onsets.map((t) => t.to));

  const lines = ['BEGIN:VTIMEZONE', `TZID:${zone}`];
  for (const t of onsets) {
    const kind = t.to > standardOffset ? 'DAYLIGHT' : 'STANDARD';
    const name = zoneAbbreviation(zone, t.at);
    lines.push(
      `BEGIN:${kind}`,
      // The onset is expressed in the local time in force just before it (RFC 5545 §3.6.5).
      `DTSTART:${localStamp(t.at + t.from * SECOND)}`,
      `TZOFFSETFROM:${utcOffset(t.from)}`,
      `TZOFFSETTO:${utcOffset(t.to)}`,
      ...(name ? [`TZNAME:${name}`] : []),
      `END:${kind}`,
    );
  }
  lines.push('END:VTIMEZONE');
  vtimezoneCache.set(key, lines);
  return lines;
}

/**
 * `;TZID=zone:local` for the instant, or `:utcZ` when that local time occurs twice (the hour repeated
 * at a fall-back). RFC 5545 §3.3.5 reads an ambiguous local time as its first occurrence, but clients
 * differ (ical.js takes the second), so such instants are written in UTC, which every client reads alike.
 */
function zonedValue(zone: string, ms: number): string {
  const offset = offsetAt(zone, ms);
  const local = ms + offset * SECOND;
  for (const other of new Set([offsetAt(zone, ms - DAY), offsetAt(zone, ms + DAY)])) {
    if (other === offset) continue;
    const candidate = local - other * SECOND;
    if (offsetAt(zone, candidate) === other) return `:${utcStamp(ms)}`;
  }
  return `;TZID=${zone}:${localStamp(local)}`;
}

// ---------------------------------------------------------------------------------------------
// Value formatting

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

/** YYYYMMDDTHHMMSS of the UTC fields of `ms` (used for wall times already shifted by an offset). */
function localStamp(ms: number): string {
  const d = new Date(ms);
  return (
    `${pad(d.getUTCFullYear(), 4)}${pad(d.getUTCMonth() + 1)}${pad(d.getUTCDate())}` +
    `T${pad(d.getUTCHours())}${pad(d.getUTCMinutes())}${pad(d.getUTCSeconds())}`
  );
}

const utcStamp = (ms: number): string => `${localStamp(Math.floor(ms / SECOND) * SECOND)}Z`;

function utcOffset(seconds: number): string {
  const sign = seconds < 0 ? '-' : '+';
  const abs = Math.abs(seconds);
  const h = Math.floor(abs / 3600);
  const m = Math.floor((abs % 3600) / 60);
  const s = abs % 60;
  return `${sign}${pad(h)}${pad(m)}${s ? pad(s) : ''}`;
}

// biome-ignore lint/suspicious/noControlCharactersInRegex: stripping control characters is the point
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g;
const LONE_SURROGATE = /\p{Cs}/gu;

/** TEXT value (RFC 5545 §3.3.11): escape backslash, semicolon, comma and newlines; drop control characters. */
function text(value: string): string {
  return value
    .replace(LONE_SURROGATE, '\uFFFD')
    .replace(CONTROL, '')
    .replace(/\\/g, '\\\\')
    .replace(/;/g, '\\;')
    .replace(/,/g, '\\,')
    .replace(/\r\n|\r|\n/g, '\\n');
}

/** Parameter value (e.g. CN): no DQUOTE or control characters allowed; quoted when it has `;`, `:` or `,`. */
function param(value: string): string {
  const clean = value
    .replace(LONE_SURROGATE, '\uFFFD')
    .replace(/\r\n|\r|\n|\t/g, ' ')
    .replace(CONTROL, '')
    .replace(/"/g, "'")
    .trim();
  return /[;:,]/.test(clean) ? `"${clean}"` : clean;
}

const EMAIL = /^[^\s@"<>()[\]\\,;:]+@[^\s@"<>()[\]\\,;:]+$/;

function mailto(email: string, who: string): string {
  const trimmed = email.trim();
  if (!EMAIL.test(trimmed)) throw new Error(`meetingIcs: invalid ${who} email ${JSON.stringify(email)}`);
  return `mailto:${trimmed}`;
}

function uri(value: string): string {
  let url: URL;
  try {
    url = new URL(value.trim());
  } catch {
    throw new Error(`meetingIcs: invalid url ${JSON.stringify(value)}`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new Error(`meetingIcs: url must be http(s): ${JSON.stringify(value)}`);
  }
  return url.href;
}

const utf8Length = (ch: string): number => {
  const cp = ch.codePointAt(0) ?? 0;
  return cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
};

/** Folds a content line at 75 octets (RFC 5545 §3.1) without splitting a UTF-8 sequence. */
function fold(line: string): string {
  const parts: string[] = [];
  let current = '';
  let octets = 0;
  for (const ch of line) {
    const n = utf8Length(ch);
    if (octets + n > 75) {
      parts.push(current);
      current = ' ';
      octets = 1;
    }
    current += ch;
    octets += n;
  }
  parts.push(current);
  return parts.join(CRLF);
}
