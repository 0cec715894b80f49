import { beforeAll, describe, expect, it } from 'vitest';
import {
  emailsTo,
  follow,
  issuer,
  linkIn,
  postForm,
  postJson,
  request,
  type SentEmail,
  uniqueEmail,
  waitForEmails,
} from './support.ts';

/** Registration from the form to the approved seat, against the local engines, over HTTP. */
const FROM = '127.0.0.11';
/** Public writes come from ever new loopback addresses, so the per-client limit never mixes tests up. */
let ipCounter = 0;
const anyIp = () => `127.0.${10 + Math.floor(ipCounter / 250)}.${(ipCounter++ % 250) + 1}`;
let secretariat: Record<string, string>;
let participant: Record<string, string>;

beforeAll(async () => {
  const local = await issuer();
  secretariat = { authorization: `Bearer ${await local.sign({ email: 'officer@itu.int', roles: ['secretariat'] })}` };
  participant = { authorization: `Bearer ${await local.sign({ email: 'p@example.org', roles: ['participant'] })}` };
});

let meetingCounter = 100;
const DAY = 86_400_000;

async function createMeeting(overrides: Record<string, unknown> = {}) {
  const number = meetingCounter++;
  const start = new Date(Date.now() + 20 * DAY);
  const response = await postJson(
    '/api/meetings',
    {
      meetingId: `it-reg-${number}-${Math.random().toString(36).slice(2, 6)}`,
      number,
      title: `Integration meeting ${number}`,
      organisers: ['ITU', 'UNECE'],
      format: 'virtual',
      startsAt: start.toISOString(),
      endsAt: new Date(start.getTime() + 3 * 3_600_000).toISOString(),
      timeZone: 'Europe/Zurich',
      languages: ['en'],
      objectives: ['Test the registration'],
      joiningDetails: 'https://meet.example.org/it (passcode 4242)',
      ...overrides,
    },
    FROM,
    secretariat,
  );
  expect(response.status, response.text).toBe(201);
  return response.json<{ meetingId: string; version: number; seatsTaken: number }>();
}

const person = (email: string, extra: Record<string, unknown> = {}) => ({
  name: 'Amina Diallo',
  email,
  organisation: 'Ministry of Digital Economy',
  category: 'member-state',
  country: 'SN',
  title: 'Director of Smart Cities',
  privacyConsent: true,
  listConsent: true,
  ...extra,
});

async function register(meetingId: string, email: string, extra: Record<string, unknown> = {}, from = anyIp()) {
  return postJson(`/api/meetings/${meetingId}/registrations`, person(email, extra), from);
}

/** Registers, opens the emailed link and confirms; answers the confirmation page and the link. */
async function registerAndVerify(meetingId: string, email: string, from = anyIp()) {
  expect((await register(meetingId, email, {}, from)).status).toBe(202);
  const [mail] = await waitForEmails(email, /Confirm your registration/);
  const link = new URL(linkIn(mail as SentEmail, '/verify'));
  const sent = await postForm(`${link.pathname}${link.search}`, { token: link.searchParams.get('token') ?? '' }, from);
  // The confirmation is answered with a redirect to the registration's own page.
  expect(sent.status).toBe(303);
  const confirmed = await follow(sent, from);
  return { confirmed, link };
}

async function registrationsOf(meetingId: string, status?: string) {
  const response = await request(
    'GET',
    `/api/meetings/${meetingId}/registrations${status ? `?status=${status}` : ''}`,
    {
      from: FROM,
      headers: secretariat,
    },
  );
  expect(response.status).toBe(200);
  return response.json<{ registrations: { registrationId: string; email: string; status: string }[] }>().registrations;
}

