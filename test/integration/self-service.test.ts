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

/**
 * A registrant never reaches a dead end: forms answer with a redirect (reloading re-sends
 * nothing), withdrawal asks first and can be undone by registering again, a used link leads to
 * the registration, and the self-service page offers the invitation and the calendar entry.
 */
const FROM = '127.0.0.73';
let ip = 0;
const anyIp = () => `127.0.73.${(ip++ % 250) + 2}`;
let secretariat: Record<string, string>;
const DAY = 86_400_000;

beforeAll(async () => {
  const local = await issuer();
  secretariat = { authorization: `Bearer ${await local.sign({ email: 'officer@itu.int', roles: ['secretariat'] })}` };
});

async function createMeeting(overrides: Record<string, unknown> = {}) {
  const start = new Date(Date.now() + 25 * DAY);
  const response = await postJson(
    '/api/meetings',
    {
      meetingId: `it-self-${Math.random().toString(36).slice(2, 8)}`,
      number: 71,
      title: 'Self-service meeting',
      organisers: ['ITU'],
      format: 'virtual',
      startsAt: start.toISOString(),
      endsAt: new Date(start.getTime() + 2 * 3_600_000).toISOString(),
      timeZone: 'Europe/Zurich',
      languages: ['en'],
      objectives: ['Leave no dead end'],
      joiningDetails: 'Join at https://meet.example.org/self?pwd=42 (passcode 4242)',
      ...overrides,
    },
    FROM,
    secretariat,
  );
  expect(response.status, response.text).toBe(201);
  return response.json<{ meetingId: string }>().meetingId;
}

const formFields = (email: string, lang = 'en') => ({
  lang,
  name: 'Amina Diallo',
  email,
  organisation: 'Ministry of Digital Economy',
  category: 'member-state',
  country: 'SN',
  title: 'Director',
  language: lang,
  privacyConsent: 'on',
});

const decode = (href: string) => href.replaceAll('&#x3D;', '=').replaceAll('&amp;', '&');
const hrefOf = (html: string, pattern: RegExp) => decode(pattern.exec(html)?.[1] ?? '');

/** Registers with the form, confirms from the email, and answers the self-service address. */
async function registerWithForm(meetingId: string, email: string, verifyMails = 1) {
  const sent = await postForm(`/meetings/${meetingId}/register?lang=en`, formFields(email), anyIp());
  expect(sent.status).toBe(303);
  const mails = await waitForEmails(email, /^Confirm your registration/, verifyMails);
  const link = new URL(linkIn(mails.at(-1) as SentEmail, '/verify'));
  const confirmed = await postForm(`${link.pathname}${link.search}`, { token: link.searchParams.get('token') ?? '' });
  expect(confirmed.status).toBe(303);
  return new URL(String(confirmed.headers.location), 'http://x');
}

describe('forms answer with a redirect: reloading never sends them again', () => {
  it('the registration form → 303 → “check your email” naming the address; reloading sends nothing more', async () => {
    const meetingId = await createMeeting();
    const email = uniqueEmail('prg');
    const sent = await postForm(`/meetings/${meetingId}/register?lang=fr`, formFields(email, 'fr'), anyIp());
    expect(sent.status).toBe(303);
    expect(sent.headers.location).toBe(`/meetings/${meetingId}/register?lang=fr&sent=1`);
    const cookie = String(sent.headers['set-cookie']?.[0]);
    expect(cookie).toContain(`Path=/meetings/${meetingId}/register`);
    expect(cookie).toContain('HttpOnly');
    expect(cookie).not.toContain(email);

    const page = await follow(sent);
    expect(page.status).toBe(200);
    expect(page.text).toContain('<html lang="fr" dir="ltr">');
    expect(page.text).toContain('Consultez votre messagerie');
    expect(page.text).toContain(email);
    await waitForEmails(email, /./);
    // Reloading is a GET: no second registration, no second email.
    const reloaded = await follow(sent);
    expect(reloaded.text).toContain(email);
    // Without the cookie (another browser), the page still answers, without naming an address.
    const bare = await request('GET', String(sent.headers.location), { from: FROM });
    expect(bare.status).toBe(200);
    expect(bare.text).not.toContain(email);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await emailsTo(email)).toHaveLength(1);
  });

  it('a refused form names each field by its label; a field the form lacks is named as it is', async () => {
    const meetingId = await createMeeting();
    const refused = await postForm(
      `/meetings/${meetingId}/register?lang=en`,
      { ...formFields('not-an-address'), name: '', constructor: 'x', __proto__: 'y' },
      anyIp(),
    );
    expect(refused.status).toBe(400);
    expect(refused.text).toContain('<a href="#name">Full name: This field is required.</a>');
    expect(refused.text).toContain('<a href="#email">Email address: Enter an email address');
    expect(refused.text).toMatch(/<li>[^<]*This form has no such field\.<\/li>/);
    expect(refused.text).toContain('autofocus');
  });

  it('a forged “sent” cookie shows no address', async () => {
    const meetingId = await createMeeting();
    const page = await request('GET', `/meetings/${meetingId}/register?lang=en&sent=1`, {
      from: FROM,
      headers: { cookie: `u4ssc_sent=${Buffer.from('<script>@x').toString('base64url')}` },
    });
    expect(page.status).toBe(200);
    expect(page.text).not.toContain('<script>');
    expect(page.text).toContain('If the address you gave can register');
  });
});

