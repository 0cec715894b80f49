import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Platform, startPlatform } from '../../infra/local/platform.ts';
import { freePort } from './global-setup.ts';

/**
 * The DynamoDB calls one registration costs, from the POST to the email recorded as sent,
 * counted with SDK middleware on the adapters' own client. This file runs a platform of its own
 * in its worker (the handlers run in this process), so every call the handlers, the sender and
 * the SES event consumer make is seen here.
 */
let platform: Platform;
let dataDir: string;
const calls: string[] = [];
/** The same calls with the entity of the sort key too (`GetItem meetingid/registrationid`). */
const keyed: string[] = [];
let counting = false;

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'u4ssc-calls-'));
  process.env.LOG_QUIET = '1';
  platform = await startPlatform({
    dataDir,
    persistent: false,
    ports: { app: 0, dynamodb: await freePort(), ses: await freePort(), s3: await freePort() },
    scheduler: false,
    seed: false,
    mailRatePerSecond: 100,
  });
  Object.assign(process.env, platform.env);
  const { dynamoDb } = await import('../../functions/adapters/dynamodb/client.ts');
  dynamoDb.middlewareStack.add(
    (next, context) => (args) => {
      if (counting) {
        const input = args.input as { Key?: Record<string, unknown>; Item?: Record<string, unknown> };
        const label = (value: unknown) => {
          const text = typeof value === 'string' ? value : ((value as { S?: string } | undefined)?.S ?? '');
          // The entity's name: `$u4ssc#meetingid_…` → the first key label.
          return /#([a-z]+)_/i.exec(text)?.[1] ?? '';
        };
        const key = label(input.Key?.pk ?? input.Item?.pk);
        const command = String(context.commandName).replace(/Command$/, '');
        calls.push(`${command}${key ? ` ${key}` : ''}`);
        const sortKey = label(input.Key?.sk ?? input.Item?.sk);
        keyed.push(`${command}${key ? ` ${key}` : ''}${sortKey ? `/${sortKey}` : ''}`);
      }
      return next(args);
    },
    { step: 'initialize', name: 'countRegistrationCalls' },
  );
}, 120_000);

