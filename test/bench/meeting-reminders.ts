import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { JOBS } from '../../functions/routes.ts';
import { type Platform, startPlatform } from '../../infra/local/platform.ts';
import { invokeJob } from '../../infra/local/scheduler.ts';
import { freePort } from '../integration/global-setup.ts';
import { type Benchmark, progress } from './benchmark.ts';
import { envInteger, round } from './stats.ts';

/**
 * `meeting-reminders` at UN scale: one meeting with N approved registrants (100,000 by default,
 * BENCH_REGISTRANTS), the 7-day reminder due. Timed, sides alternated, each twice:
 * - baseline: reading the N registrations back (`listByStatus`, the whole partition);
 * - the job's first run for a moment (every email is new); in the first round also a run for
 *   another moment in the same window (every write is refused by its condition: nothing new),
 *   then a retry of that same run (every page checkpointed: nothing read again).
 * With the first run: when the first reminder reached the SES emulator (emails flow from the
 * first page), how many the sender had sent when the job ended (paced at BENCH_MAIL_RATE, 50/s
 * by default, so that sending does not take the job's CPU), the process's CPU seconds and its
 * heap growth. The job's memory is one page, whatever N.
 */
const DEFAULT_REGISTRANTS = 100_000;
const DEFAULT_MAIL_RATE = 50;
const DAY = 86_400_000;
const HOUR = 3_600_000;
const DOMAIN = '@un-scale.example.org';

const seconds = (since: number) => round((performance.now() - since) / 1000);

async function adapters() {
  const [{ store }, { registrationStore }, { meetingRepository }] = await Promise.all([
    import('../../functions/adapters/dynamodb/store.ts'),
    import('../../functions/adapters/dynamodb/registrations.ts'),
    import('../../functions/adapters/dynamodb/meetings.ts'),
  ]);
  return { store: store(), registrations: registrationStore(store()), meetings: meetingRepository(store()) };
}

interface StoredEmail {
  destination: { to: string[] };
  at: number;
}

async function remindersStored(sesUrl: string): Promise<StoredEmail[]> {
  const { emails } = (await (await fetch(`${sesUrl}/store`)).json()) as { emails: StoredEmail[] };
  return emails.filter((e) => e.destination.to.some((to) => to.toLowerCase().includes(DOMAIN)));
}

async function seed(meetingId: string, registrants: number, start: Date) {
  const { store, meetings } = await adapters();
  await meetings.createMeetingIfAbsent({
    meetingId,
    number: 9_003,
    title: 'Benchmark meeting (UN scale)',
    organisers: ['ITU', 'UNECE'],
    format: 'virtual',
    startsAt: start.toISOString(),
    endsAt: new Date(start.getTime() + 2 * HOUR).toISOString(),
    timeZone: 'Europe/Zurich',
    languages: ['en'],
    objectives: [],
    requiresApproval: false,
    joiningDetails: 'https://meet.example.org/un-scale',
  });
  const now = new Date().toISOString();
  const chunk = 500;
  let next = 0;
  const worker = async () => {
    while (next < registrants) {
      const from = next;
      next += chunk;
      const items = Array.from({ length: Math.min(chunk, registrants - from) }, (_, k) => ({
        meetingId,
        registrationId: randomUUID(),
        email: `reg${from + k}${DOMAIN}`,
        name: `Bench Registrant ${from + k}`,
        organisation: 'Benchmark City Council',
        category: 'individual' as const,
        country: 'FR',
        title: 'Head of Smart City Programmes',
        language: 'en',
        listConsent: false,
        privacyConsentAt: now,
        status: 'approved' as const,
        statusAt: now,
        holdsSeat: true,
        manageToken: randomBytes(24).toString('base64url'),
        createdAt: now,
        version: 1,
      }));
      const { unprocessed } = await store.entities.registration.put(items).go();
      if (unprocessed.length) throw new Error(`${unprocessed.length} registrations not written`);
    }
  };
  await Promise.all(Array.from({ length: 4 }, worker));
}

async function timeRead(meetingId: string, registrants: number) {
  const { registrations } = await adapters();
  const started = performance.now();
  const read = await registrations.listByStatus(meetingId, 'approved');
  if (read.length !== registrants) throw new Error(`Read back ${read.length} of ${registrants}`);
  return seconds(started);
}