describe('registering with email verification', () => {
  it('JSON registration → verification email → confirm page → approved, with calendar entry and joining details', async () => {
    const meeting = await createMeeting();
    const email = uniqueEmail('happy');
    const response = await register(meeting.meetingId, email);
    expect(response.status).toBe(202);
    expect(response.json()).toMatchObject({ status: 'check-email' });

    const [verifyMail] = await waitForEmails(email, /^Confirm your registration: Integration meeting/);
    expect(verifyMail?.from).toContain('no-reply@');
    expect(verifyMail?.replyTo).toEqual(['u4ssc@itu.int']);
    const link = new URL(linkIn(verifyMail as SentEmail, '/verify'));
    // The link only asks to confirm: opening it (as a mail scanner would) changes nothing.
    const page = await request('GET', `${link.pathname}${link.search}`, { from: FROM });
    expect(page.status).toBe(200);
    expect(page.text).toContain(email);
    expect((await registrationsOf(meeting.meetingId, 'unverified')).map((r) => r.email)).toContain(email);

    const sent = await postForm(
      `${link.pathname}${link.search}`,
      { token: link.searchParams.get('token') ?? '' },
      anyIp(),
    );
    expect(sent.status).toBe(303);
    expect(sent.headers.location).toMatch(/\/registrations\/[^/?]+\?token=[^&]+&lang=en&done=confirmed$/);
    const confirmed = await follow(sent);
    expect(confirmed.status).toBe(200);
    expect(confirmed.text).toContain('Email address confirmed');
    expect(confirmed.text).toContain('Your registration is approved');

    const [approved] = await waitForEmails(email, /^Registration confirmed/);
    expect(approved?.body.text).toContain('https://meet.example.org/it (passcode 4242)');
    const ics = approved?.attachments.find((a) => a.filename === 'invite.ics');
    expect(ics?.contentType).toContain('text/calendar');
    const calendar = Buffer.from(ics?.content ?? '', 'base64').toString('utf8');
    expect(calendar).toContain('METHOD:PUBLISH');
    expect(calendar).toContain('LOCATION:https://meet.example.org/it');
    expect(calendar).not.toContain('ATTENDEE');
    expect(calendar).not.toContain('RSVP');
    expect(calendar).toMatch(/DTSTART;TZID=Europe\/Zurich:\d{8}T\d{6}/);
    expect(calendar).toContain('BEGIN:VTIMEZONE');
    expect(calendar).toContain('SEQUENCE:0');
    expect((await registrationsOf(meeting.meetingId, 'approved')).map((r) => r.email)).toEqual([email]);
  });

  it('a verification link used twice works once; the second time says it is confirmed and leads to the registration', async () => {
    const meeting = await createMeeting();
    const email = uniqueEmail('twice');
    const { confirmed, link } = await registerAndVerify(meeting.meetingId, email);
    expect(confirmed.status).toBe(200);
    for (const again of [
      await postForm(`${link.pathname}${link.search}`, { token: link.searchParams.get('token') ?? '' }, anyIp()),
      await request('GET', `${link.pathname}${link.search}`, { from: FROM }),
    ]) {
      expect(again.status).toBe(200);
      expect(again.text).toContain('Your registration is already confirmed');
      const manage = /href="([^"]*\/registrations\/[^"]*)"/
        .exec(again.text)?.[1]
        ?.replaceAll('&#x3D;', '=')
        .replaceAll('&amp;', '&');
      const page = await request('GET', manage ?? '', { from: FROM });
      expect(page.status).toBe(200);
      expect(page.text).toContain('Your registration');
      expect(page.text).toContain('Approved');
    }
    // Another token is still refused.
    const forged = await request('GET', `${link.pathname}?token=${'A'.repeat(43)}&lang=en`, { from: FROM });
    expect(forged.status).toBe(410);
    expect(await registrationsOf(meeting.meetingId, 'approved')).toHaveLength(1);
  });

  it('an expired verification link is refused and changes nothing', async () => {
    const meeting = await createMeeting();
    const email = uniqueEmail('expired');
    await register(meeting.meetingId, email);
    const [mail] = await waitForEmails(email, /Confirm your registration/);
    const link = new URL(linkIn(mail as SentEmail, '/verify'));
    // Prepare: the link's 48 hours have passed.
    const { store } = await import('../../functions/adapters/dynamodb/store.ts');
    const registrationId = decodeURIComponent(link.pathname.split('/')[4] ?? '');
    await store()
      .entities.registration.patch({ meetingId: meeting.meetingId, registrationId })
      .set({ verifyExpiresAt: new Date(Date.now() - 1000).toISOString() })
      .go();
    const page = await request('GET', `${link.pathname}${link.search}`, { from: FROM });
    expect(page.status).toBe(410);
    const confirm = await postForm(
      `${link.pathname}${link.search}`,
      { token: link.searchParams.get('token') ?? '' },
      anyIp(),
    );
    expect(confirm.status).toBe(410);
    expect((await registrationsOf(meeting.meetingId)).map((r) => r.status)).toEqual(['unverified']);
  });

  it('a forged token is refused', async () => {
    const meeting = await createMeeting();
    const email = uniqueEmail('forged');
    await register(meeting.meetingId, email);
    const [mail] = await waitForEmails(email, /Confirm your registration/);
    const link = new URL(linkIn(mail as SentEmail, '/verify'));
    const forged = await postForm(link.pathname, { token: 'x'.repeat(43) }, anyIp());
    expect(forged.status).toBe(410);
  });
});

