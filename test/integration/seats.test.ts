import { beforeAll, describe, expect, it } from 'vitest';
import {
  issuer,
  linkIn,
  platform,
  postForm,
  postJson,
  request,
  type SentEmail,
  uniqueEmail,
  waitForEmails,
} from './support.ts';

/**
 * Seats under races, over HTTP against the local engines: a capacity cut while registrants
 * confirm, and withdrawals at once that refill the seats from the waiting list.
 */
const FROM = '127.0.0.31';
let ipCounter = 0;
/** Public writes come from ever new loopback addresses, so the per-client limit never mixes up. */
const anyIp = () => `127.0.${40 + Math.floor(ipCounter / 250)}.${(ipCounter++ % 250) + 1}`;
let secretariat: Record<string, string>;

beforeAll(async () => {
  const local = await issuer();
  secretariat = { authorization: `Bearer ${await local.sign({ email: 'officer@itu.int', roles: ['secretariat'] })}` };
});

let meetingCounter = 700;
const DAY = 86_400_000;

interface MeetingState {
  meetingId: string;
  version: number;
  seatsTaken: number;
  capacity?: number;
}

async function createMeeting(capacity: number): Promise<MeetingState> {
  const number = meetingCounter++;
  const start = new Date(Date.now() + 20 * DAY);
  const response = await postJson(
    '/api/meetings',
    {
      meetingId: `it-seats-${number}-${Math.random().toString(36).slice(2, 6)}`,
      number,
      title: `Seats meeting ${number}`,
      organisers: ['ITU'],
      format: 'virtual',
      startsAt: start.toISOString(),
      endsAt: new Date(start.getTime() + 3 * 3_600_000).toISOString(),
      languages: ['en'],
      joiningDetails: 'https://meet.example.org/seats',
      capacity,
    },
    FROM,
    secretariat,
  );
  expect(response.status, response.text).toBe(201);
  return response.json<MeetingState>();
}

const meetingNow = async (meetingId: string) =>
  (await request('GET', `/api/meetings/${meetingId}`, { from: FROM })).json<MeetingState>();

async function register(meetingId: string, email: string) {
  const response = await postJson(
    `/api/meetings/${meetingId}/registrations`,
    {
      name: 'Amina Diallo',
      email,
      organisation: 'Ministry of Digital Economy',
      category: 'member-state',
      country: 'SN',
      title: 'Director of Smart Cities',
      privacyConsent: true,
    },
    anyIp(),
  );
  expect(response.status, response.text).toBe(202);
}

/** The verification link emailed to the address. */
async function verifyLink(email: string): Promise<URL> {
  const [mail] = await waitForEmails(email, /Confirm your registration/, 1, 30_000);
  return new URL(linkIn(mail as SentEmail, '/verify'));
}

const confirm = (link: URL) =>
  postForm(`${link.pathname}${link.search}`, { token: link.searchParams.get('token') ?? '' }, anyIp());

async function registrations(meetingId: string, status: string) {
  const response = await request('GET', `/api/meetings/${meetingId}/registrations?status=${status}`, {
    from: FROM,
    headers: secretariat,
  });
  expect(response.status).toBe(200);
  return response.json<{ registrations: { registrationId: string; email: string; status: string }[] }>().registrations;
}

/** Every email the SES emulator holds, by recipient (one fetch). */
async function mailbox(): Promise<Map<string, SentEmail[]>> {
  const store = (await (await fetch(`${platform.sesUrl}/store`)).json()) as { emails: SentEmail[] };
  const byRecipient = new Map<string, SentEmail[]>();
  for (const email of store.emails) {
    for (const to of email.destination.to) {
      const address = (to.match(/<([^>]+)>/)?.[1] ?? to).toLowerCase();
      byRecipient.set(address, [...(byRecipient.get(address) ?? []), email]);
    }
  }
  return byRecipient;
}

