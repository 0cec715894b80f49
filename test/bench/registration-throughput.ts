import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DynamoDBClient, PutItemCommand, TransactWriteItemsCommand } from '@aws-sdk/client-dynamodb';
import { loadIssuer } from '../../infra/local/issuer.ts';
import { type Platform, startPlatform } from '../../infra/local/platform.ts';
import { freePort } from '../integration/global-setup.ts';
import { type Benchmark, progress } from './benchmark.ts';
import { startProfile } from './profile.ts';
import { envInteger, round } from './stats.ts';

/**
 * Registrations through the whole local platform (gateway, handler, rate limiter, one DynamoDB
 * transaction, the local mail queue sending the verification email to the SES emulator), against
 * a baseline of plain PutItem calls to the same DynamoDB Local, in the same run.
 *
 * Measure 1: throughput at a fixed concurrency (closed loop), in rounds with the sides alternated:
 * registrations until their emails are sent (drain included) against a raw-SDK script writing
 * the registration's three-item transaction; and the last round's registrations without the
 * drain against plain PutItem. Measure 2: latency at a fixed
 * arrival rate (open loop: request i is due at t0 + i/rate whatever the others do, and its
 * latency counts from that due time, so a stalled process shows up in the numbers).
 */
const CONCURRENCY = 16;
const WARM_UP = 100;
const DEFAULT_REGISTRATIONS = 2_000;
const DEFAULT_RATE = 50;
const DEFAULT_FIXED_RATE_REQUESTS = 1_000;
const ROUNDS = 2;
const DAY = 86_400_000;

/** One operation; resolves true when it succeeded. Must not throw. */
type Operation = (i: number) => Promise<boolean>;

interface Throughput {
  count: number;
  seconds: number;
  perSecond: number;
  errors: number;
}

/** `count` operations by `concurrency` workers, each starting the next as soon as its last one ends. */
async function closedLoop(count: number, concurrency: number, operation: Operation): Promise<Throughput> {
  let next = 0;
  let errors = 0;
  const started = performance.now();
  const worker = async () => {
    while (next < count) {
      const i = next++;
      if (!(await operation(i))) errors++;
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  const seconds = (performance.now() - started) / 1000;
  return { count, seconds: round(seconds), perSecond: round(count / seconds), errors };
}

interface Latency {
  p50: number;
  p90: number;
  p99: number;
  max: number;
  errors: number;
  /** How late the timer fired for a due request, at worst (the process was busy). */
  maxStartLagMs: number;
}

/** `count` operations due at a fixed rate; each latency counts from the due time. */
async function openLoop(count: number, ratePerSecond: number, operation: Operation): Promise<Latency> {
  const interval = 1000 / ratePerSecond;
  const latencies: number[] = [];
  let errors = 0;
  let maxStartLagMs = 0;
  const t0 = performance.now() + 50;
  const requests: Promise<void>[] = [];
  for (let i = 0; i < count; i++) {
    const due = t0 + i * interval;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    maxStartLagMs = Math.max(maxStartLagMs, performance.now() - due);
    requests.push(
      operation(i).then((ok) => {
        latencies.push(performance.now() - due);
        if (!ok) errors++;
      }),
    );
  }
  await Promise.all(requests);
  latencies.sort((a, b) => a - b);
  return {
    p50: round(percentile(latencies, 50)),
    p90: round(percentile(latencies, 90)),
    p99: round(percentile(latencies, 99)),
    max: round(latencies[latencies.length - 1] as number),
    errors,
    maxStartLagMs: round(maxStartLagMs),
  };
}

/** Nearest-rank percentile of a sorted, non-empty list. */
function percentile(sorted: readonly number[], p: number): number {
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[Math.min(rank, sorted.length) - 1] as number;
}

async function createMeeting(platform: Platform, dataDir: string): Promise<string> {
  const issuer = await loadIssuer(join(dataDir, 'issuer', 'key.json'));
  const token = await issuer.sign({ email: 'bench@itu.int', roles: ['secretariat'] });
  const meetingId = `bench-${randomUUID().slice(0, 8)}`;
  const start = new Date(Date.now() + 30 * DAY);
  const response = await fetch(`${platform.urls.app}/api/meetings`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({
      meetingId,
      number: 9_001,
      title: 'Benchmark meeting',
      organisers: ['ITU', 'UNECE'],
      format: 'virtual',
      startsAt: start.toISOString(),
      endsAt: new Date(start.getTime() + 3 * 3_600_000).toISOString(),
      timeZone: 'Europe/Zurich',
      languages: ['en'],
      objectives: [],
    }),
  });
  if (response.status !== 201) {
    throw new Error(`Creating the meeting answered ${response.status}: ${await response.text()}`);
  }
  return meetingId;
}

/** POST one registration (unique email per call); true on 202. */
function registrar(platform: Platform, meetingId: string, runId: string) {
  const target = `${platform.urls.app}/api/meetings/${meetingId}/registrations`;
  let sequence = 0;
  const firstErrors: string[] = [];
  const operation: Operation = async () => {
    const n = sequence++;
    try {
      const response = await fetch(target, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          name: `Bench Person ${n}`,
          email: `bench.${runId}.${n}@example.org`,
          organisation: 'Benchmark City Council',
          category: 'academia',
          country: 'FR',
          title: 'Head of Smart City Programmes',
          privacyConsent: true,
        }),
      });
      const text = await response.text();
      if (response.status === 202) return true;
      if (firstErrors.length < 5) firstErrors.push(`${response.status} ${text.slice(0, 200)}`);
      return false;
    } catch (error) {
      if (firstErrors.length < 5) firstErrors.push(String(error));
      return false;
    }
  };
  return { operation, firstErrors };
}

