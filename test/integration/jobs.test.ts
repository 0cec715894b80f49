import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import './support.ts';
import {
  emailsTo,
  issuer,
  linkIn,
  platform,
  postForm,
  postJson,
  type SentEmail,
  uniqueEmail,
  waitForEmails,
} from './support.ts';

/**
 * The scheduled jobs, run for chosen moments through the same handlers the schedulers call.
 * Each (job, recipient, occurrence) must be emailed exactly once, however often the job runs.
 */
const { startLocalMailQueue } = await import('../../infra/local/mail-queue.ts');
const { invokeJob } = await import('../../infra/local/scheduler.ts');
const { startLocalJobQueue } = await import('../../infra/local/job-queue.ts');
const { JOBS } = await import('../../functions/routes.ts');
const { store } = await import('../../functions/adapters/dynamodb/store.ts');
const { governanceStore } = await import('../../functions/adapters/dynamodb/governance.ts');

let queue: Awaited<ReturnType<typeof startLocalMailQueue>>;
let secretariat: Record<string, string>;
const DAY = 86_400_000;
let ip = 0;
const anyIp = () => `127.0.60.${(ip++ % 250) + 1}`;

beforeAll(async () => {
  // This worker delivers what the jobs it runs queue, as the platform's sender would.
  queue = await startLocalMailQueue({ onError: (error) => console.error(error) });
  secretariat = {
    authorization: `Bearer ${await (await issuer()).sign({ email: 'jobs@itu.int', roles: ['secretariat'] })}`,
  };
});
afterAll(() => queue.stop());

async function run(name: string, at: Date) {
  const job = JOBS.find((j) => j.name === name);
  if (!job) throw new Error(`no job ${name}`);
  const result = (await invokeJob(job, at)) as { due: number; queued: number };
  await queue.idle();
  return result;
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 400));

async function approvedRegistrants(
  count: number,
  startsAt: Date,
  extra: Record<string, unknown> = {},
  name = 'Reminded Person',
) {
  const created = await postJson(
    '/api/meetings',
    {
      meetingId: `it-job-${Math.random().toString(36).slice(2, 8)}`,
      number: 77,
      title: 'Reminder test meeting',
      organisers: ['ITU'],
      format: 'virtual',
      startsAt: startsAt.toISOString(),
      endsAt: new Date(startsAt.getTime() + 2 * 3_600_000).toISOString(),
      languages: ['en'],
      joiningDetails: 'https://meet.example.org/jobs',
      ...extra,
    },
    anyIp(),
    secretariat,
  );
  expect(created.status, created.text).toBe(201);
  const meeting = created.json<{ meetingId: string }>();
  const emails = Array.from({ length: count }, (_, i) => uniqueEmail(`job${i}`));
  for (const email of emails) {
    await postJson(
      `/api/meetings/${meeting.meetingId}/registrations`,
      {
        name,
        email,
        organisation: 'City',
        category: 'individual',
        country: 'DE',
        title: 'Planner',
        privacyConsent: true,
        language: 'en',
      },
      anyIp(),
    );
    const [mail] = await waitForEmails(email, /Confirm your registration/);
    const link = new URL(linkIn(mail as SentEmail, '/verify'));
    await postForm(link.pathname, { token: link.searchParams.get('token') ?? '' }, anyIp());
    await waitForEmails(email, /^Registration confirmed/);
  }
  return { meetingId: meeting.meetingId, emails };
}

const remindersTo = async (email: string) => (await emailsTo(email)).filter((m) => /^Reminder:/.test(m.subject));