describe('withdrawing, and coming back', () => {
  it('withdraw asks first; once withdrawn, the form registers the same address again', async () => {
    const meetingId = await createMeeting({ capacity: 5 });
    const email = uniqueEmail('back');
    const manage = await registerWithForm(meetingId, email);
    const managePage = await request('GET', `${manage.pathname}${manage.search}`, { from: FROM });
    expect(managePage.text).toContain('Email address confirmed');

    // The page's withdrawal is a link to a question, not a button that acts at once.
    const ask = hrefOf(managePage.text, /href="([^"]*\/withdraw\?[^"]*)"/);
    expect(ask).toContain('lang=en');
    const question = await request('GET', ask, { from: FROM });
    expect(question.status).toBe(200);
    expect(question.text).toContain('Withdraw your registration?');
    expect(question.text).toContain('Yes, withdraw my registration');
    const keep = hrefOf(question.text, /href="([^"]*\/registrations\/[^"/]*\?token[^"]*)"/);
    expect((await request('GET', keep, { from: FROM })).text).toContain('Approved');
    const seats = async () =>
      (await request('GET', `/api/meetings/${meetingId}`, { from: FROM })).json<{ seatsTaken: number }>().seatsTaken;
    expect(await seats()).toBe(1);

    // Confirmed: withdrawn, and the page offers to register again.
    const token = manage.searchParams.get('token') ?? '';
    const withdrawn = await follow(await postForm(`${manage.pathname}/withdraw?lang=en`, { token }, anyIp()));
    expect(withdrawn.text).toContain('Your registration is withdrawn.');
    expect(withdrawn.text).toContain('Register again');
    expect(hrefOf(withdrawn.text, /href="(\/meetings\/[^"]*\/register[^"]*)"/)).toBe(
      `/meetings/${meetingId}/register?lang=en`,
    );
    expect(await seats()).toBe(0);
    // The question for a withdrawn registration goes straight back to its page.
    const again = await request('GET', ask, { from: FROM });
    expect(again.status).toBe(303);

    // The same address through the form: a fresh link, and once confirmed, approved again.
    const back = await registerWithForm(meetingId, email, 2);
    expect(back.pathname).toBe(manage.pathname);
    const page = await request('GET', `${back.pathname}${back.search}`, { from: FROM });
    expect(page.text).toContain('Approved');
    expect(await seats()).toBe(1);
    const list = await request('GET', `/api/meetings/${meetingId}/registrations`, { from: FROM, headers: secretariat });
    expect(list.json<{ registrations: unknown[] }>().registrations).toHaveLength(1);
  });

  it('a rejected registrant cannot undo the decision through the form', async () => {
    const meetingId = await createMeeting({ requiresApproval: true });
    const email = uniqueEmail('rejected');
    const manage = await registerWithForm(meetingId, email);
    const registrationId = manage.pathname.split('/')[4];
    const rejected = await postJson(
      `/api/meetings/${meetingId}/registrations/${registrationId}/reject`,
      { reason: 'Not eligible' },
      FROM,
      secretariat,
    );
    expect(rejected.status, rejected.text).toBe(200);
    expect((await postForm(`/meetings/${meetingId}/register?lang=en`, formFields(email), anyIp())).status).toBe(303);
    await waitForEmails(email, /^You are already registered|already/i);
    expect(await waitForEmails(email, /^Confirm your registration/)).toHaveLength(1);
    const list = await request('GET', `/api/meetings/${meetingId}/registrations?status=rejected`, {
      from: FROM,
      headers: secretariat,
    });
    expect(list.json<{ registrations: unknown[] }>().registrations).toHaveLength(1);
  });
});

describe('the self-service page of an approved registration', () => {
  it('links the invitation and the calendar entry, and its joining link is a link', async () => {
    const meetingId = await createMeeting();
    const email = uniqueEmail('docs');
    const manage = await registerWithForm(meetingId, email);
    const page = await request('GET', `${manage.pathname}${manage.search}`, { from: FROM });
    expect(page.text).toContain(
      '<a href="https://meet.example.org/self?pwd&#x3D;42" dir="ltr">https://meet.example.org/self?pwd&#x3D;42</a>',
    );
    const pdfHref = hrefOf(page.text, /href="([^"]*\/invitation\.pdf\?[^"]*)"/);
    const icsHref = hrefOf(page.text, /href="([^"]*\/calendar\.ics\?[^"]*)"/);
    const pdf = await request('GET', pdfHref, { from: FROM });
    expect(pdf.status).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    const ics = await request('GET', icsHref, { from: FROM });
    expect(ics.status).toBe(200);
    expect(ics.headers['content-type']).toContain('text/calendar');
    expect(ics.headers['cache-control']).toBe('no-store');
    expect(ics.text).toContain('METHOD:PUBLISH');
    expect(ics.text).toContain('LOCATION:https://meet.example.org/self?pwd=42');
    expect(ics.text).not.toContain('ATTENDEE');
    expect(ics.text).toContain(`UID:${meetingId}.${manage.pathname.split('/')[4]}@u4ssc`);

    // The approval email's joining details are a link too.
    const [approved] = await waitForEmails(email, /^Registration confirmed/);
    expect(approved?.body.html).toContain('<a href="https://meet.example.org/self?pwd=42"');

    // A wrong token is refused; so is a registration not approved.
    expect(
      (await request('GET', icsHref.replace(/token=[^&]+/, `token=${'B'.repeat(43)}`), { from: FROM })).status,
    ).toBe(410);
    const token = manage.searchParams.get('token') ?? '';
    await postForm(`${manage.pathname}/withdraw?lang=en`, { token }, anyIp());
    expect((await request('GET', icsHref, { from: FROM })).status).toBe(409);
    const withdrawnPage = await request('GET', `${manage.pathname}${manage.search}`, { from: FROM });
    expect(withdrawnPage.text).not.toContain('calendar.ics');
  });
});
