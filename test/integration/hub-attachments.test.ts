import { createHash } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import './support.ts';
import { issuer, postJson, request, uniqueEmail, url } from './support.ts';

/**
 * Files attached to a hub's activities, over HTTP against the local engines (S3 emulator):
 * stored and listed on the activity, downloaded byte for byte by the hub and the secretariat,
 * kept when the activity is saved again; refused to another hub, to other roles, with a type
 * that its bytes belie, over the size limit, with unknown fields, and once the report is submitted.
 */
const { store } = await import('../../functions/adapters/dynamodb/store.ts');
const { governanceStore } = await import('../../functions/adapters/dynamodb/governance.ts');

const FROM = '127.0.0.117';
const YEAR = 2025;
const suffix = Math.random().toString(36).slice(2, 8);
const hubId = `att-hub-${suffix}`;
const otherHubId = `att-other-${suffix}`;
const contact = uniqueEmail('atthub');
const otherContact = uniqueEmail('attother');
let as: Record<'hub' | 'other' | 'secretariat' | 'participant', Record<string, string>>;

const base = `/api/hubs/${hubId}/years/${YEAR}`;
const change = (body: unknown, who: Record<string, string>, path = base) => postJson(path, body, FROM, who);
const attach = (body: unknown, who: Record<string, string>, hub = hubId) =>
  postJson(`/api/hubs/${hub}/years/${YEAR}/attachments`, body, FROM, who);
const download = (path: string, who: Record<string, string>) => fetch(url(path), { headers: who });

const PDF = Buffer.from('%PDF-1.7\n% a programme\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n', 'latin1');
const PNG = Buffer.concat([Buffer.from('89504e470d0a1a0a', 'hex'), Buffer.alloc(64, 7)]);

let activityId = '';
let otherActivityId = '';

interface ListedActivity {
  activityId: string;
  title: string;
  attachments?: { fileName: string }[];
}
/** The activity as the hub's year lists it. */
async function listedActivity(): Promise<ListedActivity | undefined> {
  const year = await request('GET', base, { from: FROM, headers: as.hub });
  return year
    .json<{ records: { activities: ListedActivity[] } }>()
    .records.activities.find((a) => a.activityId === activityId);
}

beforeAll(async () => {
  const governance = governanceStore(store());
  for (const [id, email] of [
    [hubId, contact],
    [otherHubId, otherContact],
  ] as const)
    await governance.createHubIfAbsent({
      hubId: id,
      name: `Hub ${id}`,
      contactName: 'Contact',
      contactEmail: email,
      active: true,
    });
  const local = await issuer();
  const bearer = async (email: string, roles: ('hub' | 'secretariat' | 'participant')[]) => ({
    authorization: `Bearer ${await local.sign({ email, roles })}`,
  });
  as = {
    hub: await bearer(contact, ['hub']),
    other: await bearer(otherContact, ['hub']),
    secretariat: await bearer('reviewer@itu.int', ['secretariat']),
    participant: await bearer(contact, ['participant']),
  };
  const activity = { date: `${YEAR}-05-12`, kind: 'event', title: 'Open data day' };
  let reply = await change({ action: 'activity.save', activity }, as.hub);
  expect(reply.status, reply.text).toBe(200);
  activityId = reply.json<{ activityId: string }>().activityId;
  reply = await change({ action: 'activity.save', activity }, as.other, `/api/hubs/${otherHubId}/years/${YEAR}`);
  otherActivityId = reply.json<{ activityId: string }>().activityId;
});