describe('meeting-reminders', () => {
  it('7 days and 1 day before: each approved registrant once per reminder, however often the job runs; nothing between', async () => {
    const start = new Date(Date.now() + 10 * DAY);
    const { emails } = await approvedRegistrants(3, start);
    const sevenDaysBefore = new Date(start.getTime() - 7 * DAY + 3_600_000);

    const first = await run('meeting-reminders', sevenDaysBefore);
    expect(first.queued).toBeGreaterThanOrEqual(3);
    // Again, and twice at once (an overlapping run): nothing new.
    const again = await Promise.all([
      run('meeting-reminders', sevenDaysBefore),
      run('meeting-reminders', new Date(sevenDaysBefore.getTime() + 60_000)),
    ]);
    expect(again.map((r) => r.queued)).toEqual([0, 0]);
    await settle();
    for (const email of emails) {
      const reminders = await remindersTo(email);
      expect(reminders, email).toHaveLength(1);
      expect(reminders[0]?.subject).toContain('in 7 day(s)');
      expect(reminders[0]?.attachments.map((a) => a.filename)).toContain('invite.ics');
      // The reminder travels whole to the sender, its manage token with it: its link is the
      // registrant's own, as in the confirmation, and opens the self-service page.
      const [confirmed] = await waitForEmails(email, /^Registration confirmed/);
      const manage = linkIn(reminders[0] as SentEmail, 'token=');
      expect(manage).toBe(linkIn(confirmed as SentEmail, 'token='));
      const page = await fetch(manage.replace(/^https?:\/\/[^/]+/, platform.baseUrl));
      expect(page.status).toBe(200);
      // Its calendar entry, made without reading the registration, is the registrant's own entry.
      const uid = (mail: SentEmail | undefined) => {
        const ics = mail?.attachments.find((a) => a.filename === 'invite.ics');
        return /^UID:(.*)$/m.exec(Buffer.from(ics?.content ?? '', 'base64').toString('utf8'))?.[1]?.trim();
      };
      expect(uid(reminders[0])).toMatch(/@u4ssc$/);
      expect(uid(reminders[0])).toBe(uid(confirmed));
    }

    // Four days before: nothing is due.
    const between = await run('meeting-reminders', new Date(start.getTime() - 4 * DAY));
    expect(between.queued).toBe(0);

    await run('meeting-reminders', new Date(start.getTime() - DAY + 3_600_000));
    await settle();
    for (const email of emails) {
      const reminders = await remindersTo(email);
      expect(reminders.map((r) => r.subject.includes('in 1 day(s)'))).toEqual([false, true]);
    }
  }, 60_000);

  it('the approval email carries the personal invitation as a PDF', async () => {
    const { emails } = await approvedRegistrants(1, new Date(Date.now() + 12 * DAY));
    const [confirmed] = await waitForEmails(emails[0] ?? '', /^Registration confirmed/);
    const invitation = confirmed?.attachments.find((a) => a.filename?.startsWith('U4SSC-invitation'));
    expect(invitation?.contentType).toBe('application/pdf');
    expect(
      Buffer.from(invitation?.content ?? '', 'base64')
        .subarray(0, 5)
        .toString(),
    ).toBe('%PDF-');
  }, 30_000);
});