/** PutItem of a plain item about the size of a registration, into the platform's table. */
function putter(platform: Platform, runId: string) {
  const client = new DynamoDBClient({
    endpoint: platform.urls.dynamodb,
    region: platform.env.AWS_REGION,
    credentials: {
      accessKeyId: platform.env.AWS_ACCESS_KEY_ID ?? '',
      secretAccessKey: platform.env.AWS_SECRET_ACCESS_KEY ?? '',
    },
  });
  let sequence = 0;
  const firstErrors: string[] = [];
  const operation: Operation = async () => {
    const n = sequence++;
    const now = new Date().toISOString();
    try {
      await client.send(
        new PutItemCommand({
          TableName: platform.env.TABLE_NAME,
          Item: {
            pk: { S: `$bench#run_${runId}` },
            sk: { S: `$item#n_${n}` },
            registrationId: { S: randomUUID() },
            name: { S: `Bench Person ${n}` },
            email: { S: `bench.${runId}.put.${n}@example.org` },
            organisation: { S: 'Benchmark City Council' },
            category: { S: 'academia' },
            country: { S: 'FR' },
            title: { S: 'Head of Smart City Programmes' },
            privacyConsent: { BOOL: true },
            status: { S: 'unverified' },
            createdAt: { S: now },
            updatedAt: { S: now },
          },
        }),
      );
      return true;
    } catch (error) {
      if (firstErrors.length < 5) firstErrors.push(String(error));
      return false;
    }
  };
  return { operation, firstErrors, destroy: () => client.destroy() };
}

/**
 * The registration's own write done by a raw-SDK script: one TransactWriteItems of three
 * conditional puts (the registration, its address guard, its verification email), the
 * baseline the platform's throughput is held to.
 */
function transactor(platform: Platform, runId: string) {
  const client = new DynamoDBClient({
    endpoint: platform.urls.dynamodb,
    region: platform.env.AWS_REGION,
    credentials: {
      accessKeyId: platform.env.AWS_ACCESS_KEY_ID ?? '',
      secretAccessKey: platform.env.AWS_SECRET_ACCESS_KEY ?? '',
    },
  });
  let sequence = 0;
  const firstErrors: string[] = [];
  const absent = 'attribute_not_exists(pk)';
  const operation: Operation = async () => {
    const n = sequence++;
    const now = new Date().toISOString();
    const id = randomUUID();
    const email = `bench.${runId}.tx.${n}@example.org`;
    try {
      await client.send(
        new TransactWriteItemsCommand({
          TransactItems: [
            {
              Put: {
                TableName: platform.env.TABLE_NAME,
                ConditionExpression: absent,
                Item: {
                  pk: { S: `$bench#tx_${runId}` },
                  sk: { S: `$registration#id_${id}` },
                  name: { S: `Bench Person ${n}` },
                  email: { S: email },
                  organisation: { S: 'Benchmark City Council' },
                  category: { S: 'academia' },
                  country: { S: 'FR' },
                  title: { S: 'Head of Smart City Programmes' },
                  status: { S: 'unverified' },
                  createdAt: { S: now },
                },
              },
            },
            {
              Put: {
                TableName: platform.env.TABLE_NAME,
                ConditionExpression: absent,
                Item: { pk: { S: `$bench#guard_${email}` }, sk: { S: '$guard' }, registrationId: { S: id } },
              },
            },
            {
              Put: {
                TableName: platform.env.TABLE_NAME,
                ConditionExpression: absent,
                Item: {
                  pk: { S: `$bench#outbox_${id}` },
                  sk: { S: '$outbox' },
                  recipient: { S: email },
                  template: { S: 'verify-email.to-registrant' },
                  status: { S: 'queued' },
                  createdAt: { S: now },
                },
              },
            },
          ],
        }),
      );
      return true;
    } catch (error) {
      if (firstErrors.length < 5) firstErrors.push(String(error));
      return false;
    }
  };
  return { operation, firstErrors, destroy: () => client.destroy() };
}

