import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { FUNCTION_NAMES, FUNCTIONS } from '../../functions/routes.ts';
import { type Benchmark, progress } from './benchmark.ts';
import { bundleLambda, REPO_ROOT } from './lambda-bundle.ts';
import { type Summary, summarize } from './stats.ts';

const DEFAULT_RUNS = 15;

/** The baseline: a function that imports nothing, bundled with the very same options. */
export const EMPTY_HANDLER = 'export const handler = async () => ({ statusCode: 200 });\n';

/**
 * The realistic floor (the goal's baseline): a bare DynamoDB client and one GetItem, bundled
 * the same way, so it loads the SDK client from the runtime as every function does.
 */
export const FLOOR_HANDLER = `import { DynamoDBClient, GetItemCommand } from '@aws-sdk/client-dynamodb';
const client = new DynamoDBClient({});
export const handler = async () =>
  client.send(new GetItemCommand({ TableName: process.env.TABLE_NAME, Key: { pk: { S: 'a' }, sk: { S: 'b' } } }));
`;

/**
 * Runs in a fresh Node process: times the dynamic import of one bundle and checks that it
 * exports a `handler` function. The handler itself is never called, so nothing reaches AWS.
 */
const IMPORT_TIMER = `
const started = performance.now();
const mod = await import(process.argv[1]);
const importMs = performance.now() - started;
if (typeof mod.handler !== 'function') throw new Error('the bundle exports no handler function');
process.stdout.write(JSON.stringify({ importMs }));
`;

/**
 * What module-scope code may read. The SDK clients are constructed at import (region from
 * AWS_REGION, credentials resolved lazily on the first call); the instance metadata service is
 * switched off so that nothing could wait on it.
 */
const CHILD_ENV = {
  ...process.env,
  TABLE_NAME: 'bench',
  DOCUMENTS_BUCKET: 'bench',
  AWS_REGION: 'eu-central-1',
  TEMPLATES_DIR: join(REPO_ROOT, 'templates'),
  AWS_EC2_METADATA_DISABLED: 'true',
  // As in Lambda: no --enable-source-maps (maps are read on the error path only); set
  // BENCH_SOURCE_MAPS=1 to measure what loading them at import costs.
  NODE_OPTIONS: process.env.BENCH_SOURCE_MAPS === '1' ? '--enable-source-maps' : '',
};

function runCount(): number {
  const raw = process.env.BENCH_RUNS;
  if (raw === undefined || raw.trim() === '') return DEFAULT_RUNS;
  const runs = Number(raw);
  if (!Number.isInteger(runs) || runs < 1) throw new Error(`BENCH_RUNS must be a positive integer, got "${raw}"`);
  return runs;
}

function timeImport(file: string): number {
  const child = spawnSync(process.execPath, ['--input-type=module', '--eval', IMPORT_TIMER, pathToFileURL(file).href], {
    env: CHILD_ENV,
    encoding: 'utf8',
    timeout: 60_000,
  });
  if (child.error) throw child.error;
  if (child.status !== 0) {
    throw new Error(`Importing ${file} failed (exit ${child.status ?? child.signal}):\n${child.stderr}`);
  }
  const { importMs } = JSON.parse(child.stdout) as { importMs: number };
  return importMs;
}

interface Subject {
  name: string;
  renders: boolean;
  entry: string;
  file: string;
  bytes: number;
  samples: number[];
}

const ratio = (value: number, baseline: number) => Math.round((value / baseline) * 100) / 100;

export const handlerColdImport: Benchmark = {
  name: 'handler-cold-import',
  description:
    'Bundle size and cold import time of every Lambda function (functions/lambdas/*), against an empty one and a bare DynamoDBClient + GetItem one',
  async run() {
    const runs = runCount();
    // Inside the repository (.bench/ is ignored by git): the bundles leave the AWS SDK out, as
    // the Lambda runtime provides it, so they must find it in node_modules, as there.
    mkdirSync(join(REPO_ROOT, '.bench'), { recursive: true });
    const workDir = mkdtempSync(join(REPO_ROOT, '.bench', 'cold-import-'));
    try {
      const baselineEntry = join(workDir, 'empty-handler.ts');
      writeFileSync(baselineEntry, EMPTY_HANDLER);
      const floorEntry = join(workDir, 'floor-handler.ts');
      writeFileSync(floorEntry, FLOOR_HANDLER);
      const entries = [
        { name: '(empty)', renders: false, entry: baselineEntry },
        { name: '(DynamoDBClient + GetItem)', renders: false, entry: floorEntry },
        ...FUNCTION_NAMES.map((name) => ({
          name,
          renders: FUNCTIONS[name].renders,
          entry: join(REPO_ROOT, 'functions', 'lambdas', `${name}.ts`),
        })),
      ];

      const subjects: Subject[] = [];
      for (const { name, renders, entry } of entries) {
        progress(`bundling ${name}`);
        const outDir = join(workDir, 'bundles', name);
        mkdirSync(outDir, { recursive: true });
        const { file, bytes } = await bundleLambda(entry, outDir);
        subjects.push({ name, renders, entry, file, bytes, samples: [] });
      }

      // One discarded round warms the file cache; then the bundles take turns in every round,
      // so that a drift in machine load spreads over all of them rather than a few.
      progress(`warm-up round over ${subjects.length} bundles`);
      for (const subject of subjects) timeImport(subject.file);
      for (let round = 1; round <= runs; round++) {
        progress(`round ${round}/${runs}`);
        // Every other round runs backwards, so no bundle always follows the same one.
        const order = round % 2 === 0 ? [...subjects].reverse() : subjects;
        for (const subject of order) subject.samples.push(timeImport(subject.file));
      }

      const [baseline, floor, ...functions] = subjects as [Subject, Subject, ...Subject[]];
      const baselineImport: Summary = summarize(baseline.samples);
      const floorImport: Summary = summarize(floor.samples);
      return {
        benchmark: 'handler-cold-import',
        node: process.version,
        runs,
        baseline: { bytes: baseline.bytes, importMs: baselineImport },
        floor: { bytes: floor.bytes, importMs: floorImport },
        functions: functions.map((subject) => {
          const importMs = summarize(subject.samples);
          return {
            name: subject.name,
            renders: subject.renders,
            bytes: subject.bytes,
            bytesRatio: ratio(subject.bytes, baseline.bytes),
            importMs,
            importRatio: ratio(importMs.median, baselineImport.median),
            floorRatio: ratio(importMs.median, floorImport.median),
          };
        }),
        measuredAt: new Date().toISOString(),
      };
    } finally {
      rmSync(workDir, { recursive: true, force: true });
    }
  },
};
