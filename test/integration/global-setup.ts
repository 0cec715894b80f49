import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { type Platform, startPlatform } from '../../infra/local/platform.ts';

/**
 * Starts the real local engines once for the integration run: DynamoDB Local in memory, the
 * SES and S3 emulators, and the local API Gateway, on free ports so that a running
 * `npm start` is not disturbed.
 */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/**
 * One platform per test run, shared by the projects that need it (integration, e2e): the
 * handlers' configuration is process-wide, so two platforms in one process would mix up.
 */
interface Shared {
  started: Promise<{ platform: Platform; dataDir: string }>;
  users: number;
}
const SHARED = Symbol.for('u4ssc.testPlatform');
const registry = globalThis as unknown as Record<symbol, Shared | undefined>;

async function start() {
  const dataDir = mkdtempSync(join(tmpdir(), 'u4ssc-it-'));
  process.env.LOG_QUIET = '1';
  const platform = await startPlatform({
    dataDir,
    persistent: false,
    ports: { app: 0, dynamodb: await freePort(), ses: await freePort(), s3: await freePort() },
    scheduler: false,
    // Test files send public writes from many loopback addresses (127.0.0.0/8), so per-client windows do not mix.
    rateLimitPerMinute: 60,
    // The sender's pacing is tested on its own; here it must not slow the suite down.
    mailRatePerSecond: 1000,
  });
  return { platform, dataDir };
}

export default async function setup(project: TestProject) {
  registry[SHARED] ??= { started: start(), users: 0 };
  const shared = registry[SHARED];
  shared.users++;
  const { platform, dataDir } = await shared.started;
  project.provide('platform', {
    baseUrl: platform.urls.app,
    sesUrl: platform.urls.ses,
    env: { ...platform.env, LOG_QUIET: '1' },
    issuerKeyFile: join(dataDir, 'issuer', 'key.json'),
  });
  return async () => {
    shared.users--;
    if (shared.users > 0) return;
    registry[SHARED] = undefined;
    await platform.stop();
    rmSync(dataDir, { recursive: true, force: true });
  };
}

declare module 'vitest' {
  export interface ProvidedContext {
    platform: { baseUrl: string; sesUrl: string; env: Record<string, string>; issuerKeyFile: string };
  }
}
