import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EmailLogFilter } from '../../functions/mail/log.ts';
import type { NewOutboxMessage, OutboxMessage } from '../../functions/mail/outbox.ts';
import { type Platform, startPlatform } from '../../infra/local/platform.ts';
import { freePort } from './global-setup.ts';

/**
 * The email log at scale: 20,000 outbox records over 10 meetings (plus a circular's and some
 * failed ones). Each view is one index partition read page by page, newest first; the SDK
 * calls and the items DynamoDB reads for them are counted with middleware on the adapters'
 * own client (this file runs the platform in its worker, as registration-calls does).
 */
const MEETINGS = 10;
const PER_MEETING = 2_000;
const CIRCULAR = 120;

let platform: Platform;
let dataDir: string;
let counting = false;
const calls: { command: string; index: string | undefined; scanned: number; returned: number }[] = [];
let log: typeof import('../../functions/mail/log.ts');
let deps: ReturnType<typeof import('../../functions/adapters/wiring/mail.ts')['emailLogDeps']>;

const meetingId = (m: number) => `scale-meeting-${m}`;
const registrationId = (r: number) => `reg${String(r).padStart(5, '0')}`;
const address = (m: number, r: number) => `person${r}.m${m}@log.example.org`;
const base = Date.parse('2026-10-01T00:00:00.000Z');

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'u4ssc-email-log-'));
  process.env.LOG_QUIET = '1';
  platform = await startPlatform({
    dataDir,
    persistent: false,
    ports: { app: 0, dynamodb: await freePort(), ses: await freePort(), s3: await freePort() },
    scheduler: false,
    seed: false,
  });
  Object.assign(process.env, platform.env);
  const { dynamoDb } = await import('../../functions/adapters/dynamodb/client.ts');
  dynamoDb.middlewareStack.add(
    (next, context) => async (args) => {
      const result = await next(args);
      if (counting) {
        const input = args.input as { IndexName?: string };
        const output = result.output as { ScannedCount?: number; Count?: number; Item?: unknown };
        calls.push({
          command: String(context.commandName).replace(/Command$/, ''),
          index: input.IndexName,
          scanned: output.ScannedCount ?? (output.Item ? 1 : 0),
          returned: output.Count ?? (output.Item ? 1 : 0),
        });
      }
      return result;
    },
    { step: 'initialize', name: 'countEmailLogCalls' },
  );
  log = await import('../../functions/mail/log.ts');
  deps = (await import('../../functions/adapters/wiring/mail.ts')).emailLogDeps();

  // The records, written through the entity as the product writes them (outboxItem), in batches.
  const { createStore } = await import('../../functions/adapters/dynamodb/store.ts');
  const { outboxItem } = await import('../../functions/adapters/dynamodb/registrations.ts');
  const store = createStore({
    client: DynamoDBDocumentClient.from(new DynamoDBClient({})),
    table: String(process.env.TABLE_NAME),
  });
  const items: ReturnType<typeof outboxItem>[] = [];
  let n = 0;
  const message = (m: NewOutboxMessage) => outboxItem(m, new Date(base + n++ * 1000));
  for (let r = 0; r < PER_MEETING / 2; r++) {
    for (let m = 0; m < MEETINGS; m++) {
      for (const event of ['verify-email', 'registration-approved']) {
        items.push(
          message({
            messageId: `${meetingId(m)}.${registrationId(r)}.${event}.1`,
            recipient: address(m, r),
            language: 'en',
            template: `${event}.to-registrant`,
            data: { name: `Person ${r}` },
            meetingId: meetingId(m),
            registrationId: registrationId(r),
          }),
        );
      }
    }
  }
  for (let i = 0; i < CIRCULAR; i++) {
    items.push(
      message({
        // The same address as a registrant of meeting 3: the address view shows both.
        messageId: `circular.scalecirc.${String(i).padStart(24, '0')}`,
        recipient: i === 0 ? address(3, 7).toUpperCase() : `reader${i}@log.example.org`,
        language: 'en',
        template: 'circular.to-recipient',
        data: {},
      }),
    );
  }
  const failedAt = new Date(Date.now() - 2 * 86_400_000).toISOString();
  const failed = new Set([
    `${meetingId(3)}.${registrationId(11)}.verify-email.1`,
    'circular.scalecirc.000000000000000000000005',
  ]);
  const written = items.map((item) =>
    failed.has(item.messageId)
      ? { ...item, status: 'failed' as const, statusAt: failedAt, lastError: 'bounced' }
      : item,
  );
  const chunks: (typeof written)[] = [];
  for (let i = 0; i < written.length; i += 1000) chunks.push(written.slice(i, i + 1000));
  for (let i = 0; i < chunks.length; i += 4) {
    await Promise.all(chunks.slice(i, i + 4).map((chunk) => store.entities.outbox.put(chunk).go()));
  }
}, 600_000);

