import { describe, expect, it } from 'vitest';
import { cronMatches, parseSchedule } from '../../infra/local/schedule-expression.ts';

const cron = (expression: string) => {
  const parsed = parseSchedule(expression);
  if (parsed.kind !== 'cron') throw new Error('not cron');
  return parsed.fields;
};

describe('EventBridge schedule expressions, locally', () => {
  it('reads rate expressions', () => {
    expect(parseSchedule('rate(5 minutes)')).toEqual({ kind: 'rate', everyMs: 300_000 });
    expect(parseSchedule('rate(1 day)')).toEqual({ kind: 'rate', everyMs: 86_400_000 });
  });

  it('matches a daily cron in Geneva time across the DST change', () => {
    const daily = cron('cron(0 7 * * ? *)');
    // 07:00 in Geneva is 06:00 UTC in winter and 05:00 UTC in summer.
    expect(cronMatches(daily, new Date('2026-01-15T06:00:30Z'), 'Europe/Zurich')).toBe(true);
    expect(cronMatches(daily, new Date('2026-07-15T05:00:00Z'), 'Europe/Zurich')).toBe(true);
    expect(cronMatches(daily, new Date('2026-07-15T06:00:00Z'), 'Europe/Zurich')).toBe(false);
  });

  it('reads day-of-week names, ranges, lists and steps', () => {
    const weekdays = cron('cron(*/15 9-17 ? * MON-FRI *)');
    expect(cronMatches(weekdays, new Date('2026-11-23T09:45:00Z'), 'UTC')).toBe(true); // Monday
    expect(cronMatches(weekdays, new Date('2026-11-22T09:45:00Z'), 'UTC')).toBe(false); // Sunday
    expect(cronMatches(weekdays, new Date('2026-11-23T09:40:00Z'), 'UTC')).toBe(false);
    const quarterly = cron('cron(0 8 1 JAN,APR,JUL,OCT ? *)');
    expect(cronMatches(quarterly, new Date('2026-04-01T08:00:00Z'), 'UTC')).toBe(true);
    expect(cronMatches(quarterly, new Date('2026-05-01T08:00:00Z'), 'UTC')).toBe(false);
  });

  it('refuses what it cannot evaluate, with the reason', () => {
    expect(() => parseSchedule('cron(0 8 L * ? *)')).toThrow(/L, W and # are not supported/);
    expect(() => parseSchedule('cron(0 8 * *)')).toThrow(/6 fields/);
    expect(() => parseSchedule('cron(61 8 * * ? *)')).toThrow(/outside 0-59/);
    expect(() => parseSchedule('every day')).toThrow(/Invalid schedule expression/);
  });
});
