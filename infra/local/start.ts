import { fileURLToPath } from 'node:url';
import { StartError } from './engines.ts';
import { startPlatform } from './platform.ts';

/** `npm start`: the platform on 127.0.0.1 until Ctrl-C. */
const root = fileURLToPath(new URL('../../', import.meta.url));
const dataDir = process.env.DATA_DIR ?? `${root}.data`;
const port = (name: string, fallback: number) => {
  const value = Number(process.env[name] ?? fallback);
  if (!Number.isInteger(value) || value < 1 || value > 65535) {
    console.error(`${name}=${process.env[name]} is not a port number.`);
    process.exit(2);
  }
  return value;
};

try {
  const platform = await startPlatform({
    dataDir,
    persistent: true,
    ports: {
      app: port('PORT', 3000),
      dynamodb: port('DYNAMODB_PORT', 8000),
      ses: port('SES_PORT', 8005),
      s3: port('S3_PORT', 4568),
    },
  });
  const { urls } = platform;
  console.log(`
U4SSC platform is running on 127.0.0.1 (Ctrl-C stops everything)

  Home page            ${urls.app}/
  Meeting (Circ. 352)  ${urls.app}/meetings/u4ssc-6
  Meetings API         ${urls.app}/api/meetings
  Health               ${urls.app}/health
  Emails sent (SES)    ${urls.ses}/
  DynamoDB Local       ${urls.dynamodb}   (data in .data/dynamodb, table ${platform.env.TABLE_NAME}: ${platform.tableStatus})
  S3 emulator          ${urls.s3}   (documents in .data/s3)

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
} catch (error) {
  if (error instanceof StartError) console.error(error.message);
  else console.error(`Could not start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
