import { wallClock } from '../../functions/calendar/wall-clock.ts';

/**
 * EventBridge Scheduler expressions, evaluated locally: `rate(5 minutes)` and
 * `cron(minutes hours day-of-month month day-of-week year)` in a named time zone. The special
 * characters L, W and # are not supported here and are refused with a clear error.
 */
export type ScheduleExpression = { kind: 'rate'; everyMs: number } | { kind: 'cron'; fields: CronFields };

interface CronFields {
  minutes: Set<number>;
  hours: Set<number>;
  daysOfMonth: Set<number> | 'any';
  months: Set<number>;
  daysOfWeek: Set<number> | 'any';
  years: Set<number> | 'any';
}

const UNIT_MS: Record<string, number> = { minute: 60_000, hour: 3_600_000, day: 86_400_000 };
const MONTHS = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'];
const DAYS = ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'];

export function parseSchedule(expression: string): ScheduleExpression {
  const rate = /^rate\((\d+)\s+(minute|hour|day)s?\)$/.exec(expression.trim());
  if (rate?.[1] && rate[2]) {
    const value = Number(rate[1]);
    const unit = UNIT_MS[rate[2]];
    if (!unit || value < 1) throw new Error(`Invalid rate expression: ${expression}`);
    return { kind: 'rate', everyMs: value * unit };
  }
  const cron = /^cron\((.+)\)$/.exec(expression.trim());
  const parts = cron?.[1]?.trim().split(/\s+/);
  if (parts?.length !== 6)
    throw new Error(`Invalid schedule expression (want rate(...) or cron(6 fields)): ${expression}`);
  const [min = '', hour = '', dom = '', month = '', dow = '', year = ''] = parts;
  return {
    kind: 'cron',
    fields: {
      minutes: field(min, 0, 59),
      hours: field(hour, 0, 23),
      daysOfMonth: dom === '?' ? 'any' : field(dom, 1, 31),
      months: field(month, 1, 12, MONTHS, 1),
      daysOfWeek: dow === '?' ? 'any' : field(dow, 1, 7, DAYS, 1),
      years: year === '*' ? 'any' : field(year, 1970, 2199),
    },
  };
}

function field(raw: string, min: number, max: number, names: string[] = [], nameBase = 0): Set<number> {
  const text = raw
    .toUpperCase()
    .replace(/[A-Z]{3}/g, (name) => (names.includes(name) ? String(names.indexOf(name) + nameBase) : name));
  if (/[LW#]/.test(text)) throw new Error(`Cron field "${raw}": L, W and # are not supported by the local scheduler`);
  const values = new Set<number>();
  const value = (token: string): number => {
    const number = Number(token);
    if (!Number.isInteger(number) || number < min || number > max)
      throw new Error(`Cron value "${token}" is outside ${min}-${max}`);
    return number;
  };
  for (const part of text.split(',')) {
    const [range = '', stepText] = part.split('/');
    const step = stepText === undefined ? 1 : Number(stepText);
    if (!Number.isInteger(step) || step < 1) throw new Error(`Cron step "${stepText}" is not a positive integer`);
    let from: number;
    let to: number;
    if (range === '*') [from, to] = [min, max];
    else if (range.includes('-')) {
      const [a = '', b = ''] = range.split('-');
      [from, to] = [value(a), value(b)];
    } else {
      from = value(range);
      to = stepText === undefined ? from : max;
    }
    for (let v = from; v <= to; v += step) values.add(v);
  }
  return values;
}

/** Whether a cron expression fires in the minute that contains `at`, read in `timeZone`. */
export function cronMatches(fields: CronFields, at: Date, timeZone: string): boolean {
  const w = wallClock(timeZone, at);
  const p = { ...w, weekday: w.weekday + 1 }; // cron counts SUN = 1
  const inSet = (set: Set<number> | 'any', v: number) => set === 'any' || set.has(v);
  return (
    fields.minutes.has(p.minute) &&
    fields.hours.has(p.hour) &&
    fields.months.has(p.month) &&
    inSet(fields.years, p.year) &&
    inSet(fields.daysOfMonth, p.day) &&
    inSet(fields.daysOfWeek, p.weekday)
  );
}
