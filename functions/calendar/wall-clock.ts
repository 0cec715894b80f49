/** The wall-clock fields of an instant in a named time zone (1-based month; weekday 0 = Sunday). */
export interface WallClock {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  weekday: number;
}

const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const formatters = new Map<string, Intl.DateTimeFormat>();

/** One formatter per zone, built on first use; throws a RangeError for an unknown zone. */
export function wallClock(zone: string, at: number | Date): WallClock {
  let formatter = formatters.get(zone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
      weekday: 'short',
    });
    formatters.set(zone, formatter);
  }
  const wall: WallClock = { year: 0, month: 0, day: 0, hour: 0, minute: 0, second: 0, weekday: 0 };
  for (const part of formatter.formatToParts(at)) {
    if (part.type === 'weekday') wall.weekday = WEEKDAYS.indexOf(part.value);
    else if (part.type in wall) wall[part.type as keyof WallClock] = Number(part.value);
  }
  if (wall.hour === 24) wall.hour = 0; // older ICU writes midnight as 24 of the same day
  return wall;
}

/** True for a time zone Intl knows: an IANA name such as Europe/Zurich, or UTC. */
export function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

const HOUR = 3_600_000;

/** 01:00 UTC on the last Sunday of a month (`month` 0-based), when European summer time changes. */
function lastSundayAtOne(year: number, month: number): number {
  const last = new Date(Date.UTC(year, month + 1, 0));
  return Date.UTC(year, month, last.getUTCDate() - last.getUTCDay(), 1);
}

/**
 * The zone's offset from UTC at an instant, in milliseconds, for the zones whose rules are known
 * here without asking ICU (its first `Intl.DateTimeFormat` costs a cold start 12–18 ms): UTC, and
 * Europe/Zurich ("Geneva time", Circ. 352 §1) under the European summer-time rule it has
 * followed since 1996. Undefined for any other zone, or a year outside 1996–2099.
 */
export function knownZoneOffsetMs(zone: string, at: number): number | undefined {
  const year = new Date(at).getUTCFullYear();
  if (!(year >= 1996 && year <= 2099)) return undefined;
  if (zone === 'UTC' || zone === 'Etc/UTC') return 0;
  if (zone === 'Europe/Zurich') {
    return at >= lastSundayAtOne(year, 2) && at < lastSundayAtOne(year, 9) ? 2 * HOUR : HOUR;
  }
  return undefined;
}

/** The zone's offset from UTC at an instant, in milliseconds (whole seconds; east positive). */
export function zoneOffsetMs(zone: string, at: number): number {
  const known = knownZoneOffsetMs(zone, at);
  if (known !== undefined) return known;
  const whole = Math.floor(at / 1000) * 1000;
  const w = wallClock(zone, whole);
  const asUtc = new Date(Date.UTC(2000, w.month - 1, w.day, w.hour, w.minute, w.second));
  asUtc.setUTCFullYear(w.year); // Date.UTC would read years below 100 as 19xx
  return asUtc.getTime() - whole;
}
