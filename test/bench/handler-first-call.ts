import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { SESSION_COOKIE } from '../../functions/http/session.ts';
import { FUNCTION_NAMES, FUNCTIONS, type FunctionName } from '../../functions/routes.ts';
import { loadIssuer } from '../../infra/local/issuer.ts';
import { type Platform, startPlatform } from '../../infra/local/platform.ts';
import { HUB_REPORT_2025 } from '../fixtures/hub-report.ts';
import { freePort } from '../integration/global-setup.ts';
import { type Benchmark, progress } from './benchmark.ts';
import { FLOOR_HANDLER } from './handler-cold-import.ts';
import { bundleFonts, bundleLambda, bundleTemplates, REPO_ROOT } from './lambda-bundle.ts';
import { envInteger, round, type Summary, summarize } from './stats.ts';

/**
 * What a cold start costs a caller: a fresh Node process imports a function's bundle and
 * serves one representative request (or job, or queue record) against the local engines,
 * seeded with the demo data (children run asynchronously: the emulators live in this process). The baseline, measured in the same rounds: a bundle that imports
 * a bare DynamoDBClient and does one GetItem. Sides take turns and every other round runs
 * backwards, so load drift spreads over all of them.
 */
const CHILD = `
const [, bundleUrl, eventJson, fn] = process.argv;
const started = performance.now();
const mod = await import(bundleUrl);
const imported = performance.now();
const context = {
  functionName: fn, awsRequestId: 'bench', callbackWaitsForEmptyEventLoop: false,
  getRemainingTimeInMillis: () => 30_000,
};
const result = await mod.handler(JSON.parse(eventJson), context);
const called = performance.now();
const outcome = result && typeof result === 'object'
  ? (result.statusCode ?? (Array.isArray(result.batchItemFailures) ? 'failures:' + result.batchItemFailures.length : 'ok'))
  : 'ok';
process.stdout.write(JSON.stringify({ importMs: imported - started, callMs: called - imported, outcome }));
`;

interface Call {
  /** What the call is, for the report. */
  what: string;
  event: unknown;
  /** The outcome a correct first call gives (a status code, or "ok" for a job or a record). */
  expect: number | string;
}

const DAY = 86_400_000;

function httpEvent(
  routeKey: string,
  path: string,
  options: { query?: string; body?: unknown; claims?: Record<string, string>; cookie?: string } = {},
) {
  const [method] = routeKey.split(' ');
  const body = options.body === undefined ? undefined : JSON.stringify(options.body);
  const now = new Date();
  const params = new Map<string, string>();
  const names = [...routeKey.matchAll(/\{(\w+)\}/g)].map((m) => m[1] as string);
  const pattern = new RegExp(`^${routeKey.split(' ')[1]?.replace(/\{\w+\}/g, '([^/]+)')}$`);
  const values = path.match(pattern)?.slice(1) ?? [];
  for (const [i, name] of names.entries()) params.set(name, decodeURIComponent(values[i] ?? ''));
  return {
    version: '2.0',
    routeKey,
    rawPath: path,
    rawQueryString: options.query ?? '',
    ...(options.cookie ? { cookies: [options.cookie] } : {}),
    headers: {
      host: '127.0.0.1',
      'user-agent': 'bench',
      ...(body ? { 'content-type': 'application/json' } : {}),
    },
    ...(options.query ? { queryStringParameters: Object.fromEntries(new URLSearchParams(options.query)) } : {}),
    ...(params.size ? { pathParameters: Object.fromEntries(params) } : {}),
    requestContext: {
      accountId: 'local',
      apiId: 'local',
      domainName: '127.0.0.1',
      domainPrefix: 'local',
      http: { method, path, protocol: 'HTTP/1.1', sourceIp: '127.0.0.1', userAgent: 'bench' },
      requestId: randomUUID(),
      routeKey,
      stage: '$default',
      time: now.toUTCString(),
      timeEpoch: now.getTime(),
      ...(options.claims
        ? { authorizer: { principalId: '', integrationLatency: 0, jwt: { claims: options.claims, scopes: [] } } }
        : {}),
    },
    ...(body ? { body } : {}),
    isBase64Encoded: false,
  };
}

