import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import './support.ts';
import { emailsTo, issuer, request, waitForEmails } from './support.ts';

/**
 * A hub request from the public form, over HTTP against the local engines: unconfirmed, it
 * carries a DynamoDB TTL (it and its submission's audit line are deleted a week later);
 * confirming it takes the TTL away. Its requester, who wrote in Russian, gets every email
 * after the confirmation in Russian, linking to a page (not the JSON API).
 */
const { startLocalMailQueue } = await import('../../infra/local/mail-queue.ts');
const { store } = await import('../../functions/adapters/dynamodb/store.ts');

const FROM = '127.0.0.132';
const WEEK_S = 7 * 86_400;
let queue: Awaited<ReturnType<typeof startLocalMailQueue>>;
let secretariat: Record<string, string>;

beforeAll(async () => {
  queue = await startLocalMailQueue({ onError: (error) => console.error(error) });
  const token = await (await issuer()).sign({ email: 'secretariat@demo.u4ssc.local', roles: ['secretariat'] });
  secretariat = { authorization: `Bearer ${token}` };
});
afterAll(() => queue.stop());

const form = (path: string, fields: Record<string, string>) =>
  request('POST', path, {
    from: FROM,
    body: new URLSearchParams(fields).toString(),
    headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html' },
  });

async function submit(lang: string, contact: string, hubName: string) {
  const sent = await form('/hub-requests', {
    lang,
    hubName,
    country: 'Казахстан',
    city: 'Алматы',
    partnerId: 'undp',
    contactName: 'Айгерим Садыкова',
    contactEmail: contact,
    description: 'Оценка городов Центральной Азии по КПЭ U4SSC.',
  });
  expect(sent.status).toBe(303);
  const [mail] = await waitForEmails(contact, /U4SSC/);
  const link = new URL(String(mail?.body.text?.match(/https?:\/\/\S+\/verify\S+/)?.[0]));
  return { link, requestId: link.pathname.split('/')[2] ?? '' };
}

const stored = async (requestId: string) => {
  const { data } = await store().entities.governanceRequest.get({ requestId }).go({ consistent: true });
  const { data: events } = await store()
    .entities.governanceEvent.query.byRequest({ requestId })
    .go({ consistent: true });
  return { request: data, events };
};

describe('an unconfirmed public hub request expires', () => {
  it('carries a TTL a week after it was sent, on it and its audit line; confirming takes both away', async () => {
    const contact = `ttl.${Date.now().toString(36)}@example.org`;
    const before = Math.floor(Date.now() / 1000);
    const { link, requestId } = await submit('ru', contact, 'Центр U4SSC Алматы (TTL)');
    const unconfirmed = await stored(requestId);
    expect(unconfirmed.request?.state).toBe('unverified');
    const ttl = unconfirmed.request?.expiresAt ?? 0;
    expect(ttl).toBeGreaterThanOrEqual(before + WEEK_S - 1);
    expect(ttl).toBeLessThanOrEqual(Math.ceil(Date.now() / 1000) + WEEK_S);
    expect(unconfirmed.events.map((e) => [e.action, e.expiresAt])).toEqual([['submit', ttl]]);

    const confirmed = await form(link.pathname, { token: link.searchParams.get('token') ?? '', lang: 'ru' });
    expect(confirmed.status).toBe(303);
    const after = await stored(requestId);
    expect(after.request?.state).toBe('submitted');
    expect(after.request?.expiresAt).toBeUndefined();
    expect(after.events.map((e) => e.action)).toEqual(['submit', 'verify']);
    expect(after.events.every((e) => e.expiresAt === undefined)).toBe(true);
    // The API never shows the TTL.
    const read = await request('GET', `/api/governance/requests/${requestId}`, { from: FROM, headers: secretariat });
    expect(read.text).not.toContain('expiresAt');
  });

  it('a wrong token confirms nothing and leaves the TTL; a request opened signed in has none', async () => {
    const contact = `ttl2.${Date.now().toString(36)}@example.org`;
    const { link, requestId } = await submit('en', contact, 'Hub that is never confirmed');
    expect((await form(link.pathname, { token: 'wrong', lang: 'en' })).status).toBe(404);
    const still = await stored(requestId);
    expect(still.request?.state).toBe('unverified');
    expect(still.request?.expiresAt).toBeGreaterThan(Date.now() / 1000);
    const opened = await request('POST', '/api/governance/requests', {
      from: FROM,
      body: JSON.stringify({
        kind: 'hub-request',
        fields: {
          hubId: `hub-ttl-${Date.now().toString(36)}`,
          hubName: 'Hub opened signed in',
          country: 'Chile',
          partnerId: 'undp',
          contactName: 'S',
          contactEmail: 'secretariat@demo.u4ssc.local',
          description: 'd',
        },
      }),
      headers: { 'content-type': 'application/json', ...secretariat },
    });
    expect(opened.status, opened.text).toBe(201);
    expect((await stored(opened.json<{ requestId: string }>().requestId)).request?.expiresAt).toBeUndefined();
  });
});