describe('one registration per address and meeting', () => {
  it('the same address again makes no second registration, answers the same, and emails the address how to manage it', async () => {
    const meeting = await createMeeting();
    const email = uniqueEmail('dup');
    await registerAndVerify(meeting.meetingId, email);
    const second = await register(meeting.meetingId, email.toUpperCase(), { name: 'Someone Else' });
    expect(second.status).toBe(202);
    expect(second.json()).toMatchObject({ status: 'check-email' });
    const [notice] = await waitForEmails(email, /^You are already registered/);
    expect(notice?.body.text).toContain('Amina Diallo'); // the registered name, not the submitter's
    expect(notice?.body.text).not.toContain('Someone Else');
    expect(linkIn(notice as SentEmail, '/registrations/')).toContain('token=');
    expect(await registrationsOf(meeting.meetingId)).toHaveLength(1);
  });

  it('ten concurrent submissions of one address make exactly one registration', async () => {
    const meeting = await createMeeting();
    const email = uniqueEmail('race');
    const responses = await Promise.all(
      Array.from({ length: 10 }, (_, i) => register(meeting.meetingId, email, {}, `127.0.1.${i + 1}`)),
    );
    expect(responses.map((r) => r.status)).toEqual(Array(10).fill(202));
    expect(await registrationsOf(meeting.meetingId)).toHaveLength(1);
  });

  it('an address that never confirmed gets a fresh link, and the old one stops working', async () => {
    const meeting = await createMeeting();
    const email = uniqueEmail('fresh');
    await register(meeting.meetingId, email);
    const [first] = await waitForEmails(email, /Confirm your registration/);
    await register(meeting.meetingId, email);
    const both = await waitForEmails(email, /Confirm your registration/, 2);
    const oldLink = new URL(linkIn(first as SentEmail, '/verify'));
    const newLink = new URL(linkIn(both.find((m) => m.messageId !== first?.messageId) as SentEmail, '/verify'));
    expect((await postForm(oldLink.pathname, { token: oldLink.searchParams.get('token') ?? '' }, anyIp())).status).toBe(
      410,
    );
    expect((await postForm(newLink.pathname, { token: newLink.searchParams.get('token') ?? '' }, anyIp())).status).toBe(
      303,
    );
  });
});

