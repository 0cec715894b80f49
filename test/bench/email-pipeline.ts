import { spawn } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { OUTBOX_HEADER } from '../../functions/mail/events.ts';
import { JOBS } from '../../functions/routes.ts';
import { type Platform, startPlatform } from '../../infra/local/platform.ts';
import { invokeJob } from '../../infra/local/scheduler.ts';
import { freePort } from '../integration/global-setup.ts';
import { type Benchmark, progress } from './benchmark.ts';
import { startProfile } from './profile.ts';
import { envInteger, round } from './stats.ts';

/**
 * The email pipeline of the local platform: outbox → in-process mail queue → mail-sender handler
 * → SES emulator (with the local SES send-event publisher running, as it always does).
 *
 * 1. Unthrottled: N outbox messages (a small template) handed to the mail queue at once, with the
 *    sender's pacing set out of the way; messages per second until all are in the SES emulator,
 *    and duplicates/missing.
 * 2. Paced: the same with the sender paced (50/s by default); the achieved rate against the
 *    configured one. The pacer is built once per process (as it is once per Lambda container),
 *    and so are the adapters' clients, so this part runs in a child process of its own
 *    (email-pipeline-paced.ts) with its own platform.
 * 3. Jobs: one meeting 7 days + 2 hours ahead with N approved registrants, then each scheduled
 *    job's handler timed through `invokeJob` at start − 7 days + 1 hour (the 7-day reminder is
 *    due); the meeting-reminders job run twice (the outbox is the ledger: the second queues
 *    nothing). Baseline: reading the N registrations back (`listByStatus`). Between the two
 *    runs, the reminders the first one queued are sent (not timed as the job's; reported).
 *
 * Counts: BENCH_EMAILS, BENCH_PACED_EMAILS, BENCH_PACED_RATE, BENCH_REGISTRANTS;
 * BENCH_SEND_REMINDERS=0 does not wait for the reminders to be sent.
 */
const DEFAULT_EMAILS = 10_000;
const DEFAULT_PACED_EMAILS = 1_000;
const DEFAULT_PACED_RATE = 50;
const DEFAULT_REGISTRANTS = 10_000;
const UNTHROTTLED_RATE = 100_000;
const OUTBOX_BATCH = 100;
/** Outbox batches written at once while setting up (setup is not measured). */
const SETUP_CONCURRENCY = 8;
const REGISTRATION_BATCH = 50;
const BENCH_DOMAIN = '@bench.example.org';
const REGISTRANT_DOMAIN = '@registrants.example.org';
/** How long to wait for emails a send retried (redelivered 2 s later) before calling them missing. */
const MISSING_GRACE_MS = 30_000;
const DAY = 86_400_000;
const HOUR = 3_600_000;
const OTHER_JOBS = [
  'approval-digest',
  'term-expiry',
  'ip-lead-quarterly',
  'hub-report-due',
  'registration-retention',
] as const;

const seconds = (since: number) => round((performance.now() - since) / 1000);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The adapters read their configuration on first use: imported only once the platform has set it. */
async function adapters() {
  const [{ store }, { registrationStore }, { meetingRepository }] = await Promise.all([
    import('../../functions/adapters/dynamodb/store.ts'),
    import('../../functions/adapters/dynamodb/registrations.ts'),
    import('../../functions/adapters/dynamodb/meetings.ts'),
  ]);
  return { store: store(), registrations: registrationStore(store()), meetings: meetingRepository(store()) };
}

