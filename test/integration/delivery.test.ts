import { spawn } from 'node:child_process';
import { createServer, request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SESv2Client } from '@aws-sdk/client-sesv2';
import { afterAll, describe, expect, it } from 'vitest';
import type { CarriedMessage } from '../../functions/mail/outbox.ts';
import { emailsTo, platform, type SentEmail, uniqueEmail } from './support.ts';

/** The delivery pipeline against the SES emulator: throttling, suppression, crashes. */
const { registrationStore } = await import('../../functions/adapters/dynamodb/registrations.ts');
const { store } = await import('../../functions/adapters/dynamodb/store.ts');
const { deliveryDeps } = await import('../../functions/adapters/wiring/delivery.ts');
const { sesMailer } = await import('../../functions/adapters/ses.ts');
const { deliverMessage } = await import('../../functions/mail/delivery.ts');
const { mailEventStore } = await import('../../functions/adapters/dynamodb/mail-events.ts');
const { hashToken } = await import('../../functions/registrations/tokens.ts');

const outbox = () => registrationStore(store());

function notice(id: string, recipient: string) {
  return {
    messageId: id,
    recipient,
    language: 'en',
    template: 'hub-report-due.to-hub',
    data: { name: 'Test', hub: 'Hub', year: 2025 },
  };
}

/** Delivers the given messages until each is sent (or failed), retrying as the backoff allows. */
async function deliverAll(
  ids: string[],
  deps = deliveryDeps(),
  timeoutMs = 60_000,
  carried: Record<string, CarriedMessage> = {},
) {
  const deadline = Date.now() + timeoutMs;
  let remaining = ids;
  while (remaining.length && Date.now() < deadline) {
    const results = await Promise.all(
      remaining.map(async (id) => [id, await deliverMessage(deps, id, carried[id])] as const),
    );
    remaining = results.filter(([, r]) => r === 'retry' || r === 'not-claimed').map(([id]) => id);
    if (remaining.length) await new Promise((resolve) => setTimeout(resolve, 250));
  }
  return remaining;
}

const servers: Server[] = [];
afterAll(() => Promise.all(servers.map((s) => new Promise((resolve) => s.close(resolve)))));

