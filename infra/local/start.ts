import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { StartError } from './engines.ts';
import { startPlatform } from './platform.ts';
import { localSettings, SettingError } from './settings.ts';

/** `npm start [-- --reseed]`: the platform on 127.0.0.1 until Ctrl-C. */
const root = fileURLToPath(new URL('../../', import.meta.url));

let reseed = false;
let settings: ReturnType<typeof localSettings>;
try {
  reseed = parseArgs({ options: { reseed: { type: 'boolean', default: false } } }).values.reseed === true;
  settings = localSettings(process.env, root);
} catch (error) {
  console.error(
    error instanceof SettingError ? error.message : `${(error as Error).message} (npm start [-- --reseed])`,
  );
  process.exit(2);
}
const { dataDir, ports } = settings;

try {
  const platform = await startPlatform({
    dataDir,
    persistent: true,
    ports,
    rateLimitPerMinute: settings.rateLimitPerMinute,
    mailRatePerSecond: settings.mailRatePerSecond,
    reseed,
  });
  const { urls } = platform;
  const dynamodb = platform.engines.find((engine) => engine.name === 'dynamodb');
  console.log(`
U4SSC platform is running on 127.0.0.1 (Ctrl-C stops everything)

  Home page            ${urls.app}/
  Meeting (Circ. 352)  ${urls.app}/meetings/u4ssc-6
  Meetings API         ${urls.app}/api/meetings
  Health               ${urls.app}/health
  Emails sent (SES)    ${urls.ses}/
  DynamoDB Local       ${urls.dynamodb}   (pid ${dynamodb?.pid ?? '?'}; data in ${join(dataDir, 'dynamodb')}, table ${platform.env.TABLE_NAME}: ${platform.tableStatus})
  S3 emulator          ${urls.s3}   (documents in ${join(dataDir, 's3')})

  Limits: ${settings.rateLimitPerMinute} public writes per client and minute (RATE_LIMIT_PER_MINUTE), ${settings.mailRatePerSecond} emails a second (MAIL_RATE_PER_SECOND).
  Seed data: ${platform.seeded?.created ?? 0} records created, ${platform.seeded?.existing ?? 0} already there.
  A token for a role:  npm run token -- --role secretariat --email secretariat@demo.u4ssc.local
`);

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`\n${signal}: stopping…`);
    await platform.stop();
    console.log('Stopped.');
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  // An engine that dies takes the platform down with one line, rather than leaving it degraded.
  void platform.engineDied.then(async (how) => {
    if (stopping) return;
    stopping = true;
    console.error(`${how}: the platform stopped. Data stays in ${resolve(dataDir)}; start it again with npm start.`);
    await platform.stop().catch(() => undefined);
    process.exit(1);
  });
} catch (error) {
  if (error instanceof StartError) console.error(error.message);
  else console.error(`Could not start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