async function withPlatform<T>(mailRatePerSecond: number, work: (platform: Platform) => Promise<T>): Promise<T> {
  process.env.LOG_QUIET = '1';
  const dataDir = mkdtempSync(join(tmpdir(), 'u4ssc-bench-'));
  let platform: Platform | undefined;
  try {
    progress(`starting the local platform (mail paced at ${mailRatePerSecond}/s)`);
    platform = await startPlatform({
      dataDir,
      persistent: false,
      ports: { app: 0, dynamodb: await freePort(), ses: await freePort(), s3: await freePort() },
      scheduler: false,
      seed: false,
      mailRatePerSecond,
    });
    return await work(platform);
  } finally {
    await platform?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

interface StoredEmail {
  messageId: string;
  destination: { to: string[] };
  headers?: { name: string; value: string }[];
  at: number;
}

const address = (to: string) => (/<([^>]+)>/.exec(to)?.[1] ?? to).trim().toLowerCase();

/** The emulator's emails to addresses ending in `domain`, in the order it received them. */
async function storedEmails(sesUrl: string, domain: string): Promise<StoredEmail[]> {
  const { emails } = (await (await fetch(`${sesUrl}/store`)).json()) as { emails: StoredEmail[] };
  return emails.filter((email) => email.destination.to.some((to) => address(to).endsWith(domain)));
}

function deliveryCounts(emails: readonly StoredEmail[], expected: number) {
  const recipients = new Set(emails.flatMap((email) => email.destination.to.map(address)));
  return {
    stored: emails.length,
    duplicates: emails.length - recipients.size,
    missing: Math.max(0, expected - recipients.size),
  };
}

/** Writes `count` small outbox messages (not measured); answers their ids. */
async function queueBenchMessages(count: number, runId: string): Promise<{ ids: string[]; seconds: number }> {
  const { registrations } = await adapters();
  const started = performance.now();
  const messages = Array.from({ length: count }, (_, i) => ({
    messageId: `bench.${runId}.${i}`,
    recipient: `r${i}${BENCH_DOMAIN}`,
    language: 'en',
    template: 'hub-report-due.to-hub',
    data: { name: 'Bench', hub: 'Hub', year: 2025 },
  }));
  const batches: (typeof messages)[] = [];
  for (let i = 0; i < messages.length; i += OUTBOX_BATCH) batches.push(messages.slice(i, i + OUTBOX_BATCH));
  const ids: string[] = [];
  let next = 0;
  const worker = async () => {
    while (next < batches.length) {
      const batch = batches[next++] as typeof messages;
      ids.push(...(await registrations.queueMessages(batch)));
    }
  };
  await Promise.all(Array.from({ length: SETUP_CONCURRENCY }, worker));
  if (ids.length !== count) throw new Error(`Queued ${ids.length} of ${count} outbox messages`);
  return { ids, seconds: seconds(started) };
}

/**
 * Hands the ids to the mail queue and waits until it is idle and every recipient is in the
 * emulator (a send reported for retry is redelivered seconds later, after `idle`).
 */
async function sendAll(platform: Platform, ids: string[]) {
  const started = performance.now();
  platform.mailQueue.enqueue(ids);
  await platform.mailQueue.idle();
  const idleSeconds = seconds(started);
  let emails = await storedEmails(platform.urls.ses, BENCH_DOMAIN);
  while (
    deliveryCounts(emails, ids.length).missing > 0 &&
    performance.now() - started < idleSeconds * 1000 + MISSING_GRACE_MS
  ) {
    await sleep(1_000);
    await platform.mailQueue.idle();
    emails = await storedEmails(platform.urls.ses, BENCH_DOMAIN);
  }
  return { emails, idleSeconds, seconds: seconds(started) };
}

/**
 * Waits until the send-event publisher has recorded the Send event of the last email the
 * emulator received (it handles them in order), so that its work does not spill into what is
 * measured next. Answers how long that took, in seconds.
 */
async function sendEventsCaughtUp(emails: readonly StoredEmail[]): Promise<number | undefined> {
  const last = emails[emails.length - 1];
  const outboxId = last?.headers?.find((h) => h.name.toLowerCase() === OUTBOX_HEADER.toLowerCase())?.value;
  if (!outboxId) return undefined;
  const { store } = await adapters();
  const started = performance.now();
  while (performance.now() - started < 180_000) {
    if ((await store.entities.sendRecord.get({ outboxId }).go()).data) return seconds(started);
    await sleep(250);
  }
  return undefined;
}

/** Unthrottled throughput, in the calling process. */
async function unthrottled(platform: Platform, count: number, runId: string) {
  progress(`unthrottled: writing ${count} outbox messages`);
  const queued = await queueBenchMessages(count, `${runId}.u`);
  progress(`unthrottled: ${count} messages written in ${queued.seconds} s; sending`);
  const sent = await sendAll(platform, queued.ids);
  const counts = deliveryCounts(sent.emails, count);
  progress(`unthrottled: ${count} in ${sent.seconds} s (${round(count / sent.seconds)}/s), ${JSON.stringify(counts)}`);
  const sendEventsLagSeconds = await sendEventsCaughtUp(sent.emails);
  progress(`unthrottled: the send-event publisher caught up ${sendEventsLagSeconds} s after`);
  return {
    messages: count,
    seconds: sent.seconds,
    perSecond: round(count / sent.seconds),
    duplicates: counts.duplicates,
    missing: counts.missing,
    queueWriteSeconds: queued.seconds,
    mailQueueIdleSeconds: sent.idleSeconds,
    sendEventsLagSeconds: sendEventsLagSeconds ?? null,
  };
}

/** The paced run, in this process (the child process calls this with a platform of its own). */
export async function pacedRun(count: number, ratePerSecond: number) {
  return withPlatform(ratePerSecond, async (platform) => {
    const runId = randomUUID().slice(0, 8);
    progress(`paced: writing ${count} outbox messages`);
    const queued = await queueBenchMessages(count, `${runId}.p`);
    progress(`paced: sending ${count} at ${ratePerSecond}/s`);
    const sent = await sendAll(platform, queued.ids);
    const counts = deliveryCounts(sent.emails, count);
    // Send times to the millisecond: the outbox's sentAt (the emulator's `at` is in whole seconds).
    const { store } = await adapters();
    const sentAt: number[] = [];
    for (let i = 0; i < queued.ids.length; i += 100) {
      const keys = queued.ids.slice(i, i + 100).map((messageId) => ({ messageId }));
      const { data } = await store.entities.outbox.get(keys).go();
      for (const item of data) if (item.sentAt) sentAt.push(Date.parse(item.sentAt));
    }
    sentAt.sort((a, b) => a - b);
    const first = sentAt[0] ?? 0;
    const last = sentAt[sentAt.length - 1] ?? 0;
    // The pacer is a token bucket with one second's worth of burst: past the first second, the steady rate.
    const steady = sentAt.filter((t) => t >= first + 1000);
    const steadySpan = (last - first - 1000) / 1000;
    const result = {
      configuredPerSecond: ratePerSecond,
      achievedPerSecond: last > first ? round((sentAt.length - 1) / ((last - first) / 1000)) : null,
      steadyPerSecond: steadySpan > 0 ? round(steady.length / steadySpan) : null,
      firstToLastSendSeconds: round((last - first) / 1000),
      wallSeconds: sent.seconds,
      messages: count,
      sentRecorded: sentAt.length,
      duplicates: counts.duplicates,
      missing: counts.missing,
    };
    progress(`paced: ${JSON.stringify(result)}`);
    return result;
  });
}

/** Runs the paced part in a child process (a fresh pacer and fresh adapters), answering its JSON. */
function pacedInChild(count: number, ratePerSecond: number, env: NodeJS.ProcessEnv): Promise<Record<string, unknown>> {
  const script = fileURLToPath(new URL('./email-pipeline-paced.ts', import.meta.url));
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [script], {
      env: { ...env, BENCH_PACED_EMAILS: String(count), BENCH_PACED_RATE: String(ratePerSecond) },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      out += chunk;
    });
    child.once('error', reject);
    child.once('close', (code) => {
      if (code !== 0) return reject(new Error(`The paced run exited with ${code}: ${out.slice(0, 500)}`));
      try {
        resolve(JSON.parse(out) as Record<string, unknown>);
      } catch (error) {
        reject(new Error(`The paced run printed no JSON (${String(error)}): ${out.slice(0, 500)}`));
      }
    });
  });
}

