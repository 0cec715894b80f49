import { spawn } from 'node:child_process';
import { createServer, request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SESv2Client } from '@aws-sdk/client-sesv2';
import { afterAll, describe, expect, it } from 'vitest';
import { emailsTo, platform, type SentEmail, uniqueEmail } from './support.ts';

/** The delivery pipeline against the SES emulator: throttling, suppression, crashes. */
const { registrationStore } = await import('../../functions/adapters/dynamodb/registrations.ts');
const { store } = await import('../../functions/adapters/dynamodb/store.ts');
const { deliveryDeps } = await import('../../functions/adapters/wiring/delivery.ts');
const { sesMailer } = await import('../../functions/adapters/ses.ts');
const { deliverMessage } = await import('../../functions/mail/delivery.ts');

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
async function deliverAll(ids: string[], deps = deliveryDeps(), timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  let remaining = ids;
  while (remaining.length && Date.now() < deadline) {
    const results = await Promise.all(remaining.map(async (id) => [id, await deliverMessage(deps, id)] as const));
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