describe("a public hub request's emails in its requester's language", () => {
  it('a Russian submitter gets Russian emails after confirming, linking to a page; the secretariat English', async () => {
    const contact = `ru.${Date.now().toString(36)}@example.org`;
    const hubName = `Центр U4SSC Бишкек ${Date.now().toString(36)}`;
    const { link, requestId } = await submit('ru', contact, hubName);
    expect((await form(link.pathname, { token: link.searchParams.get('token') ?? '', lang: 'ru' })).status).toBe(303);

    const [received] = await waitForEmails(contact, /Ваша заявка на создание центра U4SSC получена/);
    expect(received?.subject).toContain(hubName);
    expect(received?.body.html).toContain('lang="ru"');
    expect(received?.body.text).toContain('Партнеры U4SSC');
    expect(received?.body.text).toMatch(/https?:\/\/\S+\/partners\?lang=ru/);
    expect(received?.body.text).not.toContain('/api/');
    const [toSecretariat] = await waitForEmails('u4ssc@itu.int', new RegExp(`New Hub request: ${hubName}`));
    expect(toSecretariat?.body.text).toContain(`/console/governance/requests/${requestId}`);
    expect(toSecretariat?.body.text).not.toContain('/api/');

    const rejected = await request('POST', `/api/governance/requests/${requestId}/transitions`, {
      from: FROM,
      body: JSON.stringify({ action: 'reject', version: 2, comment: 'Заявка неполная.' }),
      headers: { 'content-type': 'application/json', ...secretariat },
    });
    expect(rejected.status, rejected.text).toBe(200);
    const [decided] = await waitForEmails(contact, /Заявка на создание центра U4SSC: .* — не одобрена/);
    expect(decided?.body.text).toContain('Комментарий: Заявка неполная.');
    expect(decided?.body.text).toMatch(/\/partners\?lang=ru/);
    expect(decided?.body.text).not.toContain('/api/');
    // Each once: the verification, the receipt, the decision.
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect((await emailsTo(contact)).map((e) => e.subject.split(':')[0])).toEqual([
      'Подтвердите заявку на создание центра U4SSC',
      'Ваша заявка на создание центра U4SSC получена',
      'Заявка на создание центра U4SSC',
    ]);
  });

  it('an English submitter gets English', async () => {
    const contact = `en.${Date.now().toString(36)}@example.org`;
    const { link } = await submit('en', contact, `Hub Valparaiso ${Date.now().toString(36)}`);
    expect((await form(link.pathname, { token: link.searchParams.get('token') ?? '', lang: 'en' })).status).toBe(303);
    const [received] = await waitForEmails(contact, /Your hub request is received/);
    expect(received?.body.text).toMatch(/\/partners\?lang=en/);
    expect(received?.body.html).toContain('lang="en"');
  });
});
