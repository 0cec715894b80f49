import { SESv2Client } from '@aws-sdk/client-sesv2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from './global-setup.ts';
import { emailsTo, platform, type SentEmail, uniqueEmail } from './support.ts';

/**
 * Email under failures, against the local engines: a failure to record a send that SES took,
 * an SES outage longer than any attempt budget, and a re-drive of thousands after a crash.
 */
const { registrationStore } = await import('../../functions/adapters/dynamodb/registrations.ts');
const { outboxStore } = await import('../../functions/adapters/dynamodb/outbox.ts');
const { store } = await import('../../functions/adapters/dynamodb/store.ts');
const { deliveryDeps } = await import('../../functions/adapters/wiring/delivery.ts');
const { sesMailer } = await import('../../functions/adapters/ses.ts');
const { deliverMessage, redriveOutbox, sendHealth } = await import('../../functions/mail/delivery.ts');
const { emailLogPage } = await import('../../functions/pages/console-emails.ts');
const { startLocalMailQueue } = await import('../../infra/local/mail-queue.ts');
const { invokeJob } = await import('../../infra/local/scheduler.ts');
const { JOBS } = await import('../../functions/routes.ts');

const notice = (id: string, recipient: string) => ({
  messageId: id,
  recipient,
  language: 'en',
  template: 'hub-report-due.to-hub',
  data: { name: 'Test', hub: 'Hub', year: 2025 },
});

const outboxRecord = async (messageId: string) => (await store().entities.outbox.get({ messageId }).go()).data;

/** An SES client whose endpoint nobody listens on: every send fails on the way, as in an outage. */
async function unreachableMailer() {
  const client = new SESv2Client({ endpoint: `http://127.0.0.1:${await freePort()}`, maxAttempts: 1 });
  return sesMailer(undefined, () => client);
}

const MINUTE = 60_000;

let queue: Awaited<ReturnType<typeof startLocalMailQueue>>;
beforeAll(async () => {
  // This worker delivers what the re-drive hands over, as the platform's sender would.
  queue = await startLocalMailQueue({ onError: (error) => console.error(error) });
});
afterAll(() => queue.stop());

describe('a send SES accepted but that could not be recorded', () => {
  it('stays in doubt and is settled by the Send event: one email, never a second', async () => {
    const recipient = uniqueEmail('marksent');
    const id = `it.marksent.${Date.now()}`;
    await registrationStore(store()).queueMessages([notice(id, recipient)]);
    const real = deliveryDeps();
    let failures = 0;
    const failingMarkSent = {
      ...real,
      leaseMs: 500,
      outbox: {
        ...real.outbox,
        markSent: async () => {
          failures++;
          throw new Error('ProvisionedThroughputExceededException: injected');
        },
      },
    };
    expect(await deliverMessage(failingMarkSent, id)).toBe('in-doubt');
    expect(failures).toBe(1);
    expect(await outboxRecord(id)).toMatchObject({ status: 'queued', attemptOpen: true });
    // Redelivered at once (SQS, the local queue): the claim still holds.
    expect(await deliverMessage({ ...real, leaseMs: 500 }, id)).toBe('not-claimed');
    // Once the lease is over, the Send event (derived from the emulator's store) settles it.
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    expect(await deliverMessage({ ...real, leaseMs: 500 }, id)).toBe('sent');
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(await emailsTo(recipient)).toHaveLength(1);
    expect(await outboxRecord(id)).toMatchObject({ status: 'sent', attemptOpen: false });
  });
});

