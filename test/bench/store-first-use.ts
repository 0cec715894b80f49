import { spawnSync } from 'node:child_process';
import { pathToFileURL } from 'node:url';
import { type Benchmark, progress } from './benchmark.ts';
import { REPO_ROOT } from './lambda-bundle.ts';
import { envInteger, round, summarize } from './stats.ts';

/**
 * Runs in a fresh Node process: imports the store module, then times what a function's first
 * call pays for the table's entities before its first DynamoDB call, one way or the other.
 */
const CHILD = `
const [, storeUrl, side] = process.argv;
const { DynamoDBClient } = await import('@aws-sdk/client-dynamodb');
const { DynamoDBDocumentClient } = await import('@aws-sdk/lib-dynamodb');
const { createService, createStore } = await import(storeUrl);
const client = DynamoDBDocumentClient.from(new DynamoDBClient({ region: 'eu-central-1' }));
const started = performance.now();
if (side === 'service') {
  createService({ client, table: 'bench' });
} else {
  const { entities } = createStore({ client, table: 'bench' });
  // What a registration touches: the meeting, the rate window, the transaction's three entities.
  void [entities.meeting, entities.rateWindow, entities.registration, entities.registrationEmail, entities.outbox];
}
process.stdout.write(JSON.stringify({ ms: performance.now() - started }));
`;

function time(side: 'service' | 'store'): number {
  const storeUrl = pathToFileURL(`${REPO_ROOT}functions/adapters/dynamodb/store.ts`).href;
  const child = spawnSync(process.execPath, ['--input-type=module', '--eval', CHILD, storeUrl, side], {
    encoding: 'utf8',
    timeout: 60_000,
  });
  if (child.status !== 0) throw new Error(`The ${side} side failed:\n${child.stderr}`);
  return (JSON.parse(child.stdout) as { ms: number }).ms;
}

export const storeFirstUse: Benchmark = {
  name: 'store-first-use',
  description:
    'First use of the table store in a fresh process: every entity joined in a service vs the five a registration touches',
  async run() {
    const runs = envInteger('BENCH_RUNS', 15);
    const service: number[] = [];
    const store: number[] = [];
    for (let r = 1; r <= runs; r++) {
      progress(`round ${r}/${runs}`);
      // Sides alternated: each goes first every other round.
      if (r % 2 === 0) {
        store.push(time('store'));
        service.push(time('service'));
      } else {
        service.push(time('service'));
        store.push(time('store'));
      }
    }
    const all = summarize(service);
    const used = summarize(store);
    return {
      benchmark: 'store-first-use',
      node: process.version,
      runs,
      everyEntityInAService: all,
      onlyTheEntitiesUsed: used,
      ratio: round(used.median / all.median),
      measuredAt: new Date().toISOString(),
    };
  },
};