describe('meeting-reminders hands large meetings to the job queue', () => {
  let jobQueue: Awaited<ReturnType<typeof startLocalJobQueue>>;
  const failures: unknown[] = [];
  beforeAll(async () => {
    // Three approved registrants or more make a meeting large here (20,000 by default).
    process.env.REMINDERS_FAN_OUT_AT = '3';
    jobQueue = await startLocalJobQueue({ onError: (error) => failures.push(error), redeliveryMs: 50 });
  });
  afterAll(async () => {
    await jobQueue.stop();
    delete process.env.REMINDERS_FAN_OUT_AT;
  });
  const drained = async () => {
    await jobQueue.settled();
    await queue.idle();
    await settle();
  };
  // A moment no other test's meeting is due at.
  const start = new Date(Date.UTC(2044, 2, 10 + Math.floor(Math.random() * 200), 10));
  const sevenDaysBefore = new Date(start.getTime() - 7 * DAY + 3_600_000);

  it('each large meeting is reminded in its own piece, the small one in the run; everyone once, however often it runs', async () => {
    const large = [await approvedRegistrants(3, start), await approvedRegistrants(4, start)];
    const small = await approvedRegistrants(1, start);

    const first = (await run('meeting-reminders', sevenDaysBefore)) as { handedOver?: number; queued: number };
    expect(first.handedOver).toBe(2);
    expect(first.queued).toBe(1); // the small meeting's one registrant, in the run itself
    await drained();
    // The same run again (the scheduler's retry): the pieces are handed over again and send nothing new.
    const again = (await run('meeting-reminders', sevenDaysBefore)) as { handedOver?: number; queued: number };
    expect(again).toMatchObject({ handedOver: 2, queued: 0 });
    await drained();

    for (const email of [...large.flatMap((m) => m.emails), ...small.emails]) {
      const reminders = await remindersTo(email);
      expect(reminders, email).toHaveLength(1);
      expect(reminders[0]?.subject).toContain('in 7 day(s)');
    }
    expect(jobQueue.stats()).toMatchObject({ handed: 4, done: 4, givenUp: 0 });
    expect(failures).toEqual([]);
  }, 120_000);

  it('a piece for a meeting no longer due sends nothing; a piece that is not one is retried, then given up', async () => {
    const { meetingId, emails } = await approvedRegistrants(3, start);
    const before = jobQueue.stats();
    // The 1-day offset of a run seven days before: not due then.
    jobQueue.send(JSON.stringify({ job: 'meeting-reminders', run: sevenDaysBefore.toISOString(), meetingId, days: 1 }));
    jobQueue.send(JSON.stringify({ job: 'meeting-reminders', run: 'yesterday', meetingId, days: 7 }));
    await drained();
    for (const email of emails) expect(await remindersTo(email), email).toHaveLength(0);
    expect(jobQueue.stats()).toMatchObject({ handed: before.handed + 2, done: before.done + 1, givenUp: 1 });
    expect(String(failures.at(-1))).toMatch(/gave up after 4 receives/);
    failures.length = 0;
  }, 60_000);
});

describe('the personal invitation never greets nobody', () => {
  it.skipIf(!existsSync('/usr/bin/pdftotext'))(
    'a name no font can print (emoji only) is replaced by the email address; a Korean name prints',
    async () => {
      for (const [name, expected] of [
        ['😀🎉', undefined],
        ['김민준', '김민준'],
      ] as const) {
        const { emails } = await approvedRegistrants(1, new Date(Date.now() + 12 * DAY), {}, name);
        const email = emails[0] ?? '';
        const [confirmed] = await waitForEmails(email, /^Registration confirmed/);
        const invitation = confirmed?.attachments.find((a) => a.filename?.startsWith('U4SSC-invitation'));
        const dir = mkdtempSync(join(tmpdir(), 'u4ssc-inv-'));
        writeFileSync(join(dir, 'i.pdf'), Buffer.from(invitation?.content ?? '', 'base64'));
        const text = execFileSync('pdftotext', [join(dir, 'i.pdf'), '-'], { encoding: 'utf8' });
        expect(text).toContain(expected ?? email);
        expect(text).not.toMatch(/Dear\s*,/);
      }
    },
    60_000,
  );
});

