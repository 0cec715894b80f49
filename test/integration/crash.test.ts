import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { afterAll, describe, expect, it } from 'vitest';
import { meetingRepository } from '../../functions/adapters/dynamodb/meetings.ts';
import { registrationStore } from '../../functions/adapters/dynamodb/registrations.ts';
import { createStore } from '../../functions/adapters/dynamodb/store.ts';
import { freePort } from './global-setup.ts';

/**
 * `npm start` killed with SIGKILL as a whole, mid-burst and mid-job, then started again:
 * every accepted registration is there and whole, every recipient gets one email as the outbox
 * records it, and `npm run job` stops within seconds with the true counts when its platform dies.
 */
const dataDir = mkdtempSync(join(tmpdir(), 'u4ssc-crash-'));
const children = new Set<ChildProcess>();
afterAll(() => {
  for (const child of children) child.kill('SIGKILL');
  rmSync(dataDir, { recursive: true, force: true });
});

const env = async () => ({
  ...process.env,
  DATA_DIR: dataDir,
  PORT: String(await freePort()),
  DYNAMODB_PORT: String(await freePort()),
  SES_PORT: String(await freePort()),
  S3_PORT: String(await freePort()),
  RATE_LIMIT_PER_MINUTE: '100000',
  MAIL_RATE_PER_SECOND: '500',
  JOB_UNREACHABLE_SECONDS: '3',
  // Claims of messages in flight at the kill (in doubt) end soon, so the test need not wait a minute.
  MAIL_LEASE_SECONDS: '5',
});
type Env = Awaited<ReturnType<typeof env>>;

function run(script: string, args: string[], childEnv: Env) {
  const child = spawn(process.execPath, [script, ...args], { env: childEnv, stdio: ['ignore', 'pipe', 'pipe'] });
  children.add(child);
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (chunk) => {
    stdout += String(chunk);
  });
  child.stderr?.on('data', (chunk) => {
    stderr += String(chunk);
  });
  const exited = new Promise<number | null>((resolve) =>
    child.once('exit', (code) => {
      children.delete(child);
      resolve(code);
    }),
  );
  return { child, exited, out: () => stdout, err: () => stderr };
}

