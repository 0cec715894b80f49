import { parseArgs } from 'node:util';
import { JOBS } from '../../functions/routes.ts';
import { localEnvironment } from './engines.ts';

/**
 * `npm run job -- <name> --at <ISO time>`: runs one scheduled job for any moment against the
 * engines of a running `npm start`, through the same handler EventBridge Scheduler calls, and
 * delivers what it queued before exiting.
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

const port = (name: string, fallback: number) => Number(process.env[name] ?? fallback);
const url = (p: number) => `http://127.0.0.1:${p}`;
const engines = {
  dynamodb: {
    name: 'dynamodb',
    url: url(port('DYNAMODB_PORT', 8000)),
    version: 'DynamoDB Local',
    stop: async () => {},
  },
  s3: { name: 's3', url: url(port('S3_PORT', 4568)), version: 's3rver', stop: async () => {} },
  ses: { name: 'ses', url: url(port('SES_PORT', 8005)), version: 'aws-ses-v2-local', stop: async () => {} },
};
try {
  await fetch(`${engines.ses.url}/health-check`);
} catch {
  console.error(`Nothing answers at ${engines.ses.url}: start the platform first (npm start).`);
  process.exit(1);
}
Object.assign(process.env, localEnvironment(engines, { table: 'u4ssc-local', bucket: 'u4ssc-documents-local' }), {
  MAIL_FROM: 'U4SSC <no-reply@u4ssc.local>',
  SECRETARIAT_EMAIL: process.env.SECRETARIAT_EMAIL ?? 'u4ssc@itu.int',
  PUBLIC_BASE_URL: process.env.PUBLIC_BASE_URL ?? url(port('PORT', 3000)),
  LOG_QUIET: '1',
});
const [{ startLocalMailQueue }, { invokeJob }] = await Promise.all([
  import('./mail-queue.ts'),
  import('./scheduler.ts'),
]);
const queue = await startLocalMailQueue({ onError: (error) => console.error(`Sending failed: ${String(error)}`) });
const result = await invokeJob(job, at);
await queue.idle();
await queue.stop();
console.log(JSON.stringify({ job: job.name, at: at.toISOString(), result }, null, 2));
