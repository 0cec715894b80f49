import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { createService, createStore } from '../../functions/adapters/dynamodb/store.ts';

const client = DynamoDBDocumentClient.from(new DynamoDBClient({ region: 'eu-central-1' }));

describe('the table store', () => {
  it('joins every entity in one service without a clash of names or keys', () => {
    const service = createService({ client, table: 'u4ssc' });
    expect(Object.keys(service.entities).length).toBeGreaterThan(20);
  });

  it('builds an entity on first use only, and the same one every time', () => {
    const store = createStore({ client, table: 'u4ssc' });
    const first = store.entities.meeting;
    expect(store.entities.meeting).toBe(first);
    expect(Object.keys(store.entities)).toEqual(Object.keys(createService({ client, table: 'u4ssc' }).entities));
  });

  it('writes a transaction over the entities its builder touches, with the same parameters as the service', () => {
    const store = createStore({ client, table: 'u4ssc' });
    const service = createService({ client, table: 'u4ssc' });
    const build: Parameters<typeof service.transaction.write>[0] = ({ meeting, outbox }) => [
      meeting.check({ meetingId: 'm1' }).commit(),
      outbox
        .create({
          messageId: 'x',
          status: 'queued',
          statusAt: '2026-01-01T00:00:00.000Z',
          recipient: 'a@example.org',
          language: 'en',
          template: 't',
          data: '{}',
          createdAt: '2026-01-01T00:00:00.000Z',
        })
        .commit(),
    ];
    expect(JSON.stringify(store.transaction.write(build).params())).toBe(
      JSON.stringify(service.transaction.write(build).params()),
    );
  });

  it('refuses a transaction that touches no entity, as the service does', async () => {
    const store = createStore({ client, table: 'u4ssc' });
    await expect(store.transaction.write(() => []).go()).rejects.toThrow(/at least one entity/i);
  });
});
