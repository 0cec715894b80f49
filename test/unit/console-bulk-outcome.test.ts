import { describe, expect, it } from 'vitest';
import { bulkOutcome, categoryWords, statusWords } from '../../functions/pages/console.ts';

describe('the console says what a bulk decision did', () => {
  it('counts each outcome and names why the others were not changed', () => {
    expect(
      bulkOutcome([
        { ok: true, status: 'approved' },
        { ok: true, status: 'waitlisted' },
        { ok: true, status: 'waitlisted' },
        { ok: false, error: 'A withdrawn registration cannot be approved.' },
      ]),
    ).toBe('1 approved, 2 put on the waiting list, 1 not changed: A withdrawn registration cannot be approved.');
    expect(bulkOutcome([{ ok: true, status: 'rejected' }])).toBe('1 rejected.');
    expect(bulkOutcome([])).toBe('Nothing was changed.');
  });

  it('shows codes as words, and an unknown code as it is', () => {
    expect(categoryWords('member-state')).toBe('Member State delegate');
    expect(statusWords('waitlisted')).toBe('On the waiting list');
    expect(categoryWords('constructor')).toBe('constructor');
  });
});