describe('validation and abuse', () => {
  it('JSON: every bad field gets its own message in a 400 problem', async () => {
    const meeting = await createMeeting();
    const response = await postJson(
      `/api/meetings/${meeting.meetingId}/registrations`,
      {
        name: ' ',
        email: 'not-an-address',
        category: 'king',
        country: 'XK',
        title: 'x'.repeat(201),
        privacyConsent: false,
      },
      anyIp(),
    );
    expect(response.status).toBe(400);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    const { errors } = response.json<{ errors: Record<string, string> }>();
    expect(errors).toMatchObject({
      name: 'This field is required.',
      email: 'Enter an email address such as name@example.org.',
      organisation: 'This field is required.',
      category: 'Choose how you are registering.',
      title: 'Use at most 200 characters.',
      privacyConsent: 'You must agree to the privacy notice to register.',
    });
    expect(errors.country).toMatch(/is not an ITU Member State/);
  });

  it('JSON errors come in the registrant language', async () => {
    const meeting = await createMeeting();
    const response = await postJson(
      `/api/meetings/${meeting.meetingId}/registrations`,
      person('x@example.org', { language: 'fr', country: 'TW' }),
      anyIp(),
    );
    expect(response.status).toBe(400);
    expect(response.json<{ errors: Record<string, string> }>().errors.country).toMatch(
      /n’est pas un État Membre|n'est pas un État Membre/,
    );
  });

  it('the form shows errors beside the fields, in Russian, keeping what was typed', async () => {
    const meeting = await createMeeting();
    const response = await postForm(
      `/meetings/${meeting.meetingId}/register?lang=ru`,
      {
        lang: 'ru',
        name: 'Иван Петров',
        email: 'ivan@',
        organisation: '',
        category: 'academia',
        country: 'RU',
        title: 'Профессор',
      },
      anyIp(),
    );
    expect(response.status).toBe(400);
    expect(response.headers['content-type']).toMatch(/^text\/html/);
    expect(response.text).toContain('<html lang="ru" dir="ltr">');
    expect(response.text).toContain('value="Иван Петров"');
    expect(response.text).toContain('aria-invalid="true"');
    expect(response.text).toContain('Это поле обязательно');
  });

  it('control characters and line breaks in a name are refused', async () => {
    const meeting = await createMeeting();
    const response = await register(meeting.meetingId, uniqueEmail('ctl'), { name: 'Eve\r\nBcc: victim@example.org' });
    expect(response.status).toBe(400);
    expect(response.json<{ errors: Record<string, string> }>().errors.name).toMatch(/line breaks/);
  });

  it('a huge hostile name is refused without storing anything', async () => {
    const meeting = await createMeeting();
    const response = await register(meeting.meetingId, uniqueEmail('huge'), { name: '<script>'.repeat(3000) });
    expect(response.status).toBe(400);
    expect(await registrationsOf(meeting.meetingId)).toHaveLength(0);
  });

  it('a body over 32 KB is refused with 413', async () => {
    const meeting = await createMeeting();
    const response = await register(meeting.meetingId, uniqueEmail('big'), { organisation: 'x'.repeat(40_000) });
    expect(response.status).toBe(413);
  });

  it('a filled honeypot is answered like a success but stores and sends nothing', async () => {
    const meeting = await createMeeting();
    const email = uniqueEmail('bot');
    const response = await register(meeting.meetingId, email, { website: 'http://spam.example' });
    expect(response.status).toBe(202);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(await emailsTo(email)).toHaveLength(0);
    expect(await registrationsOf(meeting.meetingId)).toHaveLength(0);
  });

  it('closed and not-yet-open registration say so', async () => {
    const closed = await createMeeting({
      registrationClosesAt: new Date(Date.now() - DAY).toISOString(),
      registrationOpensAt: new Date(Date.now() - 2 * DAY).toISOString(),
    });
    const notOpen = await createMeeting({ registrationOpensAt: new Date(Date.now() + DAY).toISOString() });
    const a = await register(closed.meetingId, uniqueEmail('closed'));
    expect(a.status).toBe(409);
    expect(a.json()).toMatchObject({ code: 'registration-closed' });
    const b = await register(notOpen.meetingId, uniqueEmail('early'));
    expect(b.status).toBe(409);
    expect(b.json()).toMatchObject({ code: 'registration-not-open' });
    const form = await request('GET', `/meetings/${closed.meetingId}/register`, { from: FROM });
    expect(form.text).toContain('Registration closed on');
    expect(form.text).not.toContain('<form class="stack" method="post"');
  });

  it('an unknown meeting is a 404', async () => {
    expect((await register('no-such-meeting', uniqueEmail('nomeeting'))).status).toBe(404);
  });

  it('more than the per-client limit of public writes a minute gets 429 with Retry-After', async () => {
    const meeting = await createMeeting();
    const from = '127.0.0.99';
    const statuses: number[] = [];
    let retryAfter: string | string[] | undefined;
    for (let i = 0; i < 61; i++) {
      const response = await postJson(`/api/meetings/${meeting.meetingId}/registrations`, { name: '' }, from);
      statuses.push(response.status);
      retryAfter ??= response.status === 429 ? response.headers['retry-after'] : undefined;
    }
    expect(statuses.slice(0, 55).every((s) => s === 400)).toBe(true);
    expect(statuses.at(-1)).toBe(429);
    expect(Number(retryAfter)).toBeGreaterThan(0);
    // Another client is not affected.
    expect(
      (await postJson(`/api/meetings/${meeting.meetingId}/registrations`, { name: '' }, '127.0.0.98')).status,
    ).toBe(400);
  });
});

