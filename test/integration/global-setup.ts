import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { startPlatform } from '../../infra/local/platform.ts';

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

export default async function setup(project: TestProject) {
  const dataDir = mkdtempSync(join(tmpdir(), 'u4ssc-it-'));
  process.env.LOG_QUIET = '1';
  const platform = await startPlatform({
    dataDir,
    persistent: false,
    ports: { app: 0, dynamodb: await freePort(), ses: await freePort(), s3: await freePort() },
    scheduler: false,
    // Each test file sends from its own loopback address (127.0.0.x), so windows do not mix.
    rateLimitPerMinute: 60,
  });
  project.provide('platform', {
    baseUrl: platform.urls.app,
    sesUrl: platform.urls.ses,
    env: { ...platform.env, LOG_QUIET: '1' },
    issuerKeyFile: join(dataDir, 'issuer', 'key.json'),
  });
  return async () => {
    await platform.stop();
    rmSync(dataDir, { recursive: true, force: true });
  };
}

declare module 'vitest' {
  export interface ProvidedContext {
    platform: { baseUrl: string; sesUrl: string; env: Record<string, string>; issuerKeyFile: string };
  }
}