describe('attachments on activities', () => {
  let attachmentId = '';

  it('stores a file, lists it on the activity and gives it back byte for byte to the hub and the secretariat', async () => {
    const reply = await attach(
      { activityId, fileName: 'programme été.pdf', contentType: 'application/pdf', content: PDF.toString('base64') },
      as.hub,
    );
    expect(reply.status, reply.text).toBe(201);
    const { attachment } = reply.json<{ attachment: Record<string, unknown> }>();
    expect(attachment).toMatchObject({
      fileName: 'programme été.pdf',
      contentType: 'application/pdf',
      size: PDF.length,
      sha256: createHash('sha256').update(PDF).digest('hex'),
      uploadedBy: contact,
    });
    attachmentId = String(attachment.attachmentId);

    const listed = await listedActivity();
    expect(listed?.attachments).toEqual([attachment]);

    for (const who of [as.hub, as.secretariat]) {
      const file = await download(`${base}/attachments/${attachmentId}`, who);
      expect(file.status).toBe(200);
      expect(file.headers.get('content-type')).toBe('application/pdf');
      expect(file.headers.get('content-disposition')).toContain("filename*=UTF-8''programme%20%C3%A9t%C3%A9.pdf");
      expect(Buffer.from(await file.arrayBuffer()).equals(PDF)).toBe(true);
    }
  });

  it('keeps the files when the activity is saved again, and adds more', async () => {
    const saved = await change(
      {
        action: 'activity.save',
        activityId,
        activity: { date: `${YEAR}-05-13`, kind: 'event', title: 'Open data day (2)' },
      },
      as.hub,
    );
    expect(saved.status, saved.text).toBe(200);
    const png = await attach(
      { activityId, fileName: 'photo.png', contentType: 'image/png', content: PNG.toString('base64') },
      as.secretariat,
    );
    expect(png.status, png.text).toBe(201);
    const listed = await listedActivity();
    expect(listed?.title).toBe('Open data day (2)');
    expect(listed?.attachments?.map((a) => a.fileName)).toEqual(['programme été.pdf', 'photo.png']);
  });

  it("refuses another hub's person, other roles, and another hub's file through this hub", async () => {
    const refused = await attach(
      { activityId, fileName: 'x.pdf', contentType: 'application/pdf', content: PDF.toString('base64') },
      as.other,
    );
    expect(refused.status).toBe(403);
    expect((await download(`${base}/attachments/${attachmentId}`, as.other)).status).toBe(403);
    expect((await download(`${base}/attachments/${attachmentId}`, as.participant)).status).toBe(403);
    expect((await download(`${base}/attachments/${attachmentId}`, {})).status).toBe(401);
    const theirs = await attach(
      {
        activityId: otherActivityId,
        fileName: 'theirs.pdf',
        contentType: 'application/pdf',
        content: PDF.toString('base64'),
      },
      as.other,
      otherHubId,
    );
    expect(theirs.status, theirs.text).toBe(201);
    const theirId = theirs.json<{ attachment: { attachmentId: string } }>().attachment.attachmentId;
    // Their file is not reached through a hub one works for.
    expect((await download(`${base}/attachments/${theirId}`, as.hub)).status).toBe(404);
    expect((await download(`/api/hubs/${otherHubId}/years/${YEAR}/attachments/${theirId}`, as.hub)).status).toBe(403);
    // Nor another hub's activity with one's own hub in the path.
    const cross = await attach(
      {
        activityId: otherActivityId,
        fileName: 'x.pdf',
        contentType: 'application/pdf',
        content: PDF.toString('base64'),
      },
      as.hub,
    );
    expect(cross.status).toBe(404);
  });

  it('refuses a type its bytes belie, a file over the limit, bad names, unknown fields and unknown ids', async () => {
    const lying = await attach(
      { activityId, fileName: 'x.pdf', contentType: 'application/pdf', content: PNG.toString('base64') },
      as.hub,
    );
    expect(lying.status).toBe(400);
    expect(lying.json<{ errors: Record<string, string> }>().errors).toHaveProperty('content');
    const exe = await attach(
      { activityId, fileName: 'x.exe', contentType: 'application/x-msdownload', content: PDF.toString('base64') },
      as.hub,
    );
    expect(exe.status).toBe(400);
    expect(exe.json<{ errors: Record<string, string> }>().errors).toHaveProperty('contentType');
    const big = Buffer.concat([PDF, Buffer.alloc(181 * 1024, 32)]);
    const tooBig = await attach(
      { activityId, fileName: 'big.pdf', contentType: 'application/pdf', content: big.toString('base64') },
      as.hub,
    );
    expect(tooBig.status, tooBig.text).toBe(413);
    for (const body of [
      { activityId, fileName: '../x.pdf', contentType: 'application/pdf', content: PDF.toString('base64') },
      { activityId, fileName: 'x.pdf', contentType: 'application/pdf', content: 'not base64!' },
      { activityId, fileName: 'x.pdf', contentType: 'application/pdf', content: PDF.toString('base64'), extra: 1 },
      { activityId: 'nope', fileName: 'x.pdf', contentType: 'application/pdf', content: PDF.toString('base64') },
    ]) {
      const reply = await attach(body, as.hub);
      expect(reply.status, JSON.stringify(body).slice(0, 80)).toBe(400);
    }
    const missing = await attach(
      {
        activityId: '00000000-0000-4000-8000-000000000000',
        fileName: 'x.pdf',
        contentType: 'application/pdf',
        content: PDF.toString('base64'),
      },
      as.hub,
    );
    expect(missing.status).toBe(404);
    expect((await download(`${base}/attachments/00000000-0000-4000-8000-000000000000`, as.hub)).status).toBe(404);
    expect((await download(`${base}/attachments/not-a-uuid`, as.hub)).status).toBe(404);
    const listed = await listedActivity();
    expect(listed?.attachments).toHaveLength(2);
  });

  it('refuses new files once the report is submitted', async () => {
    let reply = await change(
      { action: 'narrative.save', version: 0, lang: 'en', narrative: { summary: 'One day of open data.' } },
      as.hub,
    );
    expect(reply.status, reply.text).toBe(200);
    reply = await change({ action: 'submit', version: 1 }, as.hub);
    expect(reply.status, reply.text).toBe(200);
    const frozen = await attach(
      { activityId, fileName: 'late.pdf', contentType: 'application/pdf', content: PDF.toString('base64') },
      as.hub,
    );
    expect(frozen.status).toBe(409);
    expect(frozen.json()).toMatchObject({ code: 'records-frozen' });
    // Still downloadable while the report is reviewed.
    expect((await download(`${base}/attachments/${attachmentId}`, as.secretariat)).status).toBe(200);
  });
});
