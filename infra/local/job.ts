import { connect } from 'node:net';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { JOBS } from '../../functions/routes.ts';
import { localEnvironment } from './engines.ts';
import { localSettings, SettingError } from './settings.ts';

/**
 * `npm run job -- <name> --at <ISO time>`: runs one scheduled job for any moment against the
 * engines of a running `npm start` (same DATA_DIR and port settings), through the same handler
 * EventBridge Scheduler calls, and delivers what it queued before exiting. If the platform
 * stops answering, it stops within seconds with a non-zero exit and says what was sent and
 * what still waits in the outbox (the outbox-redrive job sends it once the platform runs).
 */
const usage = `Usage: npm run job -- <${JOBS.map((j) => j.name).join('|')}> [--at 2026-12-01T08:00:00Z]`;
const { positionals, values } = parseArgs({ allowPositionals: true, options: { at: { type: 'string' } } });
const job = JOBS.find((j) => j.name === positionals[0]);
const at = values.at ? new Date(values.at) : new Date();
if (!job || Number.isNaN(at.getTime())) {
  if (!job) console.error(positionals[0] ? `Unknown job "${positionals[0]}".` : 'Name a job.');
  else console.error(`--at "${values.at}" is not a date and time (ISO 8601).`);
  console.error(usage);
  process.exit(2);
}

let settings: ReturnType<typeof localSettings>;
try {
  settings = localSettings(process.env, fileURLToPath(new URL('../../', import.meta.url)));
} catch (error) {
  console.error(error instanceof SettingError ? error.message : String(error));
  process.exit(2);
}
const { ports } = settings;
/** How long the platform may be unreachable before the run is given up. */
const UNREACHABLE_LIMIT_MS = Number(process.env.JOB_UNREACHABLE_SECONDS ?? 5) * 1000;
/** How long delivery may go on after the job has queued its emails. */
const DELIVERY_LIMIT_MS = Number(process.env.JOB_DELIVERY_SECONDS ?? 600) * 1000;

const url = (p: number) => `http://127.0.0.1:${p}`;
const engine = (name: string, port: number, version: string) => ({
  name,
  url: url(port),
  version,
  stop: async () => {},
});
const engines = {
  dynamodb: engine('dynamodb', ports.dynamodb, 'DynamoDB Local'),
  s3: engine('s3', ports.s3, 's3rver'),
  ses: engine('ses', ports.ses, 'aws-ses-v2-local'),
};
const target = `the platform of DATA_DIR ${settings.dataDir} (app ${ports.app}, DynamoDB Local ${ports.dynamodb}, SES ${ports.ses}, S3 ${ports.s3})`;

/** Whether something accepts connections on the port, within a second. */
const answers = (port: number) =>
  new Promise<boolean>((resolve) => {
    const socket = connect({ host: '127.0.0.1', port });
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(1000, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
const platformAnswers = async () => (await Promise.all([ports.dynamodb, ports.ses].map(answers))).every(Boolean);

if (!(await platformAnswers())) {
  console.error(`Nothing answers for ${target}: start the platform first (npm start), with the same settings.`);
  process.exit(1);
}
console.error(`Running ${job.name} for ${at.toISOString()} against ${target}.`);
Object.assign(process.env, localEnvironment(engines, { table: 'u4ssc-local', bucket: 'u4ssc-documents-local' }), {
  MAIL_FROM: 'U4SSC <no-reply@u4ssc.local>',
  SECRETARIAT_EMAIL: process.env.SECRETARIAT_EMAIL ?? 'u4ssc@itu.int',
  PUBLIC_BASE_URL: process.env.PUBLIC_BASE_URL ?? url(ports.app),
  MAIL_RATE_PER_SECOND: String(settings.mailRatePerSecond),
  LOG_QUIET: '1',
});
const [{ startLocalMailQueue }, { invokeJob }] = await Promise.all([
  import('./mail-queue.ts'),
  import('./scheduler.ts'),
]);
let sendErrors = 0;
const queue = await startLocalMailQueue({
  onError: (error) => {
    // One line, not one per batch: the watchdog below decides when to stop.
    if (sendErrors++ === 0) console.error(`Sending failed: ${String(error)}`);
  },
});

/** Resolves with a reason when the platform has not answered for UNREACHABLE_LIMIT_MS. */
let watching = true;
const lost = new Promise<string>((resolve) => {
  let unreachableSince: number | undefined;
  const check = async () => {
    if (!watching) return;
    if (await platformAnswers()) unreachableSince = undefined;
    else unreachableSince ??= Date.now();
    if (unreachableSince !== undefined && Date.now() - unreachableSince >= UNREACHABLE_LIMIT_MS) {
      resolve(`the platform stopped answering (${target})`);
      return;
    }
    setTimeout(check, 500).unref();
  };
  void check();
});
const timeout = (ms: number, reason: string) =>
  new Promise<string>((resolve) => setTimeout(() => resolve(reason), ms).unref());

const finish = async (code: number, result: unknown, problem?: string) => {
  watching = false;
  await queue.stop();
  const stats = queue.stats();
  const delivery = {
    handedToSender: stats.handed,
    handled: stats.handled,
    notSent: stats.handed - stats.handled,
  };
  console.log(JSON.stringify({ job: job.name, at: at.toISOString(), result, delivery }, null, 2));
  if (problem) {
    console.error(
      `${job.name} stopped: ${problem}. ${delivery.notSent} of ${delivery.handedToSender} emails not sent; they stay queued in the outbox and the outbox-redrive job sends them once the platform runs.`,
    );
  }
  process.exit(code);
};

const running = invokeJob(job, at).then(
  (result) => ({ ok: true as const, result }),
  (error: unknown) => ({ ok: false as const, error }),
);
const first = await Promise.race([running, lost]);
if (typeof first === 'string') await finish(1, null, first);
else if (!first.ok) {
  const error = first.error;
  const cause = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  const gone = !(await platformAnswers());
  await finish(
    1,
    null,
    gone ? `the platform stopped answering while the job ran (${target}; ${cause})` : `the job failed: ${cause}`,
  );
} else {
  const outcome = await Promise.race([
    queue.settled().then(() => undefined),
    lost,
    timeout(DELIVERY_LIMIT_MS, `delivery took longer than ${DELIVERY_LIMIT_MS / 1000} s`),
  ]);
  const stats = queue.stats();
  if (outcome) await finish(1, first.result, outcome);
  else if (stats.handled < stats.handed) await finish(1, first.result, 'some emails could not be delivered');
  else await finish(0, first.result);
}