async function countEmails(sesUrl: string): Promise<number> {
  const store = (await (await fetch(`${sesUrl}/store`)).json()) as { emails: unknown[] };
  return store.emails.length;
}

/**
 * CPU milliseconds used so far by this process (the gateway, handlers, sender and emulators, and
 * the load generator) and by DynamoDB Local (its own process: /proc/<pid>/stat, user + system).
 */
function cpuNow(dynamoDbPid: number | undefined): { node: number; dynamodb: number } {
  const { user, system } = process.cpuUsage();
  let dynamodb = Number.NaN;
  if (dynamoDbPid) {
    try {
      // utime and stime are fields 14 and 15, in clock ticks (100 a second on Linux); the command may hold spaces
      const fields = readFileSync(`/proc/${dynamoDbPid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
      dynamodb = (Number(fields[11]) + Number(fields[12])) * 10;
    } catch {
      // not Linux: DynamoDB Local's share stays unknown
    }
  }
  return { node: (user + system) / 1000, dynamodb };
}

/** CPU per item between two readings of cpuNow, in ms. */
const cpuPer = (before: ReturnType<typeof cpuNow>, after: ReturnType<typeof cpuNow>, items: number) => ({
  node: round((after.node - before.node) / items),
  dynamodb: round((after.dynamodb - before.dynamodb) / items),
});

/** Waits for the mail queue to drain; answers how long that took, in seconds. */
async function drainMail(platform: Platform): Promise<number> {
  const started = performance.now();
  await platform.mailQueue.idle();
  return round((performance.now() - started) / 1000);
}

export const registrationThroughput: Benchmark = {
  name: 'registration-throughput',
  description:
    'Registrations per second and latency at a fixed rate through the local platform, against raw PutItem on the same DynamoDB Local',
  async run() {
    const count = envInteger('BENCH_REGISTRATIONS', DEFAULT_REGISTRATIONS);
    const ratePerSecond = envInteger('BENCH_RATE', DEFAULT_RATE);
    const fixedRateCount = envInteger('BENCH_FIXED_RATE_REQUESTS', DEFAULT_FIXED_RATE_REQUESTS);
    const runId = randomUUID().slice(0, 8);
    process.env.LOG_QUIET = '1';
    const dataDir = mkdtempSync(join(tmpdir(), 'u4ssc-bench-'));
    let platform: Platform | undefined;
    let put: ReturnType<typeof putter> | undefined;
    try {
      progress('starting the local platform (DynamoDB Local in memory, SES and S3 emulators)');
      const startedAt = performance.now();
      platform = await startPlatform({
        dataDir,
        persistent: false,
        ports: { app: 0, dynamodb: await freePort(), ses: await freePort(), s3: await freePort() },
        scheduler: false,
        seed: false,
        rateLimitPerMinute: 1_000_000,
        mailRatePerSecond: 100_000,
      });
      const startupSeconds = round((performance.now() - startedAt) / 1000);
      const meetingId = await createMeeting(platform, dataDir);
      const register = registrar(platform, meetingId, runId);
      put = putter(platform, runId);

      progress(`warm-up: ${WARM_UP} registrations, ${WARM_UP} PutItems`);
      const warmUp = await closedLoop(WARM_UP, CONCURRENCY, register.operation);
      await closedLoop(WARM_UP, CONCURRENCY, put.operation);
      await drainMail(platform);

      // Rounds, sides alternated: registrations through HTTP until every verification email is
      // sent (the drain counted), then the raw-SDK three-item transaction at the same concurrency.
      const tx = transactor(platform, runId);
      await closedLoop(WARM_UP, CONCURRENCY, tx.operation);
      const withDrain: number[] = [];
      const transactions: number[] = [];
      const dynamoDbPid = platform.engines.find((engine) => engine.pid)?.pid;
      const cpu: {
        registrations: { node: number; dynamodb: number }[];
        transactions: { node: number; dynamodb: number }[];
      } = { registrations: [], transactions: [] };
      let registrations: Throughput | undefined;
      let mailDrainSeconds = 0;
      const rounds = envInteger('BENCH_ROUNDS', ROUNDS);
      const registrationSide = async (round: number) => {
        progress(`round ${round}: ${count} registrations at concurrency ${CONCURRENCY}, drain included`);
        const profile = await startProfile();
        const started = performance.now();
        const before = cpuNow(dynamoDbPid);
        registrations = await closedLoop(count, CONCURRENCY, register.operation);
        mailDrainSeconds = await drainMail(platform as Platform);
        cpu.registrations.push(cpuPer(before, cpuNow(dynamoDbPid), count));
        await profile.stop(`registrations-round-${round}`);
        withDrain.push(count / ((performance.now() - started) / 1000));
        progress(`round ${round}: ${registrations.perSecond}/s; drained ${mailDrainSeconds} s later`);
      };
      const transactionSide = async (round: number) => {
        const before = cpuNow(dynamoDbPid);
        const transaction = await closedLoop(count, CONCURRENCY, tx.operation);
        cpu.transactions.push(cpuPer(before, cpuNow(dynamoDbPid), count));
        transactions.push(transaction.perSecond);
        progress(`round ${round}: raw transactions ${transaction.perSecond}/s`);
      };
      // Odd rounds start with the registrations, even rounds with the raw transactions.
      for (let round = 1; round <= rounds; round++) {
        if (round % 2) {
          await registrationSide(round);
          await transactionSide(round);
        } else {
          await transactionSide(round);
          await registrationSide(round);
        }
      }
      tx.destroy();
      if (!registrations) throw new Error('No round ran');
      const spread = (values: number[]) => {
        const sorted = [...values].sort((a, b) => a - b);
        const middle = Math.floor(sorted.length / 2);
        const median = sorted.length % 2 ? sorted[middle] : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
        return { min: round(sorted[0] ?? 0), median: round(median ?? 0), max: round(sorted.at(-1) ?? 0) };
      };
      const drainIncluded = {
        registrationsPerSecond: spread(withDrain),
        rawTransactionsPerSecond: spread(transactions),
        ratioOfMedians: round(spread(withDrain).median / spread(transactions).median),
        // Where the time goes: CPU ms per registration (its email's sending included) and per raw
        // transaction, in this process and in DynamoDB Local, each round.
        cpuMsPerItem: cpu,
      };

      progress(`${count} PutItems at concurrency ${CONCURRENCY}`);
      const putItem = await closedLoop(count, CONCURRENCY, put.operation);
      progress(`${putItem.perSecond}/s`);

      progress(`${fixedRateCount} registrations at ${ratePerSecond}/s`);
      const fixedRegistrations = await openLoop(fixedRateCount, ratePerSecond, register.operation);
      await drainMail(platform);
      progress(`${fixedRateCount} PutItems at ${ratePerSecond}/s`);
      const fixedPutItem = await openLoop(fixedRateCount, ratePerSecond, put.operation);

      const emailsSent = await countEmails(platform.urls.ses);
      const registrationsAccepted =
        WARM_UP - warmUp.errors + rounds * count - registrations.errors + fixedRateCount - fixedRegistrations.errors;
      const errorSamples = [...register.firstErrors, ...put.firstErrors];
      return {
        benchmark: 'registration-throughput',
        concurrency: CONCURRENCY,
        registrations,
        putItem: {
          count: putItem.count,
          seconds: putItem.seconds,
          perSecond: putItem.perSecond,
          errors: putItem.errors,
        },
        ratio: round(registrations.perSecond / putItem.perSecond),
        drainIncluded: { rounds, ...drainIncluded, samples: { registrations: withDrain.map(round), transactions } },
        mailDrainSecondsAfterThroughputRun: mailDrainSeconds,
        fixedRate: {
          ratePerSecond,
          count: fixedRateCount,
          registrations: fixedRegistrations,
          putItem: fixedPutItem,
          p50Ratio: round(fixedRegistrations.p50 / fixedPutItem.p50),
          p99Ratio: round(fixedRegistrations.p99 / fixedPutItem.p99),
        },
        // Every accepted registration (warm-up included) should have had its verification email.
        emailsSent,
        registrationsAccepted,
        ...(errorSamples.length ? { errorSamples } : {}),
        startupSeconds,
        node: process.version,
        measuredAt: new Date().toISOString(),
      };
    } finally {
      put?.destroy();
      await platform?.stop();
      rmSync(dataDir, { recursive: true, force: true });
    }
  },
};
