import { beforeAll, describe, expect, it } from 'vitest';
import { issuer, linkIn, postForm, postJson, request, type SentEmail, uniqueEmail, waitForEmails } from './support.ts';

/** No usable secret at rest in the outbox: the links of registrants' emails are made as they are sent. */
const { store } = await import('../../functions/adapters/dynamodb/store.ts');
const { hashToken } = await import('../../functions/registrations/tokens.ts');

const FROM = '127.0.0.71';
let secretariat: Record<string, string>;
beforeAll(async () => {
  const local = await issuer();
  secretariat = { authorization: `Bearer ${await local.sign({ email: 'officer@itu.int', roles: ['secretariat'] })}` };
});

describe('secrets at rest', () => {
  it('the outbox keeps no verification or manage token; the emailed links work', async () => {
    const start = new Date(Date.now() + 20 * 86_400_000);
    const created = await postJson(
      '/api/meetings',
      {
        meetingId: `it-secrets-${Math.random().toString(36).slice(2, 8)}`,
        number: 801,
        title: 'Secrets meeting',
        organisers: ['ITU'],
        format: 'virtual',
        startsAt: start.toISOString(),
        endsAt: new Date(start.getTime() + 3_600_000).toISOString(),
        languages: ['en'],
      },
      FROM,
      secretariat,
    );
    expect(created.status, created.text).toBe(201);
    const { meetingId } = created.json<{ meetingId: string }>();
    const email = uniqueEmail('secret');
    const submitted = await postJson(
      `/api/meetings/${meetingId}/registrations`,
      {
        name: 'Amina Diallo',
        email,
        organisation: 'Ministry',
        category: 'member-state',
        country: 'SN',
        title: 'Director',
        privacyConsent: true,
      },
      '127.0.71.1',
    );
    expect(submitted.status).toBe(202);
    const [verifyMail] = await waitForEmails(email, /Confirm your registration/);
    const verify = new URL(linkIn(verifyMail as SentEmail, '/verify'));
    const token = verify.searchParams.get('token') ?? '';
    expect(token.length).toBeGreaterThan(20);
    const registrationId = decodeURIComponent(verify.pathname.split('/')[4] ?? '');
    const { data: registration } = await store().entities.registration.get({ meetingId, registrationId }).go();
    // Only the hash of the emailed token is stored.
    expect(registration?.verifyTokenHash).toBe(hashToken(token));

    const confirmed = await postForm(`${verify.pathname}${verify.search}`, { token }, '127.0.71.2');
    expect(confirmed.status).toBe(303);
    const [approved] = await waitForEmails(email, /^Registration confirmed/);
    const manage = new URL(linkIn(approved as SentEmail, '/registrations/'));
    const page = await request('GET', `${manage.pathname}${manage.search}`, { from: FROM });
    expect(page.status).toBe(200);

    const { data: records } = await store()
      .entities.outbox.scan.where((attr, op) => op.eq(attr.meetingId, meetingId))
      .go({ pages: 'all' });
    expect(records.length).toBeGreaterThanOrEqual(2);
    for (const record of records) {
      const stored = JSON.stringify(record);
      expect(stored).not.toContain(token);
      expect(stored).not.toContain(registration?.manageToken ?? '-');
      expect(stored).not.toContain('token=');
    }
  });
});
