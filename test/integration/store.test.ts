import { beforeAll, describe, expect, it } from 'vitest';
import './support.ts';
import type { MeetingRepository, NewMeeting } from '../../functions/meetings/meeting.ts';

// Imported after support.ts has pointed the adapters at the local engines.
const { store } = await import('../../functions/adapters/dynamodb/store.ts');
const { meetingRepository } = await import('../../functions/adapters/dynamodb/meetings.ts');
const { ConflictError } = await import('../../functions/errors.ts');

const base: NewMeeting = {
  meetingId: 'it-locking',
  number: 99,
  title: 'Locking test meeting',
  organisers: ['ITU'],
  format: 'hybrid',
  startsAt: '2030-01-10T09:00:00.000Z',
  endsAt: '2030-01-10T12:00:00.000Z',
  timeZone: 'Europe/Zurich',
  languages: ['en', 'fr'],
  objectives: ['Test'],
  eventUrl: undefined,
  announcedBy: undefined,
};

describe('DynamoDB store (ElectroDB on DynamoDB Local)', () => {
  let meetings: ReturnType<typeof meetingRepository> & MeetingRepository;
  beforeAll(async () => {
    meetings = meetingRepository(store());
    await meetings.createMeetingIfAbsent(base);
  });

  it('creating a meeting that exists changes nothing', async () => {
    expect(await meetings.createMeetingIfAbsent({ ...base, title: 'Overwritten?' })).toBe(false);
    expect((await meetings.getMeeting('it-locking'))?.title).toBe('Locking test meeting');
  });

  it('an update at the current version succeeds and bumps the version', async () => {
    const current = await meetings.getMeeting('it-locking');
    const updated = await meetings.updateMeeting('it-locking', current?.version ?? 0, { title: 'Renamed' });
    expect(updated.title).toBe('Renamed');
    expect(updated.version).toBe((current?.version ?? 0) + 1);
  });

  it('an update at a stale version is a 409 conflict and changes nothing', async () => {
    const current = await meetings.getMeeting('it-locking');
    const stale = (current?.version ?? 1) - 1;
    await expect(meetings.updateMeeting('it-locking', stale, { title: 'Lost update' })).rejects.toBeInstanceOf(
      ConflictError,
    );
    expect((await meetings.getMeeting('it-locking'))?.title).toBe(current?.title);
  });

  it('of 10 concurrent updates from the same version exactly one wins', async () => {
    const current = await meetings.getMeeting('it-locking');
    const version = current?.version ?? 0;
    const results = await Promise.allSettled(
      Array.from({ length: 10 }, (_, i) => meetings.updateMeeting('it-locking', version, { title: `Writer ${i}` })),
    );
    const won = results.filter((r) => r.status === 'fulfilled');
    const lost = results.filter((r) => r.status === 'rejected');
    expect(won).toHaveLength(1);
    expect(lost.every((r) => r.status === 'rejected' && r.reason instanceof ConflictError)).toBe(true);
    expect((await meetings.getMeeting('it-locking'))?.version).toBe(version + 1);
  });

  it('a transaction writes all of its items or none', async () => {
    const s = store();
    const ok = await s.transaction
      .write(({ meeting, jobRun }) => [
        meeting.create({ ...base, meetingId: 'it-tx-1', version: 1 }).commit(),
        jobRun.create({ job: 'it-tx', lastScheduledFor: base.startsAt, lastRunAt: base.startsAt }).commit(),
      ])
      .go();
    expect(ok.canceled).toBe(false);

    // The second item already exists, so the whole transaction is cancelled: it-tx-2 is not written.
    const failed = await s.transaction
      .write(({ meeting, jobRun }) => [
        meeting.create({ ...base, meetingId: 'it-tx-2', version: 1 }).commit(),
        jobRun.create({ job: 'it-tx', lastScheduledFor: base.endsAt, lastRunAt: base.endsAt }).commit(),
      ])
      .go();
    expect(failed.canceled).toBe(true);
    expect(await meetings.getMeeting('it-tx-2')).toBeUndefined();
    expect(await meetings.getMeeting('it-tx-1')).toBeDefined();
  });
});
