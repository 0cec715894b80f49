import { describe, expect, it } from 'vitest';
import type { Meeting } from '../../functions/meetings/meeting.ts';
import { planReminders } from '../../functions/reminders/jobs.ts';

const due = (seats: number[]) =>
  seats.map((seatsTaken, i) => ({ meeting: { meetingId: `m${i}`, seatsTaken } as Meeting, days: 7 }));
const ids = (items: { meeting: Meeting }[]) => items.map((item) => item.meeting.meetingId).sort();

describe('which due meetings a run of meeting-reminders hands to the job queue', () => {
  it('keeps everything without a job queue', () => {
    const plan = planReminders(due([50_000, 3]), undefined);
    expect(ids(plan.own)).toEqual(['m0', 'm1']);
    expect(plan.handed).toEqual([]);
  });

  it('hands over each meeting at the limit or above, and those that would take the run past it', () => {
    const plan = planReminders(due([10, 1, 5, 2, 8]), 8);
    // 1 + 2 = 3 stay; 3 + 5 = 8 is not under 8; 8 and 10 are at or above it.
    expect(ids(plan.own)).toEqual(['m1', 'm3']);
    expect(ids(plan.handed)).toEqual(['m0', 'm2', 'm4']);
  });

  it('keeps meetings with nobody to remind, and hands over nothing when all fit', () => {
    const plan = planReminders(due([0, 0, 4]), 20_000);
    expect(plan.own).toHaveLength(3);
    expect(plan.handed).toEqual([]);
  });
});
