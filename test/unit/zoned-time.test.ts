import { describe, expect, it } from 'vitest';
import { isTimeZone } from '../../functions/calendar/wall-clock.ts';
import { createSchema } from '../../functions/meetings/operations.ts';
import { genevaDay, utcToZoned, zonedToUtc } from '../../functions/meetings/zoned-time.ts';
import * as z from '../../functions/validation/zod.ts';

describe('wall-clock times in a zone', () => {
  it('reads Geneva winter and summer times', () => {
    expect(zonedToUtc('2021-12-07T10:00', 'Europe/Zurich')).toBe('2021-12-07T09:00:00.000Z');
    expect(zonedToUtc('2026-06-10T10:00', 'Europe/Zurich')).toBe('2026-06-10T08:00:00.000Z');
    expect(zonedToUtc('2026-06-10T10:00', 'America/New_York')).toBe('2026-06-10T14:00:00.000Z');
  });

  it('names the day in Geneva, which starts an hour (two in summer) before UTC', () => {
    expect(genevaDay(new Date('2026-11-26T22:59:00Z'))).toBe('2026-11-26');
    expect(genevaDay(new Date('2026-11-26T23:00:00Z'))).toBe('2026-11-27');
    expect(genevaDay(new Date('2026-06-10T21:59:00Z'))).toBe('2026-06-10');
    expect(genevaDay(new Date('2026-06-10T22:00:00Z'))).toBe('2026-06-11');
  });

  it('round-trips', () => {
    for (const iso of ['2021-12-07T09:00:00.000Z', '2026-03-29T00:30:00.000Z', '2026-10-25T01:30:00.000Z']) {
      expect(zonedToUtc(utcToZoned(iso, 'Europe/Zurich'), 'Europe/Zurich')).toBe(iso);
    }
  });

  it('refuses malformed or impossible values', () => {
    expect(zonedToUtc('2026-02-30T10:00', 'Europe/Zurich')).toBeUndefined();
    expect(zonedToUtc('10:00', 'Europe/Zurich')).toBeUndefined();
    expect(zonedToUtc('2026-01-01T24:00', 'Europe/Zurich')).toBeUndefined();
  });
});

describe('isTimeZone', () => {
  it.each(['Europe/Zurich', 'UTC', 'Asia/Kolkata', 'America/New_York'])('knows %s', (zone) => {
    expect(isTimeZone(zone)).toBe(true);
  });

  it.each(['Mars/Base', 'Europe/Geneva', '', 'Europe/Zurich; DROP TABLE', 'x'.repeat(10_000)])('refuses %s', (zone) => {
    expect(isTimeZone(zone)).toBe(false);
  });

  it('refuses an unknown zone for a meeting, with the message the API returns', () => {
    const meeting = createSchema.shape.timeZone;
    expect(z.safeParse(meeting, 'Europe/Geneva').error?.issues[0]?.message).toBe(
      'Give an IANA time zone, e.g. Europe/Zurich (Geneva).',
    );
    expect(z.safeParse(meeting, 'Europe/Zurich').success).toBe(true);
  });
});