/** The first call of each function: a request a person makes, reading (and, where it renders, rendering). */
function firstCalls(ids: { circularId: string; year: number; cookie: string }): Record<FunctionName, Call> {
  const claims = {
    sub: 'bench',
    email: 'bench@itu.int',
    'cognito:groups': '[secretariat]',
    jti: randomUUID(),
  };
  const http = (routeKey: string, path: string, expect: number, options: Parameters<typeof httpEvent>[2] = {}) => ({
    what: `${routeKey.split(' ')[0]} ${path}${options.query ? `?${options.query}` : ''}`,
    event: httpEvent(routeKey, path, options),
    expect,
  });
  return {
    site: http('GET /api/meetings/{meetingId}', '/api/meetings/u4ssc-6', 200),
    health: http('GET /health', '/health', 200),
    registration: http('GET /meetings/{meetingId}/register', '/meetings/u4ssc-6/register', 200, { query: 'lang=ru' }),
    'meetings-admin': http('GET /api/meetings/{meetingId}/registrations', '/api/meetings/u4ssc-6/registrations', 200, {
      claims,
    }),
    documents: http('POST /api/hub-reports/preview.pdf', '/api/hub-reports/preview.pdf', 200, {
      claims,
      body: HUB_REPORT_2025,
    }),
    circulars: http(
      'GET /api/circulars/{circularId}/preview.pdf',
      `/api/circulars/${ids.circularId}/preview.pdf`,
      200,
      { claims, query: 'lang=ru' },
    ),
    console: http('GET /console', '/console', 200, { cookie: ids.cookie }),
    'console-circulars': http(
      'GET /console/circulars/{circularId}/preview.pdf',
      `/console/circulars/${ids.circularId}/preview.pdf`,
      200,
      { cookie: ids.cookie, query: 'lang=ru' },
    ),
    jobs: { what: 'job scheduler-heartbeat', event: { job: 'scheduler-heartbeat' }, expect: 'ok' },
    governance: http('GET /api/governance/requests', '/api/governance/requests', 200, { claims }),
    'governance-documents': http('GET /partners/annex-ii/{file}', '/partners/annex-ii/ru.pdf', 200),
    // An outbox id that does not exist: the claim finds nothing, so nothing is sent or rendered.
    'mail-sender': {
      what: 'queue record for an unknown email',
      event: { Records: [{ messageId: 'bench', body: JSON.stringify({ messageId: `bench-${randomUUID()}` }) }] },
      expect: 'failures:0',
    },
    'ses-events': {
      what: 'SES send event of an unknown email',
      event: {
        Records: [
          {
            Sns: {
              MessageId: 'bench',
              Message: JSON.stringify({
                eventType: 'Send',
                mail: { messageId: `ses-${randomUUID()}`, timestamp: new Date().toISOString(), tags: {} },
              }),
            },
          },
        ],
      },
      expect: 'ok',
    },
    hubs: http('GET /api/hubs', '/api/hubs', 200, { claims }),
    'hub-reports': http(
      'GET /api/hubs/{hubId}/years/{year}/report.pdf',
      `/api/hubs/demo-hub/years/${ids.year}/report.pdf`,
      200,
      { claims },
    ),
  };
}

interface Subject {
  name: string;
  renders: boolean;
  file: string;
  call: Call;
  total: number[];
  importMs: number[];
  callMs: number[];
  outcomes: Set<string>;
}

const run = promisify(execFile);

/** Asynchronous: the engines' emulators run in this process and must go on answering. */
async function timeOne(subject: Subject, env: NodeJS.ProcessEnv): Promise<void> {
  const args = [
    '--input-type=module',
    '--eval',
    CHILD,
    pathToFileURL(subject.file).href,
    JSON.stringify(subject.call.event),
    subject.name,
  ];
  const { stdout } = await run(process.execPath, args, { env, encoding: 'utf8', timeout: 120_000 }).catch(
    (error: Error & { stderr?: string }) => {
      throw new Error(`${subject.name} failed: ${error.message}\n${error.stderr ?? ''}`);
    },
  );
  if (process.env.BENCH_LOG === '1') process.stderr.write(stdout);
  const { importMs, callMs, outcome } = JSON.parse(stdout.slice(stdout.lastIndexOf('{"importMs"'))) as {
    importMs: number;
    callMs: number;
    outcome: number | string;
  };
  subject.importMs.push(importMs);
  subject.callMs.push(callMs);
  subject.total.push(importMs + callMs);
  subject.outcomes.add(String(outcome));
}

