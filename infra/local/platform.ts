import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { isUnavailable } from '../../functions/errors.ts';
import {
  assertJava,
  assertPortFree,
  dataFileProblem,
  type Engine,
  ensureBucket,
  ensureTable,
  localEnvironment,
  StartError,
  startDynamoDb,
  startS3,
  startSes,
  tableExists,
} from './engines.ts';
import { createGateway } from './gateway.ts';
import { LOCAL_AUDIENCE, LOCAL_ISSUER, loadIssuer } from './issuer.ts';
import { startLocalJobQueue } from './job-queue.ts';
import { startLocalMailQueue } from './mail-queue.ts';
import { invokeJob, startScheduler } from './scheduler.ts';
import { startSendEventPublisher } from './ses-events.ts';

/**
 * The whole platform on one machine: engines, table and bucket, seed data, the local API
 * Gateway and the scheduler. `npm start` runs it with data under `.data/`; the integration
 * tests run it in memory on other ports.
 */
export interface PlatformOptions {
  dataDir: string;
  /** Keep DynamoDB data on disk under dataDir (else in memory). */
  persistent: boolean;
  ports: { app: number; dynamodb: number; ses: number; s3: number };
  tableName?: string;
  bucket?: string;
  scheduler?: boolean;
  seed?: boolean;
  /** Public writes per client and minute (the rate limit of the registration forms). */
  rateLimitPerMinute?: number;
  /** Emails per second the local sender sends at most (SES's usual starting quota: 14). */
  mailRatePerSecond?: number;
  /** Seed a data directory again although it held data before and its table is gone. */
  reseed?: boolean;
}

/** The file DynamoDB Local keeps its data in (with -sharedDb), under dataDir/dynamodb. */
export const dataFile = (dataDir: string) => join(dataDir, 'dynamodb', 'shared-local-instance.db');
/** Written once the data directory holds seeded data: its table missing later means data was lost. */
export const dataMarker = (dataDir: string) => join(dataDir, 'holds-data.json');

export interface Platform {
  urls: { app: string; ses: string; dynamodb: string; s3: string };
  engines: Engine[];
  env: Record<string, string>;
  seeded: { created: number; existing: number } | undefined;
  tableStatus: 'created' | 'existing';
  /** Settles with one line if an engine's process ends while the platform runs. */
  engineDied: Promise<string>;
  mailQueue: { idle(): Promise<void>; enqueue(ids: string[]): void };
  /** Pieces of a job's work handed over (one meeting's reminders each), run as the jobs function's queue events. */
  jobQueue: { settled(): Promise<void>; send(body: string): void };
  stop(): Promise<void>;
}