/** A proxy in front of the SES emulator that answers ThrottlingException to the first `n` sends. */
async function throttlingProxy(n: number) {
  const target = new URL(platform.sesUrl);
  let throttled = 0;
  const server = createServer((req, res) => {
    if (req.method === 'POST' && throttled < n) {
      throttled++;
      req.resume();
      res.writeHead(429, { 'content-type': 'application/json', 'x-amzn-errortype': 'TooManyRequestsException' });
      res.end(JSON.stringify({ message: 'Maximum sending rate exceeded.' }));
      return;
    }
    const forward = httpRequest(
      { host: target.hostname, port: target.port, method: req.method, path: req.url, headers: req.headers },
      (reply) => {
        res.writeHead(reply.statusCode ?? 502, reply.headers);
        reply.pipe(res);
      },
    );
    req.pipe(forward);
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, throttled: () => throttled };
}

describe('delivery', () => {
  it('SES throttling: every message is delivered, once, after retries', async () => {
    const proxy = await throttlingProxy(15);
    const client = new SESv2Client({ endpoint: proxy.url, maxAttempts: 1 });
    const deps = { ...deliveryDeps(), mailer: sesMailer(undefined, () => client) };
    const recipients = Array.from({ length: 10 }, (_, i) => uniqueEmail(`throttle${i}`));
    const ids = recipients.map((_, i) => `it.throttle.${Date.now()}.${i}`);
    await outbox().queueMessages(recipients.map((r, i) => notice(ids[i] ?? '', r)));
    expect(await deliverAll(ids, deps)).toEqual([]);
    expect(proxy.throttled()).toBe(15);
    for (const recipient of recipients) expect(await emailsTo(recipient)).toHaveLength(1);
  }, 90_000);

  it('a suppressed address (hard bounce, any letter case) receives nothing', async () => {
    const bounced = uniqueEmail('bounced');
    const response = await fetch(`${platform.baseUrl}/local/ses-events`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        eventType: 'Bounce',
        bounce: {
          bounceType: 'Permanent',
          bouncedRecipients: [{ emailAddress: bounced.toUpperCase(), diagnosticCode: 'smtp; 550 5.1.1 user unknown' }],
        },
        mail: { messageId: 'x', headers: [] },
      }),
    });
    expect(response.status).toBe(200);
    const id = `it.suppressed.${Date.now()}`;
    await outbox().queueMessages([notice(id, bounced)]);
    expect(await deliverMessage(deliveryDeps(), id)).toBe('suppressed');
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await emailsTo(bounced)).toHaveLength(0);
    const { data } = await store().entities.outbox.get({ messageId: id }).go();
    expect(data?.status).toBe('suppressed');
  });

  it('a complaint suppresses too; a transient bounce does not', async () => {
    const complainer = uniqueEmail('complaint');
    const soft = uniqueEmail('soft');
    const post = (event: unknown) =>
      fetch(`${platform.baseUrl}/local/ses-events`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(event),
      });
    await post({ eventType: 'Complaint', complaint: { complainedRecipients: [{ emailAddress: complainer }] } });
    await post({
      eventType: 'Bounce',
      bounce: { bounceType: 'Transient', bouncedRecipients: [{ emailAddress: soft }] },
    });
    const ids = [`it.c.${Date.now()}`, `it.s.${Date.now()}`];
    await outbox().queueMessages([notice(ids[0] ?? '', complainer), notice(ids[1] ?? '', soft)]);
    expect(await deliverMessage(deliveryDeps(), ids[0] ?? '')).toBe('suppressed');
    expect(await deliverMessage(deliveryDeps(), ids[1] ?? '')).toBe('sent');
  });

  it('a sender killed at random points 20 times over a 2,000-recipient run: each recipient ends with exactly one message', async () => {
    const run = `it.kill.${Date.now()}`;
    const domain = `kill${Date.now()}.example.org`;
    const recipients = Array.from({ length: 2000 }, (_, i) => `r${i}@${domain}`);
    await outbox().queueMessages(recipients.map((r, i) => notice(`${run}.${String(i).padStart(4, '0')}`, r)));
    const env = { ...process.env, ...platform.env, MAIL_LEASE_SECONDS: '1', LOG_QUIET: '1' };
    const start = () =>
      spawn(process.execPath, ['test/integration/helpers/send-worker.ts', run], {
        env,
        stdio: ['ignore', 'pipe', 'inherit'],
      });
    for (let kill = 0; kill < 20; kill++) {
      const child = start();
      await new Promise((resolve) => setTimeout(resolve, 150 + Math.random() * 600));
      child.kill('SIGKILL');
      await new Promise((resolve) => child.once('exit', resolve));
    }
    // Let the leases of the last victim expire, then finish the run.
    await new Promise((resolve) => setTimeout(resolve, 1500));
    const last = start();
    await new Promise((resolve) => last.once('exit', resolve));
    await new Promise((resolve) => setTimeout(resolve, 500));
    const store = (await (await fetch(`${platform.sesUrl}/store`)).json()) as { emails: SentEmail[] };
    const counts = new Map<string, number>();
    for (const email of store.emails) {
      const to = email.destination.to[0] ?? '';
      if (to.endsWith(domain)) counts.set(to, (counts.get(to) ?? 0) + 1);
    }
    const missing = recipients.filter((r) => !counts.has(r));
    const twice = [...counts].filter(([, n]) => n > 1);
    expect({ missing: missing.length, twice: twice.length }).toEqual({ missing: 0, twice: 0 });
  }, 300_000);
});