afterAll(async () => {
  await platform?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

/** A client of its own for the test's reads, so that they are not counted. */
async function checks() {
  const { createStore } = await import('../../functions/adapters/dynamodb/store.ts');
  return createStore({
    client: DynamoDBDocumentClient.from(new DynamoDBClient({})),
    table: String(process.env.TABLE_NAME),
  });
}

/** A one-hour virtual meeting written straight to the table (not counted: the test's own client). */
async function createMeeting(
  store: Awaited<ReturnType<typeof checks>>,
  meeting: { meetingId: string; number: number; title: string; start: Date },
) {
  await store.entities.meeting
    .create({
      meetingId: meeting.meetingId,
      number: meeting.number,
      title: meeting.title,
      organisers: ['ITU'],
      format: 'virtual',
      startsAt: meeting.start.toISOString(),
      endsAt: new Date(meeting.start.getTime() + 3_600_000).toISOString(),
      timeZone: 'Europe/Zurich',
      languages: ['en'],
      objectives: [],
      version: 1,
    })
    .go();
}

describe('DynamoDB calls per registration', () => {
  it('POST → verification email sent and its send event recorded: the calls, one by one', async () => {
    const store = await checks();
    const start = new Date(Date.now() + 30 * 86_400_000);
    await createMeeting(store, { meetingId: 'calls-meeting', number: 501, title: 'Calls meeting', start });
    const register = (email: string) =>
      fetch(`${platform.urls.app}/api/meetings/calls-meeting/registrations`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          name: 'Counted Person',
          email,
          organisation: 'City',
          category: 'individual',
          country: 'DE',
          title: 'Planner',
          privacyConsent: true,
        }),
      });
    // A first registration warms the containers (first reads of configuration, templates).
    expect((await register('warm@calls.example.org')).status).toBe(202);
    await platform.mailQueue.idle();
    await new Promise((resolve) => setTimeout(resolve, 6_000));

    // Two registrations a moment apart, counted from the first POST to the second's send event.
    counting = true;
    const counted = ['counted1@calls.example.org', 'counted2@calls.example.org'];
    for (const email of counted) expect((await register(email)).status).toBe(202);
    const deadline = Date.now() + 30_000;
    const sent = async (recipient: string) => {
      const { data: emails } = await store.entities.outbox.scan
        .where((attr, op) => op.eq(attr.recipient, recipient))
        .go({ pages: 'all' });
      const messageId = emails[0]?.messageId;
      return messageId ? Boolean((await store.entities.sendRecord.get({ outboxId: messageId }).go()).data) : false;
    };
    for (;;) {
      await platform.mailQueue.idle();
      if ((await Promise.all(counted.map(sent))).every(Boolean)) break;
      if (Date.now() > deadline) throw new Error(`No send events yet: ${calls.join(', ')}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
    counting = false;

    // The rate limit writes nothing for a client's first requests. The meeting is read once and
    // kept 5 s in the container (the second registration reads no meeting). Each registration:
    // the transaction (registration, address guard, outbox email, the email handed to the sender
    // whole); the sender's claim, which is one transaction with the suppression check and the new
    // verification token's hash; the email marked sent. The SES Send events of one poll of the
    // emulator are one BatchWriteItem (in AWS, SNS delivers them one by one: one write each).
    const tally: Record<string, number> = {};
    for (const call of calls) tally[call] = (tally[call] ?? 0) + 1;
    const { BatchWriteItem: sendEventWrites = 0, ...rest } = tally;
    expect(rest, calls.join(', ')).toEqual({
      'GetItem meetingid': 1,
      TransactWriteItems: 4,
      'UpdateItem messageid': 2,
    });
    expect(sendEventWrites, calls.join(', ')).toBeGreaterThanOrEqual(1);
    expect(sendEventWrites, calls.join(', ')).toBeLessThanOrEqual(counted.length);
    // Without the meeting read (kept 5 s): 3 calls a registration and at most one send event write each.
    expect((calls.length - 1) / counted.length).toBeLessThanOrEqual(4);
    expect(calls.length / counted.length).toBeLessThanOrEqual(4.5);
  }, 120_000);

  it('a reminder with its calendar entry: one claim transaction and the email marked sent; the meeting read once for the run', async () => {
    const store = await checks();
    const { JOBS } = await import('../../functions/routes.ts');
    const { invokeJob } = await import('../../infra/local/scheduler.ts');
    const DAY = 86_400_000;
    const start = new Date(Date.now() + 7 * DAY + 2 * 3_600_000);
    const meetingId = 'calls-reminders';
    await createMeeting(store, { meetingId, number: 502, title: 'Reminded meeting', start });
    const now = new Date().toISOString();
    const registrants = 3;
    for (let n = 0; n < registrants; n++) {
      await store.entities.registration
        .put({
          meetingId,
          registrationId: `reminded-${n}`,
          email: `reminded${n}@calls.example.org`,
          name: `Reminded Person ${n}`,
          organisation: 'City',
          category: 'individual',
          country: 'FR',
          title: 'Planner',
          language: 'en',
          listConsent: false,
          privacyConsentAt: now,
          status: 'approved',
          statusAt: now,
          holdsSeat: true,
          manageToken: `manage-token-${n}-0123456789abcdef`,
          createdAt: now,
          version: 1,
        })
        .go();
    }
    const job = JOBS.find((j) => j.name === 'meeting-reminders');
    if (!job) throw new Error('No meeting-reminders job');
    keyed.length = 0;
    counting = true;
    const result = (await invokeJob(job, new Date(start.getTime() - 7 * DAY + 3_600_000))) as { queued: number };
    expect(result.queued).toBe(registrants);
    await platform.mailQueue.idle();
    counting = false;

    const { data: reminders } = await store.entities.outbox.scan
      .where((attr, op) => `${op.begins(attr.recipient, 'reminded')} AND ${op.eq(attr.status, 'sent')}`)
      .go({ pages: 'all' });
    expect(reminders.map((r) => (JSON.parse(r.attachments ?? '[]') as { kind: string }[])[0]?.kind)).toEqual(
      Array(registrants).fill('meeting-ics'),
    );
    // Each reminder travels whole in its queue message: its claim is one transaction with the
    // suppression check and the check that its registration still exists; its calendar entry
    // needs no read of the registration (the claim checked it; there were two before: links
    // and calendar) and reads the meeting once for the run (once per email before); then the
    // email is marked sent.
    const count = (call: string) => keyed.filter((c) => c === call).length;
    expect(count('TransactWriteItems'), keyed.join(', ')).toBe(registrants);
    expect(count('GetItem email'), keyed.join(', ')).toBe(0);
    expect(count('GetItem meetingid/registrationid'), keyed.join(', ')).toBe(0);
    expect(count('GetItem meetingid'), keyed.join(', ')).toBe(1);
    expect(count('UpdateItem messageid'), keyed.join(', ')).toBe(registrants);
  }, 120_000);
});