async function startPlatform(childEnv: Env) {
  const platform = run('infra/local/start.ts', [], childEnv);
  const deadline = Date.now() + 90_000;
  while (!platform.out().includes('Seed data')) {
    if (platform.child.exitCode !== null) throw new Error(`npm start exited: ${platform.err()}`);
    if (Date.now() > deadline) throw new Error('npm start did not start');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return platform;
}

async function killPlatform(platform: ReturnType<typeof run>) {
  platform.child.kill('SIGKILL');
  await platform.exited;
  // DynamoDB Local follows its parent when the pipe closes; wait until its port is free.
  await new Promise((resolve) => setTimeout(resolve, 1_500));
}

const storeOf = (childEnv: Env) =>
  createStore({
    client: DynamoDBDocumentClient.from(
      new DynamoDBClient({
        endpoint: `http://127.0.0.1:${childEnv.DYNAMODB_PORT}`,
        region: 'eu-central-1',
        credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' },
      }),
    ),
    table: 'u4ssc-local',
  });

const DAY = 86_400_000;

describe('npm start killed with SIGKILL', () => {
  it('mid-burst of 500 registrations: after a restart every accepted registration is there, whole', async () => {
    const childEnv = await env();
    let platform = await startPlatform(childEnv);
    const base = `http://127.0.0.1:${childEnv.PORT}`;
    const accepted: string[] = [];
    let next = 0;
    const post = async () => {
      while (next < 500) {
        const email = `burst${next++}@crash.example.org`;
        try {
          const response = await fetch(`${base}/api/meetings/u4ssc-demo/registrations`, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({
              name: 'Burst Person',
              email,
              organisation: 'City',
              category: 'individual',
              country: 'DE',
              title: 'Planner',
              privacyConsent: true,
            }),
          });
          if (response.status === 202) accepted.push(email);
        } catch {
          return; // the platform is gone
        }
      }
    };
    const burst = Promise.all(Array.from({ length: 8 }, post));
    while (accepted.length < 150) await new Promise((resolve) => setTimeout(resolve, 20));
    await killPlatform(platform);
    await burst;
    expect(accepted.length).toBeGreaterThanOrEqual(150);
    expect(accepted.length).toBeLessThan(500);

    platform = await startPlatform(childEnv);
    const store = storeOf(childEnv);
    const registrations = registrationStore(store);
    for (const email of accepted) {
      const registration = await registrations.findByEmail('u4ssc-demo', email);
      expect(registration, email).toBeDefined();
      expect(registration?.status).toBe('unverified');
      // Written in the same transaction: its verification email is in the outbox.
      const { data: emailRecord } = await store.entities.outbox
        .get({ messageId: `u4ssc-demo.${registration?.registrationId}.verify-email.1` })
        .go();
      expect(emailRecord, `verification email of ${email}`).toBeDefined();
    }
    platform.child.kill('SIGINT');
    expect(await platform.exited).toBe(0);
  }, 240_000);

  it('mid-job of 2,000 reminders: npm run job stops within seconds, non-zero, with the true counts; after a restart each recipient has one email', async () => {
    const childEnv = await env();
    let platform = await startPlatform(childEnv);
    const store = storeOf(childEnv);
    const startsAt = new Date(Date.now() + 10 * DAY);
    const meetingId = `crash-${Date.now().toString(36)}`;
    await meetingRepository(store).createMeetingIfAbsent({
      meetingId,
      number: 90,
      title: 'Crash meeting',
      organisers: ['ITU'],
      format: 'virtual',
      startsAt: startsAt.toISOString(),
      endsAt: new Date(startsAt.getTime() + 3_600_000).toISOString(),
      timeZone: 'Europe/Zurich',
      languages: ['en'],
      objectives: [],
      joiningDetails: 'https://meet.example.org/crash',
    });
    const at = new Date().toISOString();
    const approved = Array.from({ length: 2000 }, (_, i) => ({
      meetingId,
      registrationId: `r${String(i).padStart(4, '0')}`,
      email: `p${i}@job-crash.example.org`,
      name: 'Reminded Person',
      organisation: 'City',
      category: 'individual' as const,
      country: 'DE',
      title: 'Planner',
      language: 'en',
      listConsent: false,
      status: 'approved' as const,
      statusAt: at,
      holdsSeat: true,
      privacyConsentAt: at,
      manageToken: `token-${i}`,
      createdAt: at,
      version: 1,
    }));
    // Batch writes: the reminders read approved registrations only (no address guards needed).
    const unprocessed = await store.entities.registration.put(approved).go();
    expect(unprocessed.unprocessed).toEqual([]);
    const reminderAt = new Date(startsAt.getTime() - 7 * DAY + 3_600_000).toISOString();
    const job = run('infra/local/job.ts', ['meeting-reminders', '--at', reminderAt], childEnv);
    // Kill the platform once the job is sending.
    const sesStore = `http://127.0.0.1:${childEnv.SES_PORT}/store`;
    for (;;) {
      const { emails } = (await (await fetch(sesStore)).json()) as { emails: { destination: { to: string[] } }[] };
      if (emails.filter((e) => e.destination.to[0]?.endsWith('@job-crash.example.org')).length >= 50) break;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    const killedAt = Date.now();
    await killPlatform(platform);
    const code = await job.exited;
    const stoppedAfter = Date.now() - killedAt;
    expect(code).toBe(1);
    expect(stoppedAfter).toBeLessThan(20_000);
    expect(job.err()).toContain(`against the platform of DATA_DIR ${dataDir}`);
    // A few lines, not one per message and redelivery: at most one per message in flight at
    // the kill (4 batches of 10, each left in doubt) besides the target, the failing state and the end.
    expect(job.err().split('\n').filter(Boolean).length, job.err()).toBeLessThanOrEqual(43);
    const report = JSON.parse(job.out()) as {
      result: { queued: number } | null;
      delivery: { handedToSender: number; handled: number; notSent: number };
    };
    expect(report.delivery.notSent).toBeGreaterThan(0);
    expect(report.delivery.handled + report.delivery.notSent).toBe(report.delivery.handedToSender);
    expect(job.err()).toContain(`${report.delivery.notSent} of ${report.delivery.handedToSender} emails not sent`);

    // Started again: the job run again queues what is missing; the re-drive sends what waits.
    platform = await startPlatform(childEnv);
    // (On a loaded machine the job may hit the jobs function's 60 s timeout, as in Lambda: run it again.)
    let again = run('infra/local/job.ts', ['meeting-reminders', '--at', reminderAt], childEnv);
    for (let tries = 1; (await again.exited) !== 0 && tries < 4; tries++) {
      again = run('infra/local/job.ts', ['meeting-reminders', '--at', reminderAt], childEnv);
    }
    expect(await again.exited, again.err()).toBe(0);
    // What was in flight at the kill is in doubt until its claim ends; the re-drive settles it.
    await new Promise((resolve) => setTimeout(resolve, 5_000));
    const redrive = run('infra/local/job.ts', ['outbox-redrive'], childEnv);
    expect(await redrive.exited, redrive.err()).toBe(0);
    const deadline = Date.now() + 120_000;
    let sent = 0;
    let records: { status: string; recipient: string }[] = [];
    while (Date.now() < deadline) {
      const { data } = await store.entities.outbox.scan
        .where((attr, op) => op.begins(attr.messageId, `job.meeting-reminders.${meetingId}.`))
        .go({ pages: 'all' });
      records = data;
      sent = data.filter((r) => r.status === 'sent').length;
      if (sent === 2000) break;
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
    // One outbox record per recipient, each sent.
    expect(records).toHaveLength(2000);
    expect(new Set(records.map((r) => r.recipient)).size).toBe(2000);
    expect(sent).toBe(2000);
    platform.child.kill('SIGINT');
    expect(await platform.exited).toBe(0);
  }, 400_000);

  it('the reminders job itself killed with SIGKILL mid-run: the re-run of the same run resumes after the last finished page and each recipient has one email', async () => {
    // A data folder of its own: nothing left by the tests above can hold it.
    const ownDir = mkdtempSync(join(tmpdir(), 'u4ssc-resume-'));
    const childEnv = { ...(await env()), DATA_DIR: ownDir, JOB_PAGE_SIZE: '100' };
    const platform = await startPlatform(childEnv);
    const store = storeOf(childEnv);
    const startsAt = new Date(Date.now() + 10 * DAY);
    const meetingId = `resume-${Date.now().toString(36)}`;
    await meetingRepository(store).createMeetingIfAbsent({
      meetingId,
      number: 91,
      title: 'Resumed meeting',
      organisers: ['ITU'],
      format: 'virtual',
      startsAt: startsAt.toISOString(),
      endsAt: new Date(startsAt.getTime() + 3_600_000).toISOString(),
      timeZone: 'Europe/Zurich',
      languages: ['en'],
      objectives: [],
    });
    const at = new Date().toISOString();
    const total = 2000;
    const { unprocessed } = await store.entities.registration
      .put(
        Array.from({ length: total }, (_, i) => ({
          meetingId,
          registrationId: `r${String(i).padStart(4, '0')}`,
          email: `p${i}@job-resume.example.org`,
          name: 'Resumed Person',
          organisation: 'City',
          category: 'individual' as const,
          country: 'DE',
          title: 'Planner',
          language: 'en',
          listConsent: false,
          status: 'approved' as const,
          statusAt: at,
          holdsSeat: true,
          privacyConsentAt: at,
          manageToken: `token-${i}`,
          createdAt: at,
          version: 1,
        })),
      )
      .go();
    expect(unprocessed).toEqual([]);
    const reminderAt = new Date(startsAt.getTime() - 7 * DAY + 3_600_000).toISOString();
    const checkpoints = async () =>
      (
        await store.entities.jobCheckpoint.query
          .byRun({ job: 'meeting-reminders', run: reminderAt })
          .go({ pages: 'all' })
      ).data.filter((c) => c.scope === `${meetingId}.7d`);

    const job = run('infra/local/job.ts', ['meeting-reminders', '--at', reminderAt], childEnv);
    while ((await checkpoints()).length < 3) {
      expect(job.child.exitCode, job.err()).toBeNull();
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    job.child.kill('SIGKILL');
    await job.exited;
    const finished = (await checkpoints()).length;
    expect(finished).toBeGreaterThanOrEqual(3);
    expect(finished).toBeLessThan(total / 100);

    // The same run again: the finished pages are neither read nor written again.
    const again = run('infra/local/job.ts', ['meeting-reminders', '--at', reminderAt], childEnv);
    expect(await again.exited, again.err()).toBe(0);
    const { result } = JSON.parse(again.out()) as {
      result: { due: number; queued: number; pages: number; resumedPages: number };
    };
    // 20 pages of 100, and an empty last one (DynamoDB cannot tell that a full page was the last).
    const all = await checkpoints();
    expect(all.map((c) => c.page)).toEqual(Array.from({ length: all.length }, (_, i) => i));
    expect(all.length).toBeGreaterThanOrEqual(total / 100);
    expect(all.filter((c) => c.done).map((c) => c.page)).toEqual([all.length - 1]);
    expect(all.reduce((sum, c) => sum + c.items, 0)).toBe(total);
    expect(result.resumedPages).toBe(finished);
    expect(result.pages).toBe(all.length - finished);
    expect(result.due).toBe(total - finished * 100);
    // Once more: every page is done, nothing is read or queued.
    const retry = run('infra/local/job.ts', ['meeting-reminders', '--at', reminderAt], childEnv);
    expect(await retry.exited, retry.err()).toBe(0);
    expect(JSON.parse(retry.out()).result).toMatchObject({ due: 0, queued: 0, pages: 0, resumedPages: all.length });

    // What the killed run had dispatched but not sent waits in the outbox; the re-drive sends it.
    await new Promise((resolve) => setTimeout(resolve, 5_000));
    const deadline = Date.now() + 180_000;
    let records: { status: string; recipient: string }[] = [];
    while (Date.now() < deadline) {
      const redrive = run('infra/local/job.ts', ['outbox-redrive'], childEnv);
      expect(await redrive.exited, redrive.err()).toBe(0);
      const { data } = await store.entities.outbox.scan
        .where((attr, op) => op.begins(attr.messageId, `job.meeting-reminders.${meetingId}.`))
        .go({ pages: 'all' });
      records = data;
      if (data.filter((r) => r.status === 'sent').length === total) break;
      await new Promise((resolve) => setTimeout(resolve, 1_000));
    }
    expect(records).toHaveLength(total);
    expect(records.filter((r) => r.status === 'sent')).toHaveLength(total);
    // Each recipient got one email, not two.
    const { emails } = (await (await fetch(`http://127.0.0.1:${childEnv.SES_PORT}/store`)).json()) as {
      emails: { destination: { to: string[] } }[];
    };
    const to = emails
      .map((e) => (/<([^>]+)>/.exec(e.destination.to[0] ?? '')?.[1] ?? e.destination.to[0] ?? '').toLowerCase())
      .filter((a) => a.endsWith('@job-resume.example.org'));
    expect(to).toHaveLength(total);
    expect(new Set(to).size).toBe(total);
    platform.child.kill('SIGINT');
    expect(await platform.exited).toBe(0);
    rmSync(ownDir, { recursive: true, force: true });
  }, 400_000);
});
