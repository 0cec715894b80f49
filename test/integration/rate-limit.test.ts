import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import './support.ts';

// Imported after support.ts has pointed the adapters at the local engines.
const { createStore } = await import('../../functions/adapters/dynamodb/store.ts');
const { dynamoRateLimiter } = await import('../../functions/adapters/dynamodb/rate-limit.ts');

/**
 * The public-write limiter against DynamoDB Local: counted per container, added to the shared
 * count every few requests of a client. Its DynamoDB calls are counted with SDK middleware.
 */
function countedStore() {
  const calls: string[] = [];
  const client = new DynamoDBClient({});
  client.middlewareStack.add(
    (next, context) => (args) => {
      calls.push(String(context.commandName));
      return next(args);
    },
    { step: 'initialize', name: 'countCalls' },
  );
  const store = createStore({ client: DynamoDBDocumentClient.from(client), table: String(process.env.TABLE_NAME) });
  return { store, calls };
}

const clientId = () => `10.9.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}-${Date.now()}`;
const at = new Date('2030-03-01T10:00:10.000Z');

describe('the public-write limiter', () => {
  it('one container: exact; a write only every fifth request of a client; refusals cost nothing', async () => {
    const { store, calls } = countedStore();
    const limiter = dynamoRateLimiter(store, { limit: 12, windowSeconds: 60, flushEvery: 5 });
    const client = clientId();
    const decisions = [];
    for (let i = 0; i < 20; i++) decisions.push(await limiter(client, at));
    expect(decisions.map((d) => d.allowed)).toEqual([...Array(12).fill(true), ...Array(8).fill(false)]);
    expect(decisions.at(-1)?.retryAfterSeconds).toBe(50);
    expect(calls).toEqual(['UpdateItemCommand', 'UpdateItemCommand']);
    // A client with a few requests costs no write at all; another client is not affected.
    const other = clientId();
    expect((await limiter(other, at)).allowed).toBe(true);
    expect((await limiter(other, at)).allowed).toBe(true);
    expect(calls).toHaveLength(2);
    // The next window starts over.
    expect((await limiter(client, new Date(at.getTime() + 60_000))).allowed).toBe(true);
  });

  it('two containers: the shared count stops the client in both, at most (flushEvery − 1) per container past the limit', async () => {
    const { store } = countedStore();
    const a = dynamoRateLimiter(store, { limit: 10, windowSeconds: 60, flushEvery: 5 });
    const b = dynamoRateLimiter(store, { limit: 10, windowSeconds: 60, flushEvery: 5 });
    const client = clientId();
    let allowed = 0;
    for (let i = 0; i < 30; i++) {
      if ((await a(client, at)).allowed) allowed++;
      if ((await b(client, at)).allowed) allowed++;
    }
    expect(allowed).toBeGreaterThanOrEqual(10);
    expect(allowed).toBeLessThanOrEqual(10 + 2 * 4);
    expect((await a(client, at)).allowed).toBe(false);
    expect((await b(client, at)).allowed).toBe(false);
    const { data } = await store.entities.rateWindow
      .get({ client, window: new Date(Math.floor(at.getTime() / 60_000) * 60_000).toISOString() })
      .go();
    expect(data?.count).toBeGreaterThanOrEqual(10);
  });
});