describe('a message carried in its queue message: claim, suppression check and token hash in one call', () => {
  const bounce = (address: string) =>
    fetch(`${platform.baseUrl}/local/ses-events`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        eventType: 'Bounce',
        bounce: { bounceType: 'Permanent', bouncedRecipients: [{ emailAddress: address }] },
        mail: { messageId: 'x', headers: [] },
      }),
    });
  const stored = async (id: string) => (await store().entities.outbox.get({ messageId: id }).go()).data;

  it('delivered twice at the same moment: sent once, and counted as one attempt', async () => {
    const recipient = uniqueEmail('carried-twice');
    const message = notice(`it.carried.twice.${Date.now()}`, recipient);
    await outbox().queueMessages([message]);
    const results = await Promise.all([
      deliverMessage(deliveryDeps(), message.messageId, message),
      deliverMessage(deliveryDeps(), message.messageId, message),
    ]);
    expect(results.sort()).toEqual(['not-claimed', 'sent']);
    // A third delivery (SQS at least once) after it was sent: nothing.
    expect(await deliverMessage(deliveryDeps(), message.messageId, message)).toBe('not-claimed');
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await emailsTo(recipient)).toHaveLength(1);
    expect(await stored(message.messageId)).toMatchObject({ status: 'sent', attempts: 1, attemptOpen: false });
  });

  it('to a suppressed address (any letter case): marked suppressed, nothing sent, nothing claimed, not retried', async () => {
    const recipient = uniqueEmail('carried-bounced');
    expect((await bounce(recipient.toUpperCase())).status).toBe(200);
    const message = notice(`it.carried.suppressed.${Date.now()}`, recipient);
    await outbox().queueMessages([message]);
    expect(await deliverMessage(deliveryDeps(), message.messageId, message)).toBe('suppressed');
    expect(await deliverMessage(deliveryDeps(), message.messageId, message)).toBe('not-claimed');
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await emailsTo(recipient)).toHaveLength(0);
    expect(await stored(message.messageId)).toMatchObject({ status: 'suppressed', attempts: 0 });
  });

  it('a verification email whose registration is gone: failed for good, nothing sent, no token stored', async () => {
    const recipient = uniqueEmail('carried-gone');
    const message = {
      ...notice(`it.carried.gone.${Date.now()}`, recipient),
      template: 'verify-email.to-registrant',
      links: { meetingId: 'it-no-such-meeting', registrationId: 'no-such-registration', verify: true as const },
    };
    await outbox().queueMessages([message]);
    expect(await deliverMessage(deliveryDeps(), message.messageId, { ...message, manageToken: 'm' })).toBe('failed');
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await emailsTo(recipient)).toHaveLength(0);
    const after = await stored(message.messageId);
    expect(after?.status).toBe('failed');
    expect(after?.lastError).toMatch(/registration is gone/);
    // The registration patch wrote nothing (no item made by the failed condition).
    const { data } = await store()
      .entities.registration.get({ meetingId: 'it-no-such-meeting', registrationId: 'no-such-registration' })
      .go();
    expect(data).toBeNull();
  });

  it('a reminder whose registration is gone (withdrawn and purged after it was queued): failed for good, nothing sent', async () => {
    const recipient = uniqueEmail('carried-reminder-gone');
    const message = {
      ...notice(`it.carried.reminder-gone.${Date.now()}`, recipient),
      links: { meetingId: 'it-no-such-meeting', registrationId: 'no-such-registration' },
    };
    await outbox().queueMessages([message]);
    expect(await deliverMessage(deliveryDeps(), message.messageId, { ...message, manageToken: 'm' })).toBe('failed');
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await emailsTo(recipient)).toHaveLength(0);
    expect((await stored(message.messageId))?.lastError).toMatch(/registration is gone/);
    const { data } = await store()
      .entities.registration.get({ meetingId: 'it-no-such-meeting', registrationId: 'no-such-registration' })
      .go();
    expect(data).toBeNull();
  });

  it('a verification email: its link carries the token whose hash the claim stored', async () => {
    const { postJson, waitForEmails, linkIn } = await import('./support.ts');
    const meetingId = `it-carried-${Math.random().toString(36).slice(2, 8)}`;
    const start = new Date(Date.now() + 25 * 86_400_000);
    await store()
      .entities.meeting.create({
        meetingId,
        number: 91,
        title: 'Carried meeting',
        organisers: ['ITU'],
        format: 'virtual',
        startsAt: start.toISOString(),
        endsAt: new Date(start.getTime() + 3_600_000).toISOString(),
        timeZone: 'Europe/Zurich',
        languages: ['en'],
        objectives: [],
        version: 1,
      })
      .go();
    const email = uniqueEmail('carried-verify');
    const reply = await postJson(
      `/api/meetings/${meetingId}/registrations`,
      {
        name: 'Carried Person',
        email,
        organisation: 'Org',
        category: 'individual',
        country: 'FR',
        title: 'T',
        privacyConsent: true,
      },
      '127.0.71.2',
    );
    expect(reply.status).toBe(202);
    const [mail] = await waitForEmails(email, /Confirm your registration/);
    const verify = new URL(linkIn(mail as SentEmail, '/verify'));
    const registrationId = decodeURIComponent(verify.pathname.split('/').at(-2) ?? '');
    const { data } = await store().entities.registration.get({ meetingId, registrationId }).go();
    expect(data?.verifyTokenHash).toBe(hashToken(verify.searchParams.get('token') ?? ''));
    expect(linkIn(mail as SentEmail, `token=${data?.manageToken}`)).toBeTruthy();
  });

  it("left in doubt by a dead sender: SES's Send event settles it (not sent again); without one it is sent once", async () => {
    const settled = notice(`it.carried.doubt.${Date.now()}`, uniqueEmail('carried-doubt'));
    const unsent = notice(`it.carried.doubt2.${Date.now()}`, uniqueEmail('carried-doubt2'));
    await outbox().queueMessages([settled, unsent]);
    // A sender claimed both (the long way, a 1 ms lease) and died; SES reports the first as sent.
    const deps = deliveryDeps();
    await deps.outbox.claim(settled.messageId, new Date(), 1);
    await deps.outbox.claim(unsent.messageId, new Date(), 1);
    await mailEventStore(store()).recordSend(settled.messageId, 'ses-id-of-the-dead-sender', new Date().toISOString());
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(await deliverMessage(deps, settled.messageId, settled)).toBe('sent');
    expect(await deliverMessage(deps, unsent.messageId, unsent)).toBe('sent');
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await emailsTo(settled.recipient)).toHaveLength(0);
    expect(await emailsTo(unsent.recipient)).toHaveLength(1);
    expect(await stored(settled.messageId)).toMatchObject({
      status: 'sent',
      sesMessageId: 'ses-id-of-the-dead-sender',
      attempts: 2,
    });
  });

  it('SES throttling: retried with the attempts and age of the record, each sent once', async () => {
    const proxy = await throttlingProxy(6);
    const client = new SESv2Client({ endpoint: proxy.url, maxAttempts: 1 });
    const deps = { ...deliveryDeps(), mailer: sesMailer(undefined, () => client) };
    const recipients = Array.from({ length: 3 }, (_, i) => uniqueEmail(`carried-throttle${i}`));
    const messages = recipients.map((r, i) => notice(`it.carried.throttle.${Date.now()}.${i}`, r));
    await outbox().queueMessages(messages);
    const carried = Object.fromEntries(messages.map((m) => [m.messageId, m]));
    expect(await deliverAll(Object.keys(carried), deps, 60_000, carried)).toEqual([]);
    expect(proxy.throttled()).toBe(6);
    for (const recipient of recipients) expect(await emailsTo(recipient)).toHaveLength(1);
    const attempts = await Promise.all(messages.map(async (m) => (await stored(m.messageId))?.attempts ?? 0));
    expect(attempts.reduce((a, b) => a + b, 0)).toBe(9);
  }, 90_000);

  it('a sender killed at random points 10 times over 500 carried messages: each recipient ends with exactly one', async () => {
    const run = `it.ckill.${Date.now()}`;
    const domain = `ckill${Date.now()}.example.org`;
    const recipients = Array.from({ length: 500 }, (_, i) => `r${i}@${domain}`);
    await outbox().queueMessages(recipients.map((r, i) => notice(`${run}.${String(i).padStart(4, '0')}`, r)));
    const env = { ...process.env, ...platform.env, MAIL_LEASE_SECONDS: '1', LOG_QUIET: '1' };
    const start = () =>
      spawn(process.execPath, ['test/integration/helpers/send-worker.ts', run, 'carried'], {
        env,
        stdio: ['ignore', 'pipe', 'inherit'],
      });
    for (let kill = 0; kill < 10; kill++) {
      const child = start();
      await new Promise((resolve) => setTimeout(resolve, 150 + Math.random() * 600));
      child.kill('SIGKILL');
      await new Promise((resolve) => child.once('exit', resolve));
    }
    await new Promise((resolve) => setTimeout(resolve, 1500));
    const last = start();
    await new Promise((resolve) => last.once('exit', resolve));
    await new Promise((resolve) => setTimeout(resolve, 500));
    const sesStore = (await (await fetch(`${platform.sesUrl}/store`)).json()) as { emails: SentEmail[] };
    const counts = new Map<string, number>();
    for (const email of sesStore.emails) {
      const to = email.destination.to[0] ?? '';
      if (to.endsWith(domain)) counts.set(to, (counts.get(to) ?? 0) + 1);
    }
    const missing = recipients.filter((r) => !counts.has(r));
    const twice = [...counts].filter(([, n]) => n > 1);
    expect({ missing: missing.length, twice: twice.length }).toEqual({ missing: 0, twice: 0 });
  }, 300_000);
});