async function timeJob(name: string, at: Date): Promise<{ seconds: number; result: unknown }> {
  const job = JOBS.find((j) => j.name === name);
  if (!job) throw new Error(`No job ${name} in functions/routes.ts`);
  const started = performance.now();
  const result = await invokeJob(job, at);
  return { seconds: seconds(started), result };
}

const queuedOf = (result: unknown) => (result as { queued?: number } | undefined)?.queued ?? null;

async function jobs(platform: Platform, registrants: number, runId: string, sendReminders: boolean) {
  const { store, registrations, meetings } = await adapters();
  const meetingId = `bench-jobs-${runId}`;
  const start = new Date(Date.now() + 7 * DAY + 2 * HOUR);
  const at = new Date(start.getTime() - 7 * DAY + HOUR);
  await meetings.createMeetingIfAbsent({
    meetingId,
    number: 9_002,
    title: 'Benchmark meeting (jobs)',
    organisers: ['ITU', 'UNECE'],
    format: 'virtual',
    startsAt: start.toISOString(),
    endsAt: new Date(start.getTime() + 2 * HOUR).toISOString(),
    timeZone: 'Europe/Zurich',
    languages: ['en'],
    objectives: [],
    requiresApproval: false,
  });

  progress(`jobs: writing ${registrants} approved registrations`);
  const writeStarted = performance.now();
  const now = new Date().toISOString();
  for (let i = 0; i < registrants; i += REGISTRATION_BATCH) {
    const batch = Array.from({ length: Math.min(REGISTRATION_BATCH, registrants - i) }, (_, k) => i + k);
    await Promise.all(
      batch.map((n) =>
        store.entities.registration
          .put({
            meetingId,
            registrationId: randomUUID(),
            email: `reg${n}${REGISTRANT_DOMAIN}`,
            name: `Bench Registrant ${n}`,
            organisation: 'Benchmark City Council',
            category: 'individual',
            country: 'FR',
            title: 'Head of Smart City Programmes',
            language: 'en',
            listConsent: false,
            privacyConsentAt: now,
            status: 'approved',
            statusAt: now,
            holdsSeat: true,
            manageToken: randomBytes(24).toString('base64url'),
            createdAt: now,
            version: 1,
          })
          .go({ response: 'none' }),
      ),
    );
  }
  progress(`jobs: written in ${seconds(writeStarted)} s`);

  // Baseline: the read the reminder job starts with; best of two (the first also warms up).
  let baselineReadSeconds = Number.POSITIVE_INFINITY;
  for (let attempt = 0; attempt < 2; attempt++) {
    const started = performance.now();
    const read = await registrations.listByStatus(meetingId, 'approved');
    baselineReadSeconds = Math.min(baselineReadSeconds, seconds(started));
    if (read.length !== registrants) throw new Error(`Read back ${read.length} of ${registrants} registrations`);
  }
  progress(`jobs: baseline read ${baselineReadSeconds} s`);

  const first = await timeJob('meeting-reminders', at);
  const firstQueued = queuedOf(first.result);
  progress(`jobs: meeting-reminders ${first.seconds} s, ${JSON.stringify(first.result)}`);

  // Not part of the job's time: the reminders it queued are sent before the next measurement,
  // so that the sending does not compete with it (BENCH_SEND_REMINDERS=0 skips this, saving
  // the ~1.5 minutes 10,000 reminders take; the rest then runs while they are being sent).
  let reminderEmails: Record<string, unknown> = { waitedFor: false };
  if (sendReminders) {
    const drainStarted = performance.now();
    // The sender runs in this process: its CPU time while the queue drains, per email.
    const profile = await startProfile();
    const cpuStarted = process.cpuUsage();
    await platform.mailQueue.idle();
    const cpu = process.cpuUsage(cpuStarted);
    await profile.stop('reminder-drain');
    const cpuMsPerEmail = round((cpu.user + cpu.system) / 1000 / registrants);
    let reminders = await storedEmails(platform.urls.ses, REGISTRANT_DOMAIN);
    const retryDeadline = performance.now() + MISSING_GRACE_MS;
    while (deliveryCounts(reminders, registrants).missing > 0 && performance.now() < retryDeadline) {
      await sleep(1_000);
      await platform.mailQueue.idle();
      reminders = await storedEmails(platform.urls.ses, REGISTRANT_DOMAIN);
    }
    const drainSeconds = seconds(drainStarted);
    const counts = deliveryCounts(reminders, registrants);
    progress(`jobs: reminders sent ${drainSeconds} s after the job, ${JSON.stringify(counts)}`);
    const sendEventsLagSeconds = await sendEventsCaughtUp(reminders);
    reminderEmails = {
      sendSecondsAfterJob: drainSeconds,
      perSecond: round(registrants / drainSeconds),
      cpuMsPerEmail,
      sendEventsLagSeconds: sendEventsLagSeconds ?? null,
      ...counts,
    };
  }

  const again = await timeJob('meeting-reminders', at);
  progress(`jobs: meeting-reminders again ${again.seconds} s, ${JSON.stringify(again.result)}`);

  const others: Record<string, number> = {};
  const otherResults: Record<string, unknown> = {};
  for (const name of OTHER_JOBS) {
    const run = await timeJob(name, at);
    others[name] = run.seconds;
    otherResults[name] = run.result;
    progress(`jobs: ${name} ${run.seconds} s, ${JSON.stringify(run.result)}`);
  }
  if (sendReminders) {
    await platform.mailQueue.idle();
    const after = deliveryCounts(await storedEmails(platform.urls.ses, REGISTRANT_DOMAIN), registrants);
    reminderEmails.duplicatesAtEnd = after.duplicates;
  }

  return {
    registrants,
    scheduledFor: at.toISOString(),
    baselineReadSeconds,
    meetingReminders: {
      seconds: first.seconds,
      queued: firstQueued,
      ratio: round(first.seconds / baselineReadSeconds),
    },
    meetingRemindersAgain: {
      seconds: again.seconds,
      queued: queuedOf(again.result),
      ratio: round(again.seconds / baselineReadSeconds),
    },
    others,
    otherResults,
    reminderEmails,
  };
}

