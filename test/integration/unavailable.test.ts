import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Context } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { meetingRepository } from '../../functions/adapters/dynamodb/meetings.ts';
import { createStore } from '../../functions/adapters/dynamodb/store.ts';
import { httpHandler } from '../../functions/http/handler.ts';
import { json } from '../../functions/http/responses.ts';
import { freePort } from './global-setup.ts';

/**
 * A data store that is not running (DynamoDB Local died, an outage): the API answers 503 with
 * Retry-After, through the same middleware stack every route uses, with the SDK's real error.
 */
const context = { awsRequestId: 'lambda-req', getRemainingTimeInMillis: () => 10_000 } as unknown as Context;
const event = {
  version: '2.0',
  routeKey: 'GET /api/meetings/{meetingId}',
  rawPath: '/api/meetings/u4ssc-6',
  rawQueryString: '',
  headers: {},
  pathParameters: { meetingId: 'u4ssc-6' },
  requestContext: { requestId: 'req-503', http: { method: 'GET', path: '/api/meetings/u4ssc-6' } },
  isBase64Encoded: false,
} as never;

describe('an unreachable data store', () => {
  it('is a 503 with Retry-After, not a 500', async () => {
    const client = DynamoDBDocumentClient.from(
      new DynamoDBClient({ endpoint: `http://127.0.0.1:${await freePort()}`, maxAttempts: 1 }),
    );
    const meetings = meetingRepository(createStore({ client, table: 'u4ssc-local' }));
    const handler = httpHandler(
      { routeKey: 'GET /api/meetings/{meetingId}', handler: 'meetings-get', access: 'public', description: '' },
      async ({ params }) => json(200, await meetings.getMeeting(params.meetingId ?? '')),
    );
    const response = await handler(event, context);
    expect(response.statusCode).toBe(503);
    expect(response.headers['retry-after']).toBe('5');
    expect(JSON.parse(response.body ?? '{}')).toMatchObject({ status: 503, title: 'Service Unavailable' });
  });

  it('other errors stay a 500', async () => {
    const handler = httpHandler(
      { routeKey: 'GET /api/meetings/{meetingId}', handler: 'meetings-get', access: 'public', description: '' },
      async () => {
        throw new TypeError('a bug');
      },
    );
    const response = await handler(event, context);
    expect(response.statusCode).toBe(500);
    expect(response.headers['retry-after']).toBeUndefined();
  });
});