export const handlerFirstCall: Benchmark = {
  name: 'handler-first-call',
  description:
    'Cold start as a caller sees it: a fresh process imports each function and serves one representative call against the local engines, against a bare DynamoDBClient + GetItem bundle',
  async run() {
    const runs = envInteger('BENCH_RUNS', 15);
    const dataDir = mkdtempSync(join(tmpdir(), 'u4ssc-bench-'));
    mkdirSync(join(REPO_ROOT, '.bench'), { recursive: true });
    const workDir = mkdtempSync(join(REPO_ROOT, '.bench', 'first-call-'));
    let platform: Platform | undefined;
    try {
      progress('starting the local platform (seeded)');
      process.env.LOG_QUIET = '1';
      platform = await startPlatform({
        dataDir,
        persistent: false,
        ports: { app: 0, dynamodb: await freePort(), ses: await freePort(), s3: await freePort() },
        scheduler: false,
        rateLimitPerMinute: 1_000_000,
        mailRatePerSecond: 100_000,
      });
      const issuer = await loadIssuer(join(dataDir, 'issuer', 'key.json'));
      const token = await issuer.sign({ email: 'bench@itu.int', roles: ['secretariat'] });
      const created = await fetch(`${platform.urls.app}/api/circulars`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ meetingId: 'u4ssc-6', languages: ['ru'] }),
      });
      if (created.status !== 201) throw new Error(`Drafting the circular answered ${created.status}`);
      const { circularId } = (await created.json()) as { circularId: string };
      const calls = firstCalls({
        circularId,
        year: new Date(Date.now() - DAY).getUTCFullYear(),
        cookie: `${SESSION_COOKIE}=${token}`,
      });
      // The functions' environment, as the platform's handlers see it; the child logs nothing.
      const env = {
        ...process.env,
        ...platform.env,
        TEMPLATES_DIR: bundleTemplates(workDir),
        FONTS_DIR: bundleFonts(workDir),
        LOG_QUIET: process.env.BENCH_LOG === '1' ? '' : '1',
        // BENCH_CPU_PROF_DIR=<dir> writes each child's CPU profile there (to see where a cold start goes).
        NODE_OPTIONS: process.env.BENCH_CPU_PROF_DIR
          ? `--cpu-prof --cpu-prof-dir=${process.env.BENCH_CPU_PROF_DIR}`
          : '',
      };
      // BENCH_ONLY=registration,site measures only those functions (the floor always).
      const only = process.env.BENCH_ONLY?.split(',').filter(Boolean);

      const floorEntry = join(workDir, 'floor-handler.ts');
      writeFileSync(floorEntry, FLOOR_HANDLER);
      const entries = [
        {
          name: '(DynamoDBClient + GetItem)',
          renders: false,
          entry: floorEntry,
          call: { what: 'GetItem', event: {}, expect: 'ok' } as Call,
        },
        ...FUNCTION_NAMES.filter((name) => !only || only.includes(name)).map((name) => ({
          name,
          renders: FUNCTIONS[name].renders,
          entry: join(REPO_ROOT, 'functions', 'lambdas', `${name}.ts`),
          call: calls[name],
        })),
      ];
      const subjects: Subject[] = [];
      for (const { name, renders, entry, call } of entries) {
        progress(`bundling ${name}`);
        const outDir = join(workDir, 'bundles', name);
        mkdirSync(outDir, { recursive: true });
        const { file } = await bundleLambda(entry, outDir);
        subjects.push({ name, renders, file, call, total: [], importMs: [], callMs: [], outcomes: new Set() });
      }

      progress(`warm-up round over ${subjects.length} bundles`);
      for (const subject of subjects) await timeOne(subject, env);
      for (const subject of subjects) {
        subject.total = [];
        subject.importMs = [];
        subject.callMs = [];
      }
      for (let r = 1; r <= runs; r++) {
        progress(`round ${r}/${runs}`);
        const order = r % 2 === 0 ? [...subjects].reverse() : subjects;
        for (const subject of order) await timeOne(subject, env);
      }

      const [floor, ...functions] = subjects as [Subject, ...Subject[]];
      const floorTotal: Summary = summarize(floor.total);
      const wrong = functions.filter((s) => [...s.outcomes].some((o) => o !== String(s.call.expect)));
      return {
        benchmark: 'handler-first-call',
        node: process.version,
        runs,
        floor: { totalMs: floorTotal, importMs: summarize(floor.importMs), callMs: summarize(floor.callMs) },
        functions: functions.map((s) => {
          const total = summarize(s.total);
          return {
            name: s.name,
            renders: s.renders,
            call: s.call.what,
            outcomes: [...s.outcomes],
            totalMs: total,
            importMs: summarize(s.importMs),
            callMs: summarize(s.callMs),
            floorRatio: round(total.median / floorTotal.median),
          };
        }),
        // A function whose call did not give the expected outcome measured something else.
        unexpectedOutcomes: wrong.map((s) => ({ name: s.name, expected: s.call.expect, got: [...s.outcomes] })),
        measuredAt: new Date().toISOString(),
      };
    } finally {
      await platform?.stop();
      rmSync(workDir, { recursive: true, force: true });
      rmSync(dataDir, { recursive: true, force: true });
    }
  },
};