describe('the other jobs', () => {
  it('approval-digest: one a day to the secretariat, with what waits', async () => {
    const created = await postJson(
      '/api/meetings',
      {
        meetingId: `it-digest-${Math.random().toString(36).slice(2, 8)}`,
        number: 78,
        title: 'Digest meeting',
        organisers: ['ITU'],
        format: 'virtual',
        startsAt: new Date(Date.now() + 30 * DAY).toISOString(),
        endsAt: new Date(Date.now() + 30 * DAY + 3_600_000).toISOString(),
        languages: ['en'],
        requiresApproval: true,
      },
      anyIp(),
      secretariat,
    );
    const meetingId = created.json<{ meetingId: string }>().meetingId;
    const email = uniqueEmail('pending');
    await postJson(
      `/api/meetings/${meetingId}/registrations`,
      {
        name: 'Waiting Person',
        email,
        organisation: 'Org',
        category: 'academia',
        country: 'FR',
        title: 'Dr',
        privacyConsent: true,
      },
      anyIp(),
    );
    const [mail] = await waitForEmails(email, /Confirm your registration/);
    const link = new URL(linkIn(mail as SentEmail, '/verify'));
    await postForm(link.pathname, { token: link.searchParams.get('token') ?? '' }, anyIp());

    // 09:00 UTC two days on: the second run an hour later is the same day in Geneva.
    const day = new Date(Math.floor((Date.now() + 2 * DAY) / DAY) * DAY + 9 * 3_600_000);
    // Other suites send the secretariat digests too: count those that list this registrant.
    const ours = async () =>
      (await emailsTo('u4ssc@itu.int')).filter(
        (m) => /waiting for a decision/.test(m.subject) && (m.body.text ?? '').includes('Waiting Person'),
      );
    const before = (await ours()).length;
    const all = async () => (await emailsTo('u4ssc@itu.int')).filter((m) => /waiting for a decision/.test(m.subject));
    const allBefore = (await all()).length;
    // One a day: the second run of the same day queues nothing.
    expect((await run('approval-digest', day)).queued).toBe(1);
    expect((await run('approval-digest', new Date(day.getTime() + 3_600_000))).queued).toBe(0);
    await settle();
    if ((await ours()).length > before) {
      expect((await ours()).length - before).toBe(1);
    } else {
      // Other suites leave more than 100 older items waiting: the digest lists the 100 oldest
      // and counts the rest, this registrant (the newest) among them.
      const text = (await all()).slice(allBefore).at(-1)?.body.text ?? '';
      expect(text).toMatch(/… and \d+ more, listed in the console/);
    }
  }, 30_000);

  it('approval-digest: lists the 100 oldest waiting of a meeting and counts the rest, without reading them all', async () => {
    const { registrationStore } = await import('../../functions/adapters/dynamodb/registrations.ts');
    const { DIGEST_ITEMS } = await import('../../functions/reminders/jobs.ts');
    const meetingId = `it-digest-many-${Math.random().toString(36).slice(2, 8)}`;
    const starts = Date.now() + 300 * DAY;
    await store()
      .entities.meeting.create({
        meetingId,
        number: 79,
        title: 'Crowded digest meeting',
        organisers: ['ITU'],
        format: 'virtual',
        startsAt: new Date(starts).toISOString(),
        endsAt: new Date(starts + 3_600_000).toISOString(),
        timeZone: 'Europe/Zurich',
        languages: ['en'],
        objectives: [],
        version: 1,
      })
      .go();
    const registrations = registrationStore(store());
    const total = DIGEST_ITEMS + 7;
    // Waiting since long ago (older than any other suite's), one second apart: the oldest first.
    const since = Date.UTC(2020, 0, 1);
    await Promise.all(
      Array.from({ length: total }, (_, i) => {
        const at = new Date(since + i * 1000).toISOString();
        return registrations.createRegistration(
          {
            meetingId,
            registrationId: `r${String(i).padStart(4, '0')}`,
            name: `Crowd ${String(i).padStart(4, '0')}`,
            email: uniqueEmail(`crowd${i}`),
            organisation: 'Org',
            category: 'academia',
            country: 'FR',
            title: 'Dr',
            language: 'en',
            listConsent: false,
            status: 'pending',
            statusAt: at,
            holdsSeat: false,
            privacyConsentAt: at,
            manageToken: `token-${i}`,
            createdAt: at,
            version: 1,
          },
          [],
        );
      }),
    );
    expect(await registrations.countByStatus(meetingId, 'pending')).toBe(total);
    const before = (await emailsTo('u4ssc@itu.int')).length;
    await run('approval-digest', new Date(starts - 200 * DAY));
    await settle();
    const digest = (await emailsTo('u4ssc@itu.int'))
      .slice(before)
      .find((m) => /waiting for a decision/.test(m.subject) && (m.body.text ?? '').includes('Crowd 0000'));
    const text = digest?.body.text ?? '';
    const count = Number(/^(\d+) registration/.exec(digest?.subject ?? '')?.[1]);
    expect(count).toBeGreaterThanOrEqual(total);
    const listed = text.split('\n').filter((line) => line.startsWith('- '));
    expect(listed).toHaveLength(DIGEST_ITEMS);
    // The oldest first: this meeting's, from Crowd 0000 on; the 7 newest of them are counted, not listed.
    expect(listed[0]).toContain('Crowd 0000');
    expect(text).not.toContain(`Crowd ${String(total - 1).padStart(4, '0')}`);
    expect(text).toContain(`and ${count - DIGEST_ITEMS} more`);
  }, 60_000);

  it('term-expiry: 60 days before, to the holder and the secretariat, once', async () => {
    const at = new Date('2031-03-01T07:00:00Z');
    const holder = uniqueEmail('chair');
    await governanceStore(store()).createOfficeIfAbsent({
      officeId: `it-office-${Math.random().toString(36).slice(2, 8)}`,
      role: 'vice-chair',
      title: 'Vice-Chair of U4SSC',
      holderName: 'Vice Chair',
      holderEmail: holder,
      termStart: '2029-04-30T12:00:00Z',
      termEnd: new Date(at.getTime() + 60 * DAY - 3_600_000).toISOString(),
    });
    await run('term-expiry', at);
    await run('term-expiry', at);
    await settle();
    const notices = (await emailsTo(holder)).filter((m) => /Term ending in 60 days/.test(m.subject));
    expect(notices).toHaveLength(1);
    expect((await run('term-expiry', new Date(at.getTime() + 10 * DAY))).queued).toBe(0);
  }, 30_000);

  it("ip-lead-quarterly: in the quarter's last month when no e-meeting is recorded; not once one is", async () => {
    const governance = governanceStore(store());
    const lead = uniqueEmail('iplead');
    await governance.createOfficeIfAbsent({
      officeId: `it-ip-${Math.random().toString(36).slice(2, 8)}`,
      role: 'ip-lead',
      title: 'IP lead',
      holderName: 'IP Lead',
      holderEmail: lead,
      termStart: '2040-01-01T00:00:00Z',
      termEnd: '2042-01-01T00:00:00Z',
    });
    expect((await run('ip-lead-quarterly', new Date('2040-02-15T09:00:00Z'))).due).toBe(0); // not the last month
    await run('ip-lead-quarterly', new Date('2040-03-01T09:00:00Z'));
    await run('ip-lead-quarterly', new Date('2040-03-15T09:00:00Z'));
    await settle();
    expect((await emailsTo(lead)).filter((m) => /2040-Q1/.test(m.subject))).toHaveLength(1);
    await governance.recordIpLeadMeeting({ quarter: '2040-Q2', heldOn: '2040-05-10' });
    expect((await run('ip-lead-quarterly', new Date('2040-06-15T09:00:00Z'))).due).toBe(0);
  }, 30_000);

  it("hub-report-due: in January, each active hub without last year's report, once", async () => {
    const contact = uniqueEmail('hub');
    await governanceStore(store()).createHubIfAbsent({
      hubId: `it-hub-${Math.random().toString(36).slice(2, 8)}`,
      name: 'Test Hub',
      contactName: 'Hub Contact',
      contactEmail: contact,
      active: true,
      lastReportYear: 2040,
    });
    await run('hub-report-due', new Date('2042-01-15T09:00:00Z'));
    await run('hub-report-due', new Date('2042-01-15T09:00:00Z'));
    await settle();
    expect((await emailsTo(contact)).filter((m) => /annual report 2041 due/.test(m.subject))).toHaveLength(1);
    expect((await run('hub-report-due', new Date('2042-06-15T09:00:00Z'))).due).toBe(0);
  }, 30_000);
});

describe('npm run job', () => {
  it('refuses an unknown job with the list of jobs', async () => {
    const { spawnSync } = await import('node:child_process');
    const result = spawnSync(process.execPath, ['infra/local/job.ts', 'no-such-job'], { encoding: 'utf8' });
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('Unknown job "no-such-job"');
    expect(result.stderr).toContain('meeting-reminders');
  });
});