describe('bounces and registrations', () => {
  it("a hard bounce of a registrant's email marks the registration's address undeliverable", async () => {
    const { issuer, postJson, waitForEmails } = await import('./support.ts');
    const token = await (await issuer()).sign({ email: 'bounce@itu.int', roles: ['secretariat'] });
    const headers = { authorization: `Bearer ${token}` };
    const meetingId = `it-bounce-${Math.random().toString(36).slice(2, 8)}`;
    const start = Date.now() + 20 * 86_400_000;
    await postJson(
      '/api/meetings',
      {
        meetingId,
        number: 90,
        title: 'Bounce meeting',
        organisers: ['ITU'],
        format: 'virtual',
        startsAt: new Date(start).toISOString(),
        endsAt: new Date(start + 3_600_000).toISOString(),
        languages: ['en'],
      },
      '127.0.70.1',
      headers,
    );
    const email = uniqueEmail('willbounce');
    await postJson(
      `/api/meetings/${meetingId}/registrations`,
      {
        name: 'Bouncing Person',
        email,
        organisation: 'Org',
        category: 'individual',
        country: 'IT',
        title: 'T',
        privacyConsent: true,
      },
      '127.0.70.2',
    );
    const [mail] = await waitForEmails(email, /Confirm your registration/);
    const stored = mail as SentEmail & { headers?: { name: string; value: string }[]; messageId: string };
    const outboxId = stored.headers?.find((h) => h.name.toLowerCase() === 'x-u4ssc-outbox-id')?.value;
    expect(outboxId).toBeTruthy();
    await fetch(`${platform.baseUrl}/local/ses-events`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        eventType: 'Bounce',
        bounce: { bounceType: 'Permanent', bouncedRecipients: [{ emailAddress: email }] },
        mail: { messageId: stored.messageId, headers: stored.headers },
      }),
    });
    const list = await fetch(`${platform.baseUrl}/api/meetings/${meetingId}/registrations`, { headers });
    const { registrations } = (await list.json()) as {
      registrations: { email: string; emailUndeliverable?: boolean }[];
    };
    expect(registrations.find((r) => r.email === email)?.emailUndeliverable).toBe(true);
  });
});