describe('an SES outage longer than the old attempt budget', () => {
  it('20 messages wait through 12 failed rounds (an hour), then each is delivered exactly once; two log lines in all', async () => {
    let clock = Date.now();
    const now = () => new Date(clock);
    const run = `it.outage.${Date.now()}`;
    const recipients = Array.from({ length: 20 }, (_, i) => uniqueEmail(`outage${i}`));
    const ids = recipients.map((_, i) => `${run}.${i}`);
    await registrationStore(store(), now).queueMessages(recipients.map((r, i) => notice(ids[i] ?? '', r)));

    const lines: { level: string; message: string }[] = [];
    const health = sendHealth((level, message) => lines.push({ level, message }));
    const down = { ...deliveryDeps(), mailer: await unreachableMailer(), now, health };
    const mine = new Set(ids);
    const results: string[] = [];
    const redrive = (deps: typeof down) =>
      redriveOutbox({
        outbox: outboxStore(store()),
        now,
        dispatch: async (batch) => {
          for (const id of batch.filter((i) => mine.has(i))) results.push(await deliverMessage(deps, id));
        },
      });

    // Every five minutes for an hour, as the outbox-redrive job runs: SES is unreachable.
    let last: Awaited<ReturnType<typeof redrive>> | undefined;
    for (let round = 0; round < 12; round++) {
      clock += 5 * MINUTE;
      last = await redrive(down);
    }
    expect(results).toHaveLength(20 * 12);
    expect(new Set(results)).toEqual(new Set(['retry']));
    for (const id of ids) {
      const record = await outboxRecord(id);
      expect(record?.status).toBe('queued');
      expect(record?.attempts).toBe(12);
      expect(record?.lastError).toContain('ECONNREFUSED');
    }
    // Reported as late; the console tells waiting from failed.
    expect(last?.late).toBeGreaterThanOrEqual(20);
    expect(last?.oldestMinutes).toBeGreaterThanOrEqual(55);
    const waiting = await outboxStore(store()).get(ids[0] ?? '');
    const page = emailLogPage({
      filter: {},
      messages: waiting ? [waiting] : [],
      identity: undefined,
      back: '/',
      flash: null,
    });
    expect(page.rows?.[0]?.status).toMatch(/^waiting to be retried/);
    // One line when sending started failing, none per message and attempt.
    expect(lines).toEqual([{ level: 'warn', message: 'Email sending is failing; messages wait and are retried' }]);

    // SES is back: the next run delivers every message, once.
    clock += 5 * MINUTE;
    results.length = 0;
    await redrive({ ...down, mailer: deliveryDeps().mailer });
    expect(results).toEqual(Array(20).fill('sent'));
    // Runs after that find nothing of these to send.
    clock += 5 * MINUTE;
    results.length = 0;
    await redrive({ ...down, mailer: deliveryDeps().mailer });
    expect(results).toEqual([]);
    await new Promise((resolve) => setTimeout(resolve, 500));
    for (const recipient of recipients) expect(await emailsTo(recipient)).toHaveLength(1);
    expect(lines.map((l) => l.message)).toEqual([
      'Email sending is failing; messages wait and are retried',
      'Email sending works again',
    ]);
  }, 60_000);

  it('a message still failing when its retry window ends is marked failed, with the reason', async () => {
    let clock = Date.now();
    const now = () => new Date(clock);
    const id = `it.expired.${Date.now()}`;
    await registrationStore(store(), now).queueMessages([notice(id, uniqueEmail('expired'))]);
    const deps = {
      ...deliveryDeps(),
      mailer: await unreachableMailer(),
      now,
      retryForMs: 30 * MINUTE,
      health: sendHealth(() => {}),
    };
    expect(await deliverMessage(deps, id)).toBe('retry');
    clock += 31 * MINUTE;
    expect(await deliverMessage(deps, id)).toBe('failed');
    const record = await outboxRecord(id);
    expect(record?.status).toBe('failed');
    expect(record?.lastError).toMatch(/^Retried for 31 minutes without success: .*ECONNREFUSED/);
  });
});

describe('the outbox re-drive after a crash', () => {
  it('hands every queued message over in one run: 2,000 delivered, each once', async () => {
    const run = `it.drain.${Date.now()}`;
    const domain = `drain${Date.now()}.example.org`;
    const recipients = Array.from({ length: 2000 }, (_, i) => `r${i}@${domain}`);
    // Queued but never handed to the sender, as after a crash between the commit and the queue.
    await registrationStore(store()).queueMessages(recipients.map((r, i) => notice(`${run}.${i}`, r)));
    const job = JOBS.find((j) => j.name === 'outbox-redrive');
    if (!job) throw new Error('no outbox-redrive job');
    const started = performance.now();
    const result = (await invokeJob(job, new Date())) as { redriven: number; stoppedEarly: boolean };
    await queue.idle();
    const seconds = (performance.now() - started) / 1000;
    expect(result.redriven).toBeGreaterThanOrEqual(2000);
    expect(result.stoppedEarly).toBe(false);
    await new Promise((resolve) => setTimeout(resolve, 500));
    const { emails } = (await (await fetch(`${platform.sesUrl}/store`)).json()) as { emails: SentEmail[] };
    const counts = new Map<string, number>();
    for (const email of emails) {
      const to = email.destination.to[0] ?? '';
      if (to.endsWith(`@${domain}`)) counts.set(to, (counts.get(to) ?? 0) + 1);
    }
    expect(counts.size).toBe(2000);
    expect([...counts.values()].every((n) => n === 1)).toBe(true);
    console.info(`outbox-redrive: 2,000 queued messages delivered in ${seconds.toFixed(1)} s, one run`);
  }, 180_000);
});
