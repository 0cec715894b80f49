import { zoneOffsetMs } from '../calendar/wall-clock.ts';

/**
 * Wall-clock times in a named zone ↔ instants. The console edits meetings in their own zone
 * (Geneva time by default, Circular 352 §1); storage keeps UTC instants.
 */

/** "2026-12-07T10:00" in Europe/Zurich → "2026-12-07T09:00:00.000Z". Undefined for a malformed value. */
export function zonedToUtc(local: string, timeZone: string): string | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(local.trim());
  if (!match) return undefined;
  const [, y, mo, d, h, mi] = match.map(Number) as [number, number, number, number, number, number];
  const wall = Date.UTC(y, mo - 1, d, h, mi);
  const check = new Date(wall);
  if (check.getUTCMonth() !== mo - 1 || check.getUTCDate() !== d || h > 23 || mi > 59) return undefined;
  // Two passes settle the offset, also next to a change of daylight saving time.
  let instant = wall - zoneOffsetMs(timeZone, wall);
  instant = wall - zoneOffsetMs(timeZone, instant);
  return new Date(instant).toISOString();
}

/** "2026-12-07T09:00:00.000Z" in Europe/Zurich → "2026-12-07T10:00" (for a datetime-local input). */
export function utcToZoned(iso: string, timeZone: string): string {
  const at = Date.parse(iso);
  return new Date(at + zoneOffsetMs(timeZone, at)).toISOString().slice(0, 16);
}

/** The calendar day in Geneva ("2026-12-07") of an instant: jobs that run once a day key on it. */
export function genevaDay(at: Date): string {
  return utcToZoned(at.toISOString(), 'Europe/Zurich').slice(0, 10);
}