describe('approval by the secretariat', () => {
  it('a moderated meeting: verified → pending; approved → confirmation with the joining details', async () => {
    const meeting = await createMeeting({ requiresApproval: true });
    const email = uniqueEmail('moderated');
    const { confirmed } = await registerAndVerify(meeting.meetingId, email);
    expect(confirmed.text).toContain('waits for approval');
    await waitForEmails(email, /^Registration received/);
    const [pending] = await registrationsOf(meeting.meetingId, 'pending');
    const approve = await request(
      'POST',
      `/api/meetings/${meeting.meetingId}/registrations/${pending?.registrationId}/approve`,
      {
        from: FROM,
        headers: secretariat,
      },
    );
    expect(approve.status).toBe(200);
    expect(approve.json()).toMatchObject({ status: 'approved', decidedBy: 'officer@itu.int' });
    expect(approve.json()).not.toHaveProperty('manageToken');
    const [mail] = await waitForEmails(email, /^Registration confirmed/);
    expect(mail?.body.text).toContain('passcode 4242');
  });

  it('a participant cannot approve (403); no token is 401', async () => {
    const meeting = await createMeeting({ requiresApproval: true });
    const email = uniqueEmail('wrongrole');
    await registerAndVerify(meeting.meetingId, email);
    const [pending] = await registrationsOf(meeting.meetingId, 'pending');
    const path = `/api/meetings/${meeting.meetingId}/registrations/${pending?.registrationId}/approve`;
    expect((await request('POST', path, { from: FROM, headers: participant })).status).toBe(403);
    expect((await request('POST', path, { from: FROM })).status).toBe(401);
    expect((await registrationsOf(meeting.meetingId, 'pending')).map((r) => r.email)).toEqual([email]);
  });

  it('reject needs a reason, and the registrant reads it', async () => {
    const meeting = await createMeeting({ requiresApproval: true });
    const email = uniqueEmail('reject');
    await registerAndVerify(meeting.meetingId, email);
    const [pending] = await registrationsOf(meeting.meetingId, 'pending');
    const path = `/api/meetings/${meeting.meetingId}/registrations/${pending?.registrationId}/reject`;
    const noReason = await postJson(path, {}, FROM, secretariat);
    expect(noReason.status).toBe(400);
    expect(noReason.json()).toMatchObject({ errors: { reason: 'This field is required.' } });
    const rejected = await postJson(path, { reason: 'The meeting is for city representatives.' }, FROM, secretariat);
    expect(rejected.status).toBe(200);
    const [mail] = await waitForEmails(email, /^Registration not approved/);
    expect(mail?.body.text).toContain('The meeting is for city representatives.');
  });

  it('approving a registration that is not pending is a 409', async () => {
    const meeting = await createMeeting();
    const email = uniqueEmail('notpending');
    await register(meeting.meetingId, email);
    const [unverified] = await registrationsOf(meeting.meetingId, 'unverified');
    const response = await request(
      'POST',
      `/api/meetings/${meeting.meetingId}/registrations/${unverified?.registrationId}/approve`,
      {
        from: FROM,
        headers: secretariat,
      },
    );
    expect(response.status).toBe(409);
  });

  it('bulk decisions report each registration on its own', async () => {
    const meeting = await createMeeting({ requiresApproval: true });
    const emails = [uniqueEmail('bulk1'), uniqueEmail('bulk2')];
    for (const email of emails) await registerAndVerify(meeting.meetingId, email);
    const pending = await registrationsOf(meeting.meetingId, 'pending');
    const response = await postJson(
      `/api/meetings/${meeting.meetingId}/registrations/decisions`,
      { action: 'approve', registrationIds: [...pending.map((r) => r.registrationId), 'no-such-registration'] },
      FROM,
      secretariat,
    );
    expect(response.status).toBe(200);
    const { results } = response.json<{ results: { registrationId: string; ok: boolean; status?: string }[] }>();
    expect(results.filter((r) => r.ok && r.status === 'approved')).toHaveLength(2);
    expect(results.find((r) => r.registrationId === 'no-such-registration')).toMatchObject({ ok: false });
  });
});

