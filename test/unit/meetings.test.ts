import { describe, expect, it } from 'vitest';
import {
  getMeeting,
  getMeetingOverview,
  type Meeting,
  type MeetingRepository,
} from '../../functions/meetings/index.ts';
import { describeWhen } from '../../functions/meetings/when.ts';
import { MEETING_6 } from '../../infra/local/seed-data.ts';

const meeting = (id: string, startsAt: string, endsAt: string): Meeting => ({
  ...MEETING_6,
  meetingId: id,
  startsAt,
  endsAt,
  requiresApproval: false,
  seatsTaken: 0,
  calendarSequence: 0,
  notifiedSequence: 0,
  retentionDays: 180,
  version: 1,
});

const repository = (all: Meeting[]): MeetingRepository => ({
  getMeeting: async (id) => all.find((m) => m.meetingId === id),
  listMeetings: async () => [...all].sort((a, b) => a.startsAt.localeCompare(b.startsAt)),
});

describe('meetings', () => {
  it('describes meeting 6 as Circular 352 does: Geneva time', () => {
    expect(describeWhen(MEETING_6)).toBe('7 December 2021, 10:00–15:30 Geneva time');
  });

  it('describes a summer meeting in CEST and a multi-day one with both days', () => {
    expect(
      describeWhen({ startsAt: '2026-06-10T08:00:00Z', endsAt: '2026-06-10T10:00:00Z', timeZone: 'Europe/Zurich' }),
    ).toBe('10 June 2026, 10:00–12:00 Geneva time');
    expect(
      describeWhen({ startsAt: '2026-06-10T08:00:00Z', endsAt: '2026-06-11T15:00:00Z', timeZone: 'America/New_York' }),
    ).toBe('10 June 2026 04:00 – 11 June 2026 11:00 America/New_York');
  });

  it('splits meetings into upcoming (soonest first) and past (latest first); one under way is upcoming', async () => {
    const deps = {
      meetings: repository([
        meeting('old', '2021-12-07T09:00:00Z', '2021-12-07T14:30:00Z'),
        meeting('older', '2020-01-01T09:00:00Z', '2020-01-01T10:00:00Z'),
        meeting('now', '2026-11-23T08:00:00Z', '2026-11-23T18:00:00Z'),
        meeting('next', '2027-01-01T09:00:00Z', '2027-01-01T10:00:00Z'),
      ]),
      now: () => new Date('2026-11-23T12:00:00Z'),
    };
    const { upcoming, past } = await getMeetingOverview(deps);
    expect(upcoming.map((m) => m.meetingId)).toEqual(['now', 'next']);
    expect(past.map((m) => m.meetingId)).toEqual(['old', 'older']);
  });

  it('an unknown meeting is a NotFoundError naming the id', async () => {
    await expect(
      getMeeting({ meetingId: undefined as never, meetings: repository([]), now: () => new Date() } as never, 'x-1'),
    ).rejects.toMatchObject({
      statusCode: 404,
      message: 'No meeting has the id "x-1".',
    });
  });
});