/** Waits until every address has an email whose subject matches one of `outcomes`. */
async function waitForOutcomes(addresses: string[], outcomes: RegExp, timeoutMs = 30_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const box = await mailbox();
    const missing = addresses.filter((a) => !(box.get(a.toLowerCase()) ?? []).some((m) => outcomes.test(m.subject)));
    if (missing.length === 0) break;
    if (Date.now() > deadline) throw new Error(`No outcome email for ${missing.length} of ${addresses.length}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  // Late duplicates, if any, have time to arrive before the counts are taken.
  await new Promise((resolve) => setTimeout(resolve, 1_000));
  return mailbox();
}

const count = (box: Map<string, SentEmail[]>, address: string, subject: RegExp) =>
  (box.get(address.toLowerCase()) ?? []).filter((m) => subject.test(m.subject)).length;

describe('a capacity cut while registrants confirm', () => {
  it.each([10, 40])(
    'cut %i ms into 35 confirmations at once (30 seats, 40 registrants, cut to the seats taken): never overbooked',
    async (delayMs) => {
      const meeting = await createMeeting(30);
      const emails = Array.from({ length: 40 }, (_, i) => uniqueEmail(`cut${i}`));
      await Promise.all(emails.map((email) => register(meeting.meetingId, email)));
      const links = await Promise.all(emails.map(verifyLink));
      // Four confirm first: four seats are taken when the secretariat reads the meeting.
      for (const link of links.slice(0, 4)) expect((await confirm(link)).status).toBe(303);
      const read = await meetingNow(meeting.meetingId);
      expect(read.seatsTaken).toBe(4);

      // The confirmations read the meeting (30 seats) first; the cut lands while they write.
      const confirming = Promise.all(links.slice(4, 39).map(confirm));
      await new Promise((resolve) => setTimeout(resolve, delayMs));
      const cut = await request('PATCH', `/api/meetings/${meeting.meetingId}`, {
        from: FROM,
        body: JSON.stringify({ version: read.version, capacity: read.seatsTaken }),
        headers: { ...secretariat, 'content-type': 'application/json' },
      });
      const confirmations = await confirming;
      expect(confirmations.map((c) => c.status)).toEqual(Array(35).fill(303));
      const after = await meetingNow(meeting.meetingId);
      if (cut.status === 200) {
        expect(after.capacity).toBe(4);
      } else {
        // Refused: someone took a seat between the read and the cut; the answer says how many hold one.
        expect(cut.status, cut.text).toBe(409);
        const problem = cut.json<{ detail: string; seatsTaken: number }>();
        expect(problem.detail).toContain(`${problem.seatsTaken} registrations hold a seat`);
        expect(problem.seatsTaken).toBeGreaterThan(4);
        expect(after.capacity).toBe(30);
      }
      const approved = await registrations(meeting.meetingId, 'approved');
      expect(after.seatsTaken).toBeLessThanOrEqual(after.capacity ?? 0);
      expect(approved).toHaveLength(after.seatsTaken);

      const confirmed = emails.slice(0, 39);
      const box = await waitForOutcomes(confirmed, /^(Registration confirmed|On the waiting list)/);
      const approvalEmails = confirmed.reduce((n, a) => n + count(box, a, /^Registration confirmed/), 0);
      expect(approvalEmails).toBe(approved.length);
      for (const address of confirmed) {
        expect(count(box, address, /^(Registration confirmed|On the waiting list)/), address).toBe(1);
      }
    },
    120_000,
  );

  it('a cut below the seats taken is refused with 409, naming how many hold a seat', async () => {
    const meeting = await createMeeting(5);
    const emails = [uniqueEmail('held1'), uniqueEmail('held2')];
    for (const email of emails) {
      await register(meeting.meetingId, email);
      expect((await confirm(await verifyLink(email))).status).toBe(303);
    }
    const read = await meetingNow(meeting.meetingId);
    const cut = await request('PATCH', `/api/meetings/${meeting.meetingId}`, {
      from: FROM,
      body: JSON.stringify({ version: read.version, capacity: 1 }),
      headers: { ...secretariat, 'content-type': 'application/json' },
    });
    expect(cut.status).toBe(409);
    expect(cut.json()).toMatchObject({ seatsTaken: 2, detail: expect.stringContaining('2 registrations hold a seat') });
    expect((await meetingNow(meeting.meetingId)).capacity).toBe(5);
  });
});

describe('withdrawals at once refill from the waiting list', () => {
  it.each([1, 2, 3, 4])(
    'trial %i: three withdraw at once → the first three waiting are promoted, the rest keep their order, one email each',
    async () => {
      const meeting = await createMeeting(3);
      const holders = [uniqueEmail('hold0'), uniqueEmail('hold1'), uniqueEmail('hold2')];
      const waiting = Array.from({ length: 7 }, (_, i) => uniqueEmail(`wait${i}`));
      // One after another, so the waiting list's order is known.
      for (const email of [...holders, ...waiting]) {
        await register(meeting.meetingId, email);
        expect((await confirm(await verifyLink(email))).status).toBe(303);
      }
      const before = (await registrations(meeting.meetingId, 'waitlisted')).map((r) => r.email);
      expect(before).toEqual(waiting);
      await waitForOutcomes(waiting, /^On the waiting list/);

      const manageLinks = await Promise.all(
        holders.map(async (email) => {
          const [mail] = await waitForEmails(email, /^Registration confirmed/);
          return new URL(linkIn(mail as SentEmail, '/registrations/'));
        }),
      );
      const withdrawals = await Promise.all(
        manageLinks.map((link) =>
          postForm(`${link.pathname}/withdraw?lang=en`, { token: link.searchParams.get('token') ?? '' }, anyIp()),
        ),
      );
      expect(withdrawals.map((w) => w.status)).toEqual([303, 303, 303]);

      const approved = (await registrations(meeting.meetingId, 'approved')).map((r) => r.email).sort();
      expect(approved).toEqual(waiting.slice(0, 3).sort());
      expect((await registrations(meeting.meetingId, 'waitlisted')).map((r) => r.email)).toEqual(waiting.slice(3));
      expect((await meetingNow(meeting.meetingId)).seatsTaken).toBe(3);

      const box = await waitForOutcomes(waiting.slice(0, 3), /^Registration confirmed/);
      for (const address of waiting) {
        expect(count(box, address, /^On the waiting list/), address).toBe(1);
        expect(count(box, address, /^Registration confirmed/), address).toBe(waiting.indexOf(address) < 3 ? 1 : 0);
      }
    },
    120_000,
  );
});

describe('the waiting list position on the self-service page', () => {
  it('counts only those ahead: 1, 2, 3 in order; after the first leaves, the others move up; none once approved', async () => {
    const meeting = await createMeeting(1);
    const holder = uniqueEmail('poshold');
    const waiting = Array.from({ length: 3 }, (_, i) => uniqueEmail(`pos${i}`));
    for (const email of [holder, ...waiting]) {
      await register(meeting.meetingId, email);
      expect((await confirm(await verifyLink(email))).status).toBe(303);
    }
    const linkOf = async (email: string, subject: RegExp) => {
      const [mail] = await waitForEmails(email, subject);
      return new URL(linkIn(mail as SentEmail, '/registrations/'));
    };
    const positionOn = async (link: URL) => {
      const page = await request('GET', `${link.pathname}${link.search}&lang=en`, { from: FROM });
      expect(page.status).toBe(200);
      return /Position on the waiting list: (\d+)/.exec(page.text)?.[1];
    };
    const links = await Promise.all(waiting.map((email) => linkOf(email, /^On the waiting list/)));
    expect(await Promise.all(links.map(positionOn))).toEqual(['1', '2', '3']);

    // The second on the list withdraws: the third moves up, the first keeps its place.
    const second = links[1] as URL;
    const left = await postForm(
      `${second.pathname}/withdraw?lang=en`,
      { token: second.searchParams.get('token') ?? '' },
      anyIp(),
    );
    expect(left.status).toBe(303);
    expect(await positionOn(links[0] as URL)).toBe('1');
    expect(await positionOn(links[2] as URL)).toBe('2');

    // The holder withdraws: the first waiting is approved (no position), the last is first.
    const holderLink = await linkOf(holder, /^Registration confirmed/);
    const gone = await postForm(
      `${holderLink.pathname}/withdraw?lang=en`,
      { token: holderLink.searchParams.get('token') ?? '' },
      anyIp(),
    );
    expect(gone.status).toBe(303);
    expect(await positionOn(links[0] as URL)).toBeUndefined();
    expect(await positionOn(links[2] as URL)).toBe('1');
  }, 120_000);
});