async function timeJob(platform: Platform, at: Date) {
  const job = JOBS.find((j) => j.name === 'meeting-reminders');
  if (!job) throw new Error('No meeting-reminders job');
  const cpu = process.cpuUsage();
  const heapBefore = process.memoryUsage().heapUsed;
  let heapPeak = heapBefore;
  let firstEmailAfter: number | null = null;
  // The emulator's store outlives a platform of the same process: count from what it holds now.
  const before = (await remindersStored(platform.urls.ses)).length;
  const started = performance.now();
  let running = true;
  const watch = (async () => {
    while (running) {
      heapPeak = Math.max(heapPeak, process.memoryUsage().heapUsed);
      if (firstEmailAfter === null && (await remindersStored(platform.urls.ses)).length > before)
        firstEmailAfter = seconds(started);
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  })();
  const result = (await invokeJob(job, at)) as { due: number; queued: number; pages: number; resumedPages: number };
  const elapsed = seconds(started);
  running = false;
  await watch;
  const used = process.cpuUsage(cpu);
  return {
    seconds: elapsed,
    result,
    firstEmailAfterSeconds: firstEmailAfter,
    sentWhileRunning: (await remindersStored(platform.urls.ses)).length - before,
    cpuSeconds: round((used.user + used.system) / 1e6),
    heapGrowthMb: round((heapPeak - heapBefore) / 1_048_576),
  };
}

export const meetingRemindersBenchmark: Benchmark = {
  name: 'meeting-reminders',
  description: 'meeting-reminders over 100,000 approved registrants vs reading them back; re-run and retry',
  async run() {
    const registrants = envInteger('BENCH_REGISTRANTS', DEFAULT_REGISTRANTS);
    const mailRate = envInteger('BENCH_MAIL_RATE', DEFAULT_MAIL_RATE);
    const roundCount = envInteger('BENCH_ROUNDS', 2);
    process.env.LOG_QUIET = '1';
    {
      const rounds: Record<string, unknown>[] = [];
      const reads: number[] = [];
      const firsts: number[] = [];
      // The same ports each round: the adapters' clients are built once per process, as in a container.
      const ports = { app: 0, dynamodb: await freePort(), ses: await freePort(), s3: await freePort() };
      for (let round = 1; round <= roundCount; round++) {
        // A platform of its own each round: the sender's backlog of the last round is gone.
        const dataDir = mkdtempSync(join(tmpdir(), 'u4ssc-bench-'));
        progress(`round ${round}: starting the local platform (mail paced at ${mailRate}/s)`);
        const platform = await startPlatform({
          dataDir,
          persistent: false,
          ports,
          scheduler: false,
          seed: false,
          mailRatePerSecond: mailRate,
        });
        try {
          // A meeting of its own each round, so that each first run finds every email new.
          const meetingId = `bench-un-${round}-${randomUUID().slice(0, 8)}`;
          const start = new Date(Date.now() + 7 * DAY + 3 * HOUR);
          progress(`round ${round}: writing ${registrants} approved registrations`);
          const seedStarted = performance.now();
          await seed(meetingId, registrants, start);
          progress(`round ${round}: written in ${seconds(seedStarted)} s`);
          // Sides alternated: read, job (first run), read, job for another moment (nothing new), its retry.
          const firstAt = new Date(start.getTime() - 7 * DAY + HOUR);
          const secondAt = new Date(firstAt.getTime() + HOUR);
          const readBefore = await timeRead(meetingId, registrants);
          progress(`round ${round}: read back ${readBefore} s`);
          const first = await timeJob(platform, firstAt);
          progress(`round ${round}: first run ${first.seconds} s ${JSON.stringify(first)}`);
          const readAfter = await timeRead(meetingId, registrants);
          progress(`round ${round}: read back ${readAfter} s`);
          // A run for another moment (every write refused: nothing new), then its retry (every
          // page checkpointed): first round only, the first costs about as much as a first run.
          let rerun: Awaited<ReturnType<typeof timeJob>> | undefined;
          let retry: Awaited<ReturnType<typeof timeJob>> | undefined;
          if (round === 1) {
            rerun = await timeJob(platform, secondAt);
            progress(`round ${round}: run for another moment ${rerun.seconds} s ${JSON.stringify(rerun.result)}`);
            retry = await timeJob(platform, secondAt);
            progress(`round ${round}: retry of that run ${retry.seconds} s ${JSON.stringify(retry.result)}`);
          }
          reads.push(readBefore, readAfter);
          firsts.push(first.seconds);
          rounds.push({
            readSeconds: [readBefore, readAfter],
            firstRun: first,
            ...(rerun ? { runForAnotherMoment: rerun, retryOfThatRun: retry } : {}),
          });
        } finally {
          await platform.stop();
          rmSync(dataDir, { recursive: true, force: true });
        }
      }
      const spread = (values: number[]) => {
        const sorted = [...values].sort((x, y) => x - y);
        const mid = Math.floor(sorted.length / 2);
        const median = sorted.length % 2 ? sorted[mid] : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
        return { min: sorted[0], median: round(median ?? 0), max: sorted[sorted.length - 1] };
      };
      const readSpread = spread(reads);
      const firstSpread = spread(firsts);
      return {
        registrants,
        mailRatePerSecond: mailRate,
        baselineReadSeconds: readSpread,
        firstRunSeconds: firstSpread,
        ratioMedian: round((firstSpread.median ?? 0) / (readSpread.median || 1)),
        rounds,
      };
    }
  },
};