export const emailPipeline: Benchmark = {
  name: 'email-pipeline',
  description:
    'Outbox → mail queue → SES emulator: messages per second unthrottled and paced, and the scheduled jobs over 10,000 registrants',
  async run() {
    const emails = envInteger('BENCH_EMAILS', DEFAULT_EMAILS);
    const pacedEmails = envInteger('BENCH_PACED_EMAILS', DEFAULT_PACED_EMAILS);
    const pacedRate = envInteger('BENCH_PACED_RATE', DEFAULT_PACED_RATE);
    const registrants = envInteger('BENCH_REGISTRANTS', DEFAULT_REGISTRANTS);
    const sendReminders = process.env.BENCH_SEND_REMINDERS !== '0';
    const runId = randomUUID().slice(0, 8);
    const startedAt = performance.now();
    // The environment before any platform of this process set its own.
    const cleanEnv = { ...process.env };

    progress(`paced: ${pacedEmails} messages at ${pacedRate}/s, in a child process`);
    const paced = await pacedInChild(pacedEmails, pacedRate, cleanEnv);

    const { unthrottledResult, jobsResult } = await withPlatform(UNTHROTTLED_RATE, async (platform) => {
      const unthrottledResult = await unthrottled(platform, emails, runId);
      const jobsResult = await jobs(platform, registrants, runId, sendReminders);
      return { unthrottledResult, jobsResult };
    });

    return {
      benchmark: 'email-pipeline',
      unthrottled: { configuredPerSecond: UNTHROTTLED_RATE, ...unthrottledResult },
      paced,
      jobs: jobsResult,
      totalSeconds: seconds(startedAt),
      node: process.version,
      measuredAt: new Date().toISOString(),
    };
  },
};
