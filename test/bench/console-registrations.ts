import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { createStore } from '../../functions/adapters/dynamodb/store.ts';
import { REGISTRATION_STATUSES } from '../../functions/registrations/registration.ts';
import { loadIssuer } from '../../infra/local/issuer.ts';
import { type Platform, startPlatform } from '../../infra/local/platform.ts';
import { freePort } from '../integration/global-setup.ts';
import { type Benchmark, progress } from './benchmark.ts';
import { envInteger, round } from './stats.ts';

/**
 * The console's registration list of one meeting with 5,000 registrations, through the whole
 * local platform (gateway, session check, handler, DynamoDB Local): the time to answer the first
 * page, a search, a sort by name, the last page and one status, each fetched `BENCH_REPEAT`
 * times (p50 and max, in ms). The registrations are written straight to the table beforehand.
 */
const DEFAULT_REGISTRATIONS = 5_000;
const DEFAULT_REPEAT = 10;
const DAY = 86_400_000;

export const consoleRegistrations: Benchmark = {
  name: 'console-registrations',
  description: 'Console registration list at 5,000 registrations on one meeting: page, search, sort, last page',
  async run() {
    const count = envInteger('BENCH_REGISTRATIONS', DEFAULT_REGISTRATIONS);
    const repeat = envInteger('BENCH_REPEAT', DEFAULT_REPEAT);
    process.env.LOG_QUIET = '1';
    const dataDir = mkdtempSync(join(tmpdir(), 'u4ssc-bench-'));
    let platform: Platform | undefined;
    try {
      progress('starting the local platform');
      platform = await startPlatform({
        dataDir,
        persistent: false,
        ports: { app: 0, dynamodb: await freePort(), ses: await freePort(), s3: await freePort() },
        scheduler: false,
        seed: false,
        rateLimitPerMinute: 1_000_000,
        mailRatePerSecond: 100_000,
      });
      const issuer = await loadIssuer(join(dataDir, 'issuer', 'key.json'));
      const token = await issuer.sign({ email: 'bench@itu.int', roles: ['secretariat'] });
      const meetingId = `bench-${randomUUID().slice(0, 8)}`;
      const start = new Date(Date.now() + 30 * DAY);
      const created = await fetch(`${platform.urls.app}/api/meetings`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({
          meetingId,
          number: 9_002,
          title: 'Benchmark meeting',
          organisers: ['ITU'],
          format: 'virtual',
          startsAt: start.toISOString(),
          endsAt: new Date(start.getTime() + 3_600_000).toISOString(),
          timeZone: 'Europe/Zurich',
          languages: ['en'],
          objectives: [],
        }),
      });
      if (created.status !== 201) throw new Error(`Creating the meeting answered ${created.status}`);

      progress(`writing ${count} registrations`);
      const client = DynamoDBDocumentClient.from(
        new DynamoDBClient({
          endpoint: platform.urls.dynamodb,
          region: platform.env.AWS_REGION,
          credentials: {
            accessKeyId: platform.env.AWS_ACCESS_KEY_ID ?? '',
            secretAccessKey: platform.env.AWS_SECRET_ACCESS_KEY ?? '',
          },
        }),
        { marshallOptions: { removeUndefinedValues: true } },
      );
      const store = createStore({ client, table: platform.env.TABLE_NAME ?? '' });
      const now = Date.now();
      const items = Array.from({ length: count }, (_, i) => ({
        meetingId,
        registrationId: `r${String(i).padStart(6, '0')}`,
        name: `Delegate ${i} ${['Diallo', 'Иванова', 'García', 'Wei', 'Haddad'][i % 5]}`,
        email: `delegate${i}@example.org`,
        organisation: `Organisation ${i % 300}`,
        category: 'member-state' as const,
        country: 'CH',
        title: 'Dr',
        language: 'en',
        listConsent: false,
        status: REGISTRATION_STATUSES[i % 4] ?? 'pending',
        statusAt: new Date(now + i).toISOString(),
        holdsSeat: false,
        privacyConsentAt: new Date(now).toISOString(),
        manageToken: randomUUID(),
        createdAt: new Date(now + i).toISOString(),
        version: 1,
      }));
      for (let i = 0; i < items.length; i += 500) await store.entities.registration.put(items.slice(i, i + 500)).go();

      const base = `${platform.urls.app}/console/meetings/${meetingId}/registrations`;
      const cases: Record<string, string> = {
        firstPage: base,
        search: `${base}?q=organisation%20299`,
        sortByName: `${base}?sort=name&dir=desc`,
        lastPage: `${base}?page=100`,
        pendingOnly: `${base}?status=pending`,
      };
      const results: Record<string, { p50: number; max: number; bytes: number }> = {};
      for (const [name, url] of Object.entries(cases)) {
        const times: number[] = [];
        let bytes = 0;
        for (let i = 0; i < repeat + 1; i++) {
          const started = performance.now();
          const response = await fetch(url, { headers: { cookie: `u4ssc_session=${token}` } });
          const text = await response.text();
          if (response.status !== 200) throw new Error(`${name} answered ${response.status}`);
          // The first is a warm-up.
          if (i > 0) times.push(performance.now() - started);
          bytes = text.length;
        }
        times.sort((a, b) => a - b);
        results[name] = {
          p50: round(times[Math.floor(times.length / 2)] ?? 0),
          max: round(times.at(-1) ?? 0),
          bytes,
        };
        progress(`${name}: p50 ${results[name]?.p50} ms`);
      }
      return {
        benchmark: 'console-registrations',
        registrations: count,
        repeat,
        millisecondsPerPage: results,
        node: process.version,
        measuredAt: new Date().toISOString(),
      };
    } finally {
      await platform?.stop();
      rmSync(dataDir, { recursive: true, force: true });
    }
  },
};
