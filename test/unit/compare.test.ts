import { describe, expect, it } from 'vitest';
import { compareCodePoints } from '../../functions/calendar/compare.ts';

describe('compareCodePoints', () => {
  it('orders ISO instants, days and quarters chronologically, as localeCompare does', () => {
    const values = [
      '2026-12-07T09:00:00.000Z',
      '2026-01-31T23:59:59.999Z',
      '2025-12-31T00:00:00.000Z',
      '2026-12-07T08:59:59.999Z',
      '2026-12-07',
      '2026-02-01',
      '2026-Q4',
      '2026-Q1',
      '2025-Q3',
    ];
    const byCodePoint = [...values].sort(compareCodePoints);
    expect(byCodePoint).toEqual([...values].sort((a, b) => a.localeCompare(b)));
    expect(byCodePoint.slice(0, 3)).toEqual(['2025-12-31T00:00:00.000Z', '2025-Q3', '2026-01-31T23:59:59.999Z']);
  });

  it('answers 0 only for equal strings, and is antisymmetric', () => {
    expect(compareCodePoints('2026-12-07', '2026-12-07')).toBe(0);
    expect(compareCodePoints('a', 'b')).toBe(-1);
    expect(compareCodePoints('b', 'a')).toBe(1);
  });
});