export async function startPlatform(options: PlatformOptions): Promise<Platform> {
  const { ports } = options;
  await assertJava();
  await assertPortFree(ports.dynamodb, 'DynamoDB Local (DYNAMODB_PORT)');
  await assertPortFree(ports.ses, 'the SES emulator (SES_PORT)');
  await assertPortFree(ports.s3, 'the S3 emulator (S3_PORT)');
  if (ports.app !== 0) await assertPortFree(ports.app, 'the app (PORT)');

  const started: Engine[] = [];
  const stopAll = async () => {
    for (const engine of [...started].reverse()) await engine.stop().catch(() => undefined);
  };
  try {
    const settled = await Promise.allSettled([
      startDynamoDb({
        port: ports.dynamodb,
        ...(options.persistent ? { dataDir: join(options.dataDir, 'dynamodb') } : {}),
      }),
      startSes({ port: ports.ses }),
      startS3({ port: ports.s3, dir: join(options.dataDir, 's3') }),
    ]);
    for (const result of settled) if (result.status === 'fulfilled') started.push(result.value);
    const failure = settled.find((result) => result.status === 'rejected');
    if (failure) throw failure.reason;
    const [dynamodb, ses, s3] = started as [Engine, Engine, Engine];
    const tableName = options.tableName ?? 'u4ssc-local';
    const bucket = options.bucket ?? 'u4ssc-documents-local';
    const env: Record<string, string> = {
      ...localEnvironment({ dynamodb, s3, ses }, { table: tableName, bucket }),
      MAIL_FROM: 'U4SSC <no-reply@u4ssc.local>',
      SECRETARIAT_EMAIL: 'u4ssc@itu.int',
      RATE_LIMIT_PER_MINUTE: String(options.rateLimitPerMinute ?? 30),
      MAIL_RATE_PER_SECOND: String(options.mailRatePerSecond ?? 14),
    };
    Object.assign(process.env, env);

    const tableStatus = await openTable(dynamodb, tableName, options);
    await ensureBucket(s3.url, bucket);

    let seeded: Platform['seeded'];
    if (options.seed !== false) {
      // Imported only now, so the adapters see the environment set above.
      const [{ seed }, { store }] = await Promise.all([
        import('./seed.ts'),
        import('../../functions/adapters/dynamodb/store.ts'),
      ]);
      seeded = await seed(store());
      if (options.persistent && !existsSync(dataMarker(options.dataDir))) {
        writeFileSync(
          dataMarker(options.dataDir),
          `${JSON.stringify({ table: tableName, seededAt: new Date().toISOString() }, null, 2)}\n`,
        );
      }
    }

    const issuer = await loadIssuer(join(options.dataDir, 'issuer', 'key.json'));
    const server = await createGateway({ issuer }).listen(ports.app);
    // Links in emails point at the local gateway.
    // Console sessions are ID tokens from the local issuer, checked against its published keys.
    Object.assign(env, {
      PUBLIC_BASE_URL: server.url,
      SESSION_ISSUER: LOCAL_ISSUER,
      SESSION_AUDIENCE: LOCAL_AUDIENCE,
      SESSION_JWKS_URL: `${server.url}/.well-known/jwks.json`,
    });
    Object.assign(process.env, env);
    const engineDied = Promise.race(started.flatMap((engine) => (engine.exited ? [engine.exited] : [])));
    let engineGone = false;
    void engineDied.then(() => {
      engineGone = true;
    });
    // A failure to reach an engine is reported a moment later, unless the engine has died
    // meanwhile: then the one line about its death says it all (see start.ts).
    const report = (line: Record<string, unknown>, error: unknown) => {
      const write = () => {
        if (!engineGone) process.stderr.write(`${JSON.stringify({ ...line, error: String(error) })}\n`);
      };
      if (isUnavailable(error)) setTimeout(write, 1_000).unref();
      else write();
    };
    const onError = (what: string) => (error: unknown) => report({ level: 'error', message: what }, error);
    const mailQueue = await startLocalMailQueue({ onError: onError('Mail queue failure') });
    const jobQueue = await startLocalJobQueue({ onError: onError('Job queue failure') });
    const sendEvents = startSendEventPublisher({ sesUrl: ses.url, onError: onError('SES send events failed') });
    // Emails queued before a stop (or a crash) are sent now.
    await redriveOnStart().catch(onError('Outbox re-drive failed'));
    const scheduler =
      options.scheduler === false
        ? undefined
        : startScheduler({
            onError: (job, error) => report({ level: 'error', message: 'Job failed', job }, error),
          });

    return {
      urls: { app: server.url, ses: ses.url, dynamodb: dynamodb.url, s3: s3.url },
      engines: [dynamodb, ses, s3],
      env,
      seeded,
      tableStatus,
      engineDied,
      mailQueue,
      jobQueue,
      async stop() {
        await scheduler?.stop();
        await jobQueue.stop();
        await mailQueue.stop();
        sendEvents.stop();
        server.closeAllConnections();
        await new Promise<void>((resolve) => server.close(() => resolve()));
        await stopAll();
      },
    };
  } catch (error) {
    await stopAll();
    throw error;
  }
}

/**
 * Opens the table, creating it on a first start. Refuses, with the file and the cause, a data
 * file DynamoDB Local cannot use (locked by another program, corrupt), and a data directory
 * that held data before but whose table is gone (the file emptied or replaced): re-seeding it
 * silently would hide the loss. `reseed` accepts the loss and starts afresh.
 */
async function openTable(dynamodb: Engine, tableName: string, options: PlatformOptions) {
  const file = dataFile(options.dataDir);
  try {
    if (options.persistent && existsSync(dataMarker(options.dataDir)) && !options.reseed) {
      if (!(await tableExists(dynamodb.url, tableName))) {
        throw new StartError(
          `${file} has lost the data it held (table ${tableName} is missing; ${dataMarker(options.dataDir)} says it was there): restore the file from a copy, or start afresh with npm start -- --reseed.`,
        );
      }
    }
    return await ensureTable(dynamodb.url, tableName);
  } catch (error) {
    if (error instanceof StartError || !options.persistent) throw error;
    // DynamoDB Local answers "unknown error"; what went wrong is in what it printed.
    await new Promise((resolve) => setTimeout(resolve, 200));
    const cause = dataFileProblem(dynamodb.recentOutput?.() ?? '');
    const advice = /locked|busy/i.test(cause ?? '')
      ? 'another program holds it (another npm start on the same DATA_DIR?)'
      : 'move it away and start afresh with npm start -- --reseed, or restore a copy';
    throw new StartError(
      `DynamoDB Local cannot use its data file ${file}: ${cause ?? (error instanceof Error ? error.message : String(error))} — ${advice}.`,
    );
  }
}

async function redriveOnStart(): Promise<void> {
  const { JOBS } = await import('../../functions/routes.ts');
  const job = JOBS.find((j) => j.name === 'outbox-redrive');
  if (job) await invokeJob(job, new Date());
}