afterAll(async () => {
  await platform?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

/** Every page of a view, with the calls it cost. */
async function readAll(filter: EmailLogFilter) {
  calls.length = 0;
  counting = true;
  const messages: OutboxMessage[] = [];
  let pages = 0;
  let cursor: string | undefined;
  try {
    do {
      const page = await log.emailLog(deps, { ...filter, ...(cursor ? { cursor } : {}) });
      messages.push(...page.messages);
      cursor = page.cursor;
      pages++;
      expect(page.messages.length).toBeLessThanOrEqual(log.EMAIL_LOG_PAGE);
    } while (cursor && pages < 1000);
  } finally {
    counting = false;
  }
  return { messages, pages, calls: [...calls] };
}

const newestFirst = (messages: OutboxMessage[]) =>
  messages.every((m, i) => i === 0 || (messages[i - 1]?.createdAt ?? '') >= m.createdAt);

describe('the email log at scale (20,000 records, 10 meetings)', () => {
  it("one meeting's view reads that meeting's records only, page by page, newest first", async () => {
    const { messages, pages, calls: made } = await readAll({ meetingId: meetingId(3) });
    expect(messages).toHaveLength(PER_MEETING);
    expect(new Set(messages.map((m) => m.messageId)).size).toBe(PER_MEETING);
    expect(messages.every((m) => m.meetingId === meetingId(3))).toBe(true);
    expect(newestFirst(messages)).toBe(true);
    // The last full page may still hand out a cursor (DynamoDB cannot know it was the last): one empty page more.
    expect(pages).toBeGreaterThanOrEqual(Math.ceil(PER_MEETING / log.EMAIL_LOG_PAGE));
    expect(pages).toBeLessThanOrEqual(Math.ceil(PER_MEETING / log.EMAIL_LOG_PAGE) + 1);
    // Queries on the subject index alone, and DynamoDB read no item of another meeting.
    expect(made.every((c) => c.command === 'Query' && c.index === 'gsi2')).toBe(true);
    expect(made.reduce((sum, c) => sum + c.scanned, 0)).toBe(PER_MEETING);
    expect(made.length).toBeLessThanOrEqual(pages + 1);
  });

  it('the first page of a meeting costs one query of 50 items', async () => {
    calls.length = 0;
    counting = true;
    const page = await log.emailLog(deps, { meetingId: meetingId(9) });
    counting = false;
    expect(page.messages).toHaveLength(log.EMAIL_LOG_PAGE);
    expect(page.cursor).toBeDefined();
    expect(calls).toEqual([{ command: 'Query', index: 'gsi2', scanned: 50, returned: 50 }]);
    // The newest of the meeting comes first.
    expect(page.messages[0]?.messageId).toBe(
      `${meetingId(9)}.${registrationId(PER_MEETING / 2 - 1)}.registration-approved.1`,
    );
  });

  it("one registration's view reads its two records", async () => {
    const { messages, calls: made } = await readAll({ meetingId: meetingId(4), registrationId: registrationId(42) });
    expect(messages.map((m) => m.template)).toEqual([
      'registration-approved.to-registrant',
      'verify-email.to-registrant',
    ]);
    expect(made).toEqual([{ command: 'Query', index: 'gsi4', scanned: 2, returned: 2 }]);
  });

  it("an address's view, whatever its case, reads that address's records (a registration's and a circular's)", async () => {
    const { messages, calls: made } = await readAll({ recipient: ` ${address(3, 7).toUpperCase()} ` });
    expect(messages.map((m) => m.messageId)).toEqual([
      'circular.scalecirc.000000000000000000000000',
      `${meetingId(3)}.${registrationId(7)}.registration-approved.1`,
      `${meetingId(3)}.${registrationId(7)}.verify-email.1`,
    ]);
    expect(made.every((c) => c.index === 'gsi3')).toBe(true);
    expect(made.reduce((sum, c) => sum + c.scanned, 0)).toBe(3);
  });

  it("a circular's view reads its distribution only", async () => {
    const { messages, calls: made } = await readAll({ circularId: 'scalecirc' });
    expect(messages).toHaveLength(CIRCULAR);
    expect(newestFirst(messages)).toBe(true);
    expect(made.every((c) => c.index === 'gsi2')).toBe(true);
    expect(made.reduce((sum, c) => sum + c.scanned, 0)).toBe(CIRCULAR);
  });

  it('the failed emails of the last days are a range of the status index, newest first', async () => {
    const { messages, calls: made } = await readAll({ status: 'failed', days: 7 });
    expect(messages.map((m) => m.messageId).sort()).toEqual([
      'circular.scalecirc.000000000000000000000005',
      `${meetingId(3)}.${registrationId(11)}.verify-email.1`,
    ]);
    expect(made.every((c) => c.index === 'gsi1')).toBe(true);
    expect(made.reduce((sum, c) => sum + c.scanned, 0)).toBe(2);
    // Within a meeting, a status narrows the meeting's partition (read, not the others').
    const inMeeting = await readAll({ meetingId: meetingId(3), status: 'failed' });
    expect(inMeeting.messages.map((m) => m.messageId)).toEqual([
      `${meetingId(3)}.${registrationId(11)}.verify-email.1`,
    ]);
    expect(inMeeting.calls.every((c) => c.index === 'gsi2')).toBe(true);
    expect(inMeeting.calls.reduce((sum, c) => sum + c.scanned, 0)).toBe(PER_MEETING);
  });

  it('a narrowed view pages exactly: no email skipped or repeated across pages', async () => {
    // Meeting 5's approvals only (by address, a filter within the meeting's partition), 2 per page.
    const pages: string[][] = [];
    let cursor: string | undefined;
    do {
      const page = await log.emailLog(deps, {
        meetingId: meetingId(5),
        recipient: address(5, 20),
        limit: 1,
        ...(cursor ? { cursor } : {}),
      });
      pages.push(page.messages.map((m) => m.messageId));
      cursor = page.cursor;
    } while (cursor && pages.length < 10);
    expect(pages.flat()).toEqual([
      `${meetingId(5)}.${registrationId(20)}.registration-approved.1`,
      `${meetingId(5)}.${registrationId(20)}.verify-email.1`,
    ]);
    expect(pages[0]).toHaveLength(1);
  });

  it("measured: one meeting's first page against the former read (every queued message, filtered)", async () => {
    const { createStore } = await import('../../functions/adapters/dynamodb/store.ts');
    const { outbox } = createStore({
      client: DynamoDBDocumentClient.from(new DynamoDBClient({})),
      table: String(process.env.TABLE_NAME),
    }).entities;
    const former = async () => {
      const { data } = await outbox.query.byStatus({ status: 'queued' }).go({ pages: 'all' });
      return data.filter((m) => m.meetingId === meetingId(6)).length;
    };
    const indexed = async () => (await log.emailLog(deps, { meetingId: meetingId(6) })).messages.length;
    const times: Record<'former' | 'indexed', number[]> = { former: [], indexed: [] };
    for (let round = 0; round < 2; round++) {
      for (const [side, run] of (round % 2
        ? [
            ['indexed', indexed],
            ['former', former],
          ]
        : [
            ['former', former],
            ['indexed', indexed],
          ]) as ['former' | 'indexed', () => Promise<number>][]) {
        const started = performance.now();
        expect(await run()).toBe(side === 'former' ? PER_MEETING : log.EMAIL_LOG_PAGE);
        times[side].push(performance.now() - started);
      }
    }
    const best = (xs: number[]) => Math.min(...xs).toFixed(0);
    console.log(
      `email log, one meeting of ${MEETINGS * PER_MEETING} records: first page ${best(times.indexed)} ms (1 query, 50 items); former read ${best(times.former)} ms (every queued record)`,
    );
  }, 300_000);

  it('refuses a view with nothing to show, a malformed cursor and a cursor of another view', async () => {
    await expect(log.emailLog(deps, {})).rejects.toMatchObject({ statusCode: 400 });
    await expect(log.emailLog(deps, { meetingId: meetingId(1), cursor: 'not a cursor!' })).rejects.toMatchObject({
      statusCode: 400,
    });
    const other = await log.emailLog(deps, { meetingId: meetingId(2) });
    await expect(log.emailLog(deps, { recipient: address(3, 7), cursor: String(other.cursor) })).rejects.toMatchObject({
      statusCode: 400,
    });
    // An unknown meeting is an empty log, not an error.
    expect(await log.emailLog(deps, { meetingId: 'no-such-meeting' })).toEqual({ messages: [], cursor: undefined });
  });
});