describe('seats and the waiting list', () => {
  it('when full, the next registrant is waitlisted; a withdrawal promotes them atomically and tells them', async () => {
    const meeting = await createMeeting({ capacity: 1 });
    const first = uniqueEmail('seat1');
    const second = uniqueEmail('seat2');
    await registerAndVerify(meeting.meetingId, first);
    const { confirmed } = await registerAndVerify(meeting.meetingId, second);
    expect(confirmed.text).toContain('waiting list');
    await waitForEmails(second, /^On the waiting list/);

    const [approvedMail] = await waitForEmails(first, /^Registration confirmed/);
    const manage = new URL(linkIn(approvedMail as SentEmail, '/registrations/'));
    const withdraw = await postForm(
      `${manage.pathname}/withdraw?lang=en`,
      { token: manage.searchParams.get('token') ?? '' },
      anyIp(),
    );
    expect(withdraw.status).toBe(303);
    expect((await follow(withdraw)).text).toContain('Your registration is withdrawn.');
    const [withdrawnMail] = await waitForEmails(first, /^Registration withdrawn/);
    expect(withdrawnMail?.attachments[0]?.filename).toBe('cancel.ics');
    expect(Buffer.from(withdrawnMail?.attachments[0]?.content ?? '', 'base64').toString()).toContain('METHOD:CANCEL');

    const [promoted] = await waitForEmails(second, /^Registration confirmed/);
    expect(promoted?.body.text).toContain('a seat has become free');
    expect((await registrationsOf(meeting.meetingId, 'approved')).map((r) => r.email)).toEqual([second]);
    const state = (await request('GET', `/api/meetings/${meeting.meetingId}`, { from: FROM })).json<{
      seatsTaken: number;
    }>();
    expect(state.seatsTaken).toBe(1);
  });

  it('200 concurrent registrations for the last 10 seats: exactly 10 approved, 190 waitlisted, no error, no duplicate', async () => {
    const meeting = await createMeeting({ capacity: 12 });
    // Two seats are taken already: these are the last 10.
    await registerAndVerify(meeting.meetingId, uniqueEmail('early1'));
    await registerAndVerify(meeting.meetingId, uniqueEmail('early2'));
    const emails = Array.from({ length: 200 }, (_, i) => uniqueEmail(`crowd${i}`));
    // Each from its own loopback address, as 200 people would come.
    const from = (i: number) => `127.0.${2 + Math.floor(i / 200)}.${(i % 200) + 1}`;
    const submitted = await Promise.all(emails.map((email, i) => register(meeting.meetingId, email, {}, from(i))));
    expect(submitted.map((r) => r.status)).toEqual(Array(200).fill(202));

    const store = (await (await fetch(`${(await import('./support.ts')).platform.sesUrl}/store`)).json()) as {
      emails: SentEmail[];
    };
    const deadline = Date.now() + 30_000;
    let verifyMails: SentEmail[] = [];
    while (Date.now() < deadline) {
      const all = (
        (await (await fetch(`${(await import('./support.ts')).platform.sesUrl}/store`)).json()) as {
          emails: SentEmail[];
        }
      ).emails;
      verifyMails = all.filter(
        (m) => emails.includes(m.destination.to[0] ?? '') && /^Confirm your registration/.test(m.subject),
      );
      if (verifyMails.length >= 200) break;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    expect(store).toBeDefined();
    expect(verifyMails).toHaveLength(200);

    const confirmations = await Promise.all(
      verifyMails.map((mail, i) => {
        const link = new URL(linkIn(mail, '/verify'));
        return postForm(link.pathname, { token: link.searchParams.get('token') ?? '' }, from(i));
      }),
    );
    expect(confirmations.map((r) => r.status)).toEqual(Array(200).fill(303));

    const all = await registrationsOf(meeting.meetingId);
    const crowd = all.filter((r) => emails.includes(r.email));
    expect(crowd).toHaveLength(200);
    expect(new Set(crowd.map((r) => r.email)).size).toBe(200);
    expect(crowd.filter((r) => r.status === 'approved')).toHaveLength(10);
    expect(crowd.filter((r) => r.status === 'waitlisted')).toHaveLength(190);
    const state = (await request('GET', `/api/meetings/${meeting.meetingId}`, { from: FROM })).json<{
      seatsTaken: number;
    }>();
    expect(state.seatsTaken).toBe(12);
  }, 120_000);
});

describe('changes to a meeting', () => {
  it('a new time reaches every approved registrant with the same calendar UID and a higher SEQUENCE', async () => {
    const meeting = await createMeeting({ requiresApproval: true });
    const approved = uniqueEmail('change-approved');
    const pending = uniqueEmail('change-pending');
    await registerAndVerify(meeting.meetingId, approved);
    await registerAndVerify(meeting.meetingId, pending);
    const [toApprove] = (await registrationsOf(meeting.meetingId, 'pending')).filter((r) => r.email === approved);
    await request('POST', `/api/meetings/${meeting.meetingId}/registrations/${toApprove?.registrationId}/approve`, {
      from: FROM,
      headers: secretariat,
    });
    const [firstInvite] = await waitForEmails(approved, /^Registration confirmed/);
    const uidOf = (mail: SentEmail | undefined) =>
      /UID:(.+)\r\n/.exec(Buffer.from(mail?.attachments[0]?.content ?? '', 'base64').toString())?.[1];

    const current = (await request('GET', `/api/meetings/${meeting.meetingId}`, { from: FROM })).json<{
      version: number;
      startsAt: string;
    }>();
    const later = new Date(Date.parse(current.startsAt) + 2 * 3_600_000);
    const patch = await request('PATCH', `/api/meetings/${meeting.meetingId}`, {
      from: FROM,
      headers: { ...secretariat, 'content-type': 'application/json' },
      body: JSON.stringify({
        version: current.version,
        startsAt: later.toISOString(),
        endsAt: new Date(later.getTime() + 3_600_000).toISOString(),
      }),
    });
    expect(patch.status, patch.text).toBe(200);
    const [update] = await waitForEmails(approved, /^Meeting updated/);
    const calendar = Buffer.from(update?.attachments[0]?.content ?? '', 'base64').toString();
    expect(calendar).toContain('SEQUENCE:1');
    expect(uidOf(update)).toBe(uidOf(firstInvite));
    // Only approved registrants are told.
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect((await emailsTo(pending)).filter((m) => /^Meeting updated/.test(m.subject))).toHaveLength(0);

    // A stale edit is refused, not applied.
    const stale = await request('PATCH', `/api/meetings/${meeting.meetingId}`, {
      from: FROM,
      headers: { ...secretariat, 'content-type': 'application/json' },
      body: JSON.stringify({ version: current.version, title: 'Lost update' }),
    });
    expect(stale.status).toBe(409);
  });
});

describe('self-service', () => {
  it('the manage link shows the status; details can be changed; data can be downloaded and deleted, freeing the seat', async () => {
    const meeting = await createMeeting({ capacity: 5 });
    const email = uniqueEmail('self');
    await registerAndVerify(meeting.meetingId, email);
    const [mail] = await waitForEmails(email, /^Registration confirmed/);
    const manage = new URL(linkIn(mail as SentEmail, '/registrations/'));
    const token = manage.searchParams.get('token') ?? '';

    const page = await request('GET', `${manage.pathname}${manage.search}`, { from: FROM });
    expect(page.status).toBe(200);
    expect(page.text).toContain('Approved');
    expect(page.text).toContain('passcode 4242');
    expect((await request('GET', `${manage.pathname}?token=wrong`, { from: FROM })).status).toBe(410);

    const update = await postForm(
      `${manage.pathname}/update?lang=en`,
      {
        token,
        name: 'Amina Diallo-Sow',
        organisation: 'Ministry',
        category: 'member-state',
        country: 'SN',
        title: 'Director',
        language: 'fr',
      },
      anyIp(),
    );
    expect(update.status).toBe(303);
    expect((await follow(update)).text).toContain('Your changes are saved.');

    const data = await request('GET', `${manage.pathname}/data.json?token=${token}`, { from: FROM });
    expect(data.status).toBe(200);
    expect(data.json()).toMatchObject({ registration: { name: 'Amina Diallo-Sow', email, language: 'fr' } });
    expect(data.text).not.toContain(token);

    const unconfirmed = await postForm(`${manage.pathname}/delete`, { token }, anyIp());
    expect(unconfirmed.status).toBe(400);
    const deleted = await postForm(`${manage.pathname}/delete`, { token, confirm: 'on' }, anyIp());
    expect(deleted.status).toBe(303);
    expect((await follow(deleted)).text).toContain('Your registration and your personal data have been deleted.');
    expect(await registrationsOf(meeting.meetingId)).toHaveLength(0);
    const state = (await request('GET', `/api/meetings/${meeting.meetingId}`, { from: FROM })).json<{
      seatsTaken: number;
    }>();
    expect(state.seatsTaken).toBe(0);
    // The address may register again.
    expect((await register(meeting.meetingId, email)).status).toBe(202);
  });

  it('in a moderated meeting, changed details go back to the secretariat, keeping the seat', async () => {
    const meeting = await createMeeting({ requiresApproval: true, capacity: 3 });
    const email = uniqueEmail('remod');
    await registerAndVerify(meeting.meetingId, email);
    const [pending] = await registrationsOf(meeting.meetingId, 'pending');
    await request('POST', `/api/meetings/${meeting.meetingId}/registrations/${pending?.registrationId}/approve`, {
      from: FROM,
      headers: secretariat,
    });
    const [mail] = await waitForEmails(email, /^Registration confirmed/);
    const manage = new URL(linkIn(mail as SentEmail, '/registrations/'));
    const update = await postForm(
      `${manage.pathname}/update?lang=en`,
      {
        token: manage.searchParams.get('token') ?? '',
        name: 'New Name',
        organisation: 'Org',
        category: 'academia',
        country: 'FR',
        title: 'Prof',
      },
      anyIp(),
    );
    expect((await follow(update)).text).toContain('reviewed again');
    expect((await registrationsOf(meeting.meetingId, 'pending')).map((r) => r.email)).toEqual([email]);
    const state = (await request('GET', `/api/meetings/${meeting.meetingId}`, { from: FROM })).json<{
      seatsTaken: number;
    }>();
    expect(state.seatsTaken).toBe(1);
  });
});

describe('export and retention', () => {
  it('CSV export: UTF-8 with BOM, one row per registration, formulas neutralised; secretariat only', async () => {
    const meeting = await createMeeting();
    const email = uniqueEmail('csv');
    await registerAndVerify(meeting.meetingId, email);
    const { store } = await import('../../functions/adapters/dynamodb/store.ts');
    const [row] = await registrationsOf(meeting.meetingId);
    await store()
      .entities.registration.patch({ meetingId: meeting.meetingId, registrationId: row?.registrationId ?? '' })
      .set({ organisation: '=HYPERLINK("http://evil.example","click")' })
      .go();
    const csv = await request('GET', `/api/meetings/${meeting.meetingId}/registrations.csv`, {
      from: FROM,
      headers: secretariat,
    });
    expect(csv.status).toBe(200);
    expect(csv.headers['content-type']).toMatch(/^text\/csv; charset=utf-8/);
    expect(csv.text.startsWith('\uFEFFStatus,Name,Email')).toBe(true);
    expect(csv.text).toContain(`"'=HYPERLINK(""http://evil.example"",""click"")"`);
    expect(csv.text).toContain(email);
    expect(
      (
        await request('GET', `/api/meetings/${meeting.meetingId}/registrations.csv`, {
          from: FROM,
          headers: participant,
        })
      ).status,
    ).toBe(403);
  });

  it('personal data is deleted the configured number of days after the meeting ended, once', async () => {
    const meeting = await createMeeting({ retentionDays: 1 });
    const email = uniqueEmail('retention');
    await registerAndVerify(meeting.meetingId, email);
    expect(await registrationsOf(meeting.meetingId)).toHaveLength(1);
    const { handler } = await import('../../functions/handlers/job-registration-retention.ts');
    const context = { awsRequestId: 'job', getRemainingTimeInMillis: () => 60_000 } as never;
    const meetingEnd = Date.now() + 20 * DAY + 3 * 3_600_000;
    // The day after the end: kept.
    await handler(
      { job: 'registration-retention', scheduledFor: new Date(meetingEnd + DAY / 2).toISOString() },
      context,
    );
    expect(await registrationsOf(meeting.meetingId)).toHaveLength(1);
    // Past the retention: deleted.
    const result = (await handler(
      { job: 'registration-retention', scheduledFor: new Date(meetingEnd + 2 * DAY).toISOString() },
      context,
    )) as {
      registrations: number;
    };
    expect(result.registrations).toBeGreaterThanOrEqual(1);
    expect(await registrationsOf(meeting.meetingId)).toHaveLength(0);
  });
});
