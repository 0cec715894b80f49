import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { countWaitingWith, type WaitingCounter } from '../../functions/http/console-navigation.ts';
import { loadIssuer } from '../../infra/local/issuer.ts';
import { type Platform, startPlatform } from '../../infra/local/platform.ts';
import { freePort } from '../integration/global-setup.ts';
import { type Benchmark, progress } from './benchmark.ts';
import { envInteger, summarize } from './stats.ts';

/**
 * What the console navigation's inbox count adds to a console page: the dashboard (`GET
 * /console`) through the whole local platform, fetched `BENCH_REPEAT` times with the count (one
 * query of the governance requests, made while the page is built) and with a counter that
 * answers at once, after `BENCH_REQUESTS` governance requests were opened (ms: median, p90, min).
 */
const DEFAULT_REQUESTS = 200;
const DEFAULT_REPEAT = 30;

export const consoleInbox: Benchmark = {
  name: 'console-inbox',
  description: "The dashboard's time with and without the navigation's governance inbox count",
  async run() {
    const requests = envInteger('BENCH_REQUESTS', DEFAULT_REQUESTS);
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
        seed: true,
        rateLimitPerMinute: 1_000_000,
        mailRatePerSecond: 100_000,
      });
      const issuer = await loadIssuer(join(dataDir, 'issuer', 'key.json'));
      const requester = await issuer.sign({ email: 'bench.notifier@example.org', roles: ['participant'] });
      progress(`opening ${requests} governance requests`);
      for (let i = 0; i < requests; i++) {
        const reply = await fetch(`${platform.urls.app}/api/governance/requests`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${requester}` },
          body: JSON.stringify({ kind: 'notice', fields: { type: 'joint-work', subject: `Bench ${i}`, details: 'x' } }),
        });
        if (reply.status !== 201) throw new Error(`Opening a request answered ${reply.status}`);
      }
      const token = await issuer.sign({ email: 'secretariat@demo.u4ssc.local', roles: ['secretariat'] });
      const time = async () => {
        const samples: number[] = [];
        for (let i = 0; i < repeat + 1; i++) {
          const started = performance.now();
          const response = await fetch(`${platform?.urls.app}/console`, {
            headers: { cookie: `u4ssc_session=${token}` },
          });
          await response.text();
          if (response.status !== 200) throw new Error(`The dashboard answered ${response.status}`);
          if (i > 0) samples.push(performance.now() - started);
        }
        return summarize(samples);
      };
      // The entry modules registered the real counter when the platform loaded them.
      await fetch(`${platform.urls.app}/console`, { headers: { cookie: `u4ssc_session=${token}` } });
      const { countWaiting } = await import('../../functions/adapters/wiring/inbox.ts');
      const identity = {
        email: 'secretariat@demo.u4ssc.local',
        roles: ['secretariat'],
      } as Parameters<WaitingCounter>[0];
      const waiting = await countWaiting(identity);
      const countAlone: number[] = [];
      for (let i = 0; i < repeat; i++) {
        const started = performance.now();
        await countWaiting(identity);
        countAlone.push(performance.now() - started);
      }
      progress('the dashboard with the count');
      const withCount = await time();
      countWaitingWith(async () => waiting);
      progress('the dashboard with a counter that answers at once');
      const without = await time();
      countWaitingWith(countWaiting);
      return {
        benchmark: 'console-inbox',
        requests,
        waiting,
        repeat,
        dashboardMs: { withCount, withoutCount: without },
        countAloneMs: summarize(countAlone),
        node: process.version,
        measuredAt: new Date().toISOString(),
      };
    } finally {
      await platform?.stop();
      rmSync(dataDir, { recursive: true, force: true });
    }
  },
};
