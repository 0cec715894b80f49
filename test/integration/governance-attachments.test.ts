import { createHash } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import './support.ts';
import { consoleSignIn, issuer, request, url } from './support.ts';

/**
 * Files of governance requests, over HTTP against the local engines (S3 emulator): carried
 * from the opening (a logo request's material, an e-decision's documents) or added afterwards
 * by the requester or the secretariat; listed in the request, shown on its console page,
 * downloaded byte for byte by whoever may read the request; each write in the audit trail.
 * Refused: another person's request, a role that may read but not add, a type its bytes
 * belie, over the size limit, unknown fields, a stale version, a decided request.
 */
const FROM = '127.0.0.131';
const HOUR = 3_600_000;
const MB = 1024 * 1024;

const PEOPLE = {
  requester: { email: 'participant@demo.u4ssc.local', roles: ['participant'] },
  other: { email: 'someone.else@example.org', roles: ['participant'] },
  secretariat: { email: 'secretariat@demo.u4ssc.local', roles: ['secretariat'] },
  board: { email: 'board@demo.u4ssc.local', roles: ['board'] },
  partner: { email: 'focal.undp@demo.u4ssc.local', roles: ['partner'] },
  hub: { email: 'hub@demo.u4ssc.local', roles: ['hub'] },
} as const;
type Who = keyof typeof PEOPLE | 'anonymous';
const auth: Partial<Record<Who, Record<string, string>>> = {};

const PDF = Buffer.from('%PDF-1.7\n% the material\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n', 'latin1');
const PNG = Buffer.concat([Buffer.from('89504e470d0a1a0a', 'hex'), Buffer.alloc(64, 7)]);
const DOCX = Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(64, 1)]);
const JPEG = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(64, 2)]);
const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');
const file = (fileName: string, contentType: string, body: Buffer) => ({
  fileName,
  contentType,
  content: body.toString('base64'),
});

const call = (who: Who, method: string, path: string, body?: unknown) =>
  request(method, path, {
    from: FROM,
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    headers: { ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...(auth[who] ?? {}) },
  });
const download = (who: Who, path: string) => fetch(url(path), { headers: auth[who] ?? {} });

interface Listed {
  requestId: string;
  version: number;
  state: string;
  attachments?: { attachmentId: string; fileName: string; contentType: string; size: number; sha256: string }[];
}
interface View {
  request: Listed;
  events: { action: string; comment?: string; actorEmail: string }[];
}

const logoFields = {
  organisation: 'City of Files',
  purpose: 'Conference banner',
  medium: 'print',
  from: '2027-01-01',
  until: '2027-02-01',
};
const openLogo = (attachments?: unknown[], who: Who = 'requester') =>
  call(who, 'POST', '/api/governance/requests', {
    kind: 'logo-consent',
    fields: logoFields,
    ...(attachments ? { attachments } : {}),
  });
const view = async (requestId: string, who: Who = 'secretariat') => {
  const reply = await call(who, 'GET', `/api/governance/requests/${requestId}`);
  expect(reply.status, reply.text).toBe(200);
  return reply.json<View>();
};
const attach = (who: Who, requestId: string, body: unknown) =>
  call(who, 'POST', `/api/governance/requests/${requestId}/attachments`, body);
const requestCount = async () =>
  (await call('requester', 'GET', '/api/governance/requests?kind=logo-consent')).json<{ requests: unknown[] }>()
    .requests.length;

beforeAll(async () => {
  const local = await issuer();
  for (const [name, who] of Object.entries(PEOPLE))
    auth[name as Who] = { authorization: `Bearer ${await local.sign({ email: who.email, roles: [...who.roles] })}` };
});

describe('files carried from the opening', () => {
  let requestId = '';

  it('a logo request carries its material: listed with size and SHA-256, the write audited', async () => {
    const reply = await openLogo([file('material.pdf', 'application/pdf', PDF), file('logo.png', 'image/png', PNG)]);
    expect(reply.status, reply.text).toBe(201);
    requestId = reply.json<Listed>().requestId;
    const { request: r, events } = await view(requestId, 'requester');
    expect(r.attachments?.map((a) => [a.fileName, a.contentType, a.size, a.sha256])).toEqual([
      ['material.pdf', 'application/pdf', PDF.length, sha(PDF)],
      ['logo.png', 'image/png', PNG.length, sha(PNG)],
    ]);
    expect(events.map((e) => e.action)).toEqual(['open', 'attach']);
    expect(events[1]?.comment).toContain(sha(PDF));
    expect(events[1]?.comment).toContain('logo.png');
  });

  it('is downloaded byte for byte by whoever may read the request, and by no one else', async () => {
    const [pdf] = (await view(requestId)).request.attachments ?? [];
    const path = `/api/governance/requests/${requestId}/attachments/${pdf?.attachmentId}`;
    for (const who of ['requester', 'secretariat', 'board'] as const) {
      const reply = await download(who, path);
      expect(reply.status, who).toBe(200);
      expect(reply.headers.get('content-type')).toBe('application/pdf');
      expect(reply.headers.get('content-disposition')).toContain('attachment; filename="material.pdf"');
      expect(reply.headers.get('x-content-type-options')).toBe('nosniff');
      expect(sha(Buffer.from(await reply.arrayBuffer()))).toBe(sha(PDF));
    }
    // A logo request is not the partners' (nor another participant's) business.
    for (const who of ['other', 'partner', 'hub'] as const) expect((await download(who, path)).status, who).toBe(404);
    expect((await download('anonymous', path)).status).toBe(401);
    const unknown = `/api/governance/requests/${requestId}/attachments/00000000-0000-4000-8000-000000000000`;
    expect((await download('requester', unknown)).status).toBe(404);
  });

  it("is shown on the request's console page under the ToR's word for it", async () => {
    const { cookie } = await consoleSignIn('secretariat@demo.u4ssc.local', FROM);
    const page = await request('GET', `/console/governance/requests/${requestId}`, {
      from: FROM,
      headers: { cookie, accept: 'text/html' },
    });
    expect(page.status).toBe(200);
    expect(page.text).toContain('<h2>Material</h2>');
    expect(page.text).toMatch(
      new RegExp(`href="/api/governance/requests/${requestId}/attachments/[0-9a-f-]{36}">material.pdf`),
    );
    expect(page.text).toContain(sha(PNG));
  });

  it("an e-decision's documents reach every partner", async () => {
    const reply = await call('board', 'POST', '/api/governance/requests', {
      kind: 'e-decision',
      fields: { title: 'Motion with documents', motion: 'The Council adopts the attached text.' },
      closesAt: new Date(Date.now() + HOUR).toISOString(),
      attachments: [file('text.docx', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', DOCX)],
    });
    expect(reply.status, reply.text).toBe(201);
    const decision = reply.json<Listed>();
    const [docx] = decision.attachments ?? [];
    const got = await download(
      'partner',
      `/api/governance/requests/${decision.requestId}/attachments/${docx?.attachmentId}`,
    );
    expect(got.status).toBe(200);
    expect(Buffer.from(await got.arrayBuffer()).equals(DOCX)).toBe(true);
  });

  it('refuses a file its bytes belie, a file too large, too many files, unknown fields: nothing is written', async () => {
    const before = await requestCount();
    const belied = await openLogo([file('material.pdf', 'application/pdf', PNG)]);
    expect(belied.status).toBe(400);
    expect(belied.json<{ errors: Record<string, string> }>().errors['attachments.0.content']).toContain('not a PDF');
    const big = Buffer.concat([PDF, Buffer.alloc(MB, 0x20)]);
    const tooBig = await openLogo([file('big.pdf', 'application/pdf', big)]);
    expect(tooBig.status).toBe(413);
    expect(tooBig.json<{ errors: Record<string, string> }>().errors['attachments.0.content']).toContain('1024 KB');
    const many = await openLogo(Array.from({ length: 4 }, (_, i) => file(`${i}.jpg`, 'image/jpeg', JPEG)));
    expect(many.status).toBe(400);
    const text = await openLogo([file('notes.txt', 'text/plain', Buffer.from('hello'))]);
    expect(text.status).toBe(400);
    expect(text.text).toContain('contentType');
    const unknownField = await openLogo([{ ...file('m.pdf', 'application/pdf', PDF), note: 'x' }]);
    expect(unknownField.status).toBe(400);
    expect(unknownField.text).toContain('note');
    const path = await openLogo([file('../m.pdf', 'application/pdf', PDF)]);
    expect(path.status).toBe(400);
    expect(await requestCount()).toBe(before);
  });
});

describe('files added afterwards', () => {
  let requestId = '';
  beforeAll(async () => {
    const reply = await openLogo();
    expect(reply.status, reply.text).toBe(201);
    requestId = reply.json<Listed>().requestId;
  });

  it('by the requester, then the secretariat: each a new version and an audit line', async () => {
    const first = await attach('requester', requestId, {
      version: 1,
      attachments: [file('a.pdf', 'application/pdf', PDF)],
    });
    expect(first.status, first.text).toBe(201);
    expect(first.json<Listed>().version).toBe(2);
    const second = await attach('secretariat', requestId, {
      version: 2,
      attachments: [file('b.jpg', 'image/jpeg', JPEG)],
    });
    expect(second.status, second.text).toBe(201);
    const { request: r, events } = await view(requestId);
    expect(r.version).toBe(3);
    expect(r.attachments?.map((a) => a.fileName)).toEqual(['a.pdf', 'b.jpg']);
    const attached = events.filter((e) => e.action === 'attach');
    expect(attached.map((e) => e.actorEmail)).toEqual([PEOPLE.requester.email, PEOPLE.secretariat.email]);
  });

  it('refuses a stale version, another person, a reader who is not the requester, a malformed body', async () => {
    const body = (version: number) => ({ version, attachments: [file('c.pdf', 'application/pdf', PDF)] });
    const stale = await attach('requester', requestId, body(1));
    expect(stale.status).toBe(409);
    expect((await attach('other', requestId, body(3))).status).toBe(404);
    expect((await attach('board', requestId, body(3))).status).toBe(403);
    expect((await attach('anonymous', requestId, body(3))).status).toBe(401);
    expect((await attach('requester', requestId, { ...body(3), extra: true })).status).toBe(400);
    expect((await attach('requester', requestId, { version: 3, attachments: [] })).status).toBe(400);
    expect((await attach('requester', 'nosuchrequest', body(1))).status).toBe(404);
    expect((await view(requestId)).request.attachments).toHaveLength(2);
  });

  it('refuses more than ten files on one request', async () => {
    let version = 3;
    for (let i = 0; i < 8; i += 3) {
      const files = Array.from({ length: Math.min(3, 8 - i) }, (_, j) => file(`f${i + j}.png`, 'image/png', PNG));
      const reply = await attach('requester', requestId, { version, attachments: files });
      expect(reply.status, reply.text).toBe(201);
      version = reply.json<Listed>().version;
    }
    const full = await attach('requester', requestId, { version, attachments: [file('x.png', 'image/png', PNG)] });
    expect(full.status).toBe(409);
    expect(full.text).toContain('at most 10');
  });

  it('refuses a decided request', async () => {
    const reply = await openLogo();
    const id = reply.json<Listed>().requestId;
    const withdrawn = await call('requester', 'POST', `/api/governance/requests/${id}/transitions`, {
      action: 'withdraw',
      version: 1,
    });
    expect(withdrawn.status, withdrawn.text).toBe(200);
    const late = await attach('requester', id, { version: 2, attachments: [file('late.pdf', 'application/pdf', PDF)] });
    expect(late.status).toBe(409);
    expect(late.text).toContain('withdrawn');
    expect((await view(id)).request.attachments ?? []).toEqual([]);
  });

  it('refuses concurrent additions decided on the same version but one', async () => {
    const reply = await openLogo();
    const id = reply.json<Listed>().requestId;
    const replies = await Promise.all(
      [0, 1, 2].map((i) =>
        attach('requester', id, { version: 1, attachments: [file(`race${i}.pdf`, 'application/pdf', PDF)] }),
      ),
    );
    expect(replies.map((r) => r.status).sort()).toEqual([201, 409, 409]);
    expect((await view(id)).request.attachments).toHaveLength(1);
  });
});
