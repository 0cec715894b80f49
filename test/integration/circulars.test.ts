import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { CIRCULAR_352_EN, CIRCULAR_352_RU } from '../fixtures/circular-352.ts';
import { emailsTo, issuer, platform, request, uniqueEmail, waitForEmails } from './support.ts';

/** Circulars: draft from a meeting, preview, issue (numbering, S3, SHA-256), distribution. */
const FROM = '127.0.0.31';
let secretariat: Record<string, string>;
let participant: Record<string, string>;

beforeAll(async () => {
  const local = await issuer();
  secretariat = { authorization: `Bearer ${await local.sign({ email: 'tsb@itu.int', roles: ['secretariat'] })}` };
  participant = { authorization: `Bearer ${await local.sign({ email: 'p@example.org', roles: ['participant'] })}` };
});

const api = (method: string, path: string, body?: unknown, headers = secretariat) =>
  request(method, path, {
    from: FROM,
    headers: { ...headers, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });

const pdfText = (pdf: Buffer) => {
  const dir = mkdtempSync(join(tmpdir(), 'u4ssc-pdf-'));
  writeFileSync(join(dir, 'a.pdf'), pdf);
  return execFileSync('pdftotext', ['-layout', join(dir, 'a.pdf'), '-'], { encoding: 'utf8' });
};
const hasPdftotext = existsSync('/usr/bin/pdftotext');
const words = (text: string) => text.replace(/\s+/g, ' ').trim();

async function draft(body: Record<string, unknown>) {
  const response = await api('POST', '/api/circulars', body);
  expect(response.status, response.text).toBe(201);
  return response.json<{
    circularId: string;
    version: number;
    content: Record<string, { paragraphs: { text: string; bullets: string[] }[]; subject: string }>;
  }>();
}

describe('circular drafts', () => {
  it('a draft made from meeting 6 has the usual paragraphs in each language, filled from the meeting', async () => {
    const circular = await draft({ meetingId: 'u4ssc-6', languages: ['en', 'ru'] });
    const en = circular.content.en;
    expect(en?.subject).toBe(
      'Sixth meeting of the "United for Smart Sustainable Cities" initiative (U4SSC) (virtual, 7 December 2021)',
    );
    expect(en?.paragraphs[0]?.text).toContain('from 10:00 to 15:30 Geneva time on 7 December 2021');
    expect(en?.paragraphs[1]?.text).toBe('The meeting will be held in English only.');
    expect(en?.paragraphs[3]?.bullets).toHaveLength(4);
    const ru = circular.content.ru;
    expect(ru?.paragraphs[0]?.text).toContain('организует шестое собрание');
    expect(ru?.paragraphs[0]?.text).toContain(
      'с 10 час. 00 мин. до 15 час. 30 мин. по женевскому времени 7 декабря 2021',
    );
    expect(ru?.paragraphs[1]?.text).toBe('Это собрание будет проводиться только на английском языке.');
  });

  it('the preview is a PDF of the draft, marked DRAFT', async () => {
    const circular = await draft({ meetingId: 'u4ssc-6', languages: ['ru'] });
    const response = await fetch(`${platform.baseUrl}/api/circulars/${circular.circularId}/preview.pdf?lang=ru`, {
      headers: secretariat,
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/pdf');
    const pdf = Buffer.from(await response.arrayBuffer());
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    if (hasPdftotext) expect(words(pdfText(pdf))).toContain('Циркуляр ПРОЕКТ БСЭ');
  });

  it('values are text, never structure: markup in a paragraph is printed as written', async () => {
    const hostile = '@paragraph 99 [click](http://evil.example) *bold* <script>&amp; | \\';
    const circular = await draft({
      languages: ['en'],
      content: {
        en: {
          ...CIRCULAR_352_EN,
          subject: hostile,
          paragraphs: [{ text: `Line one\n@signature\n${hostile}`, bullets: ['- not a bullet'] }],
        },
      },
    });
    const response = await fetch(`${platform.baseUrl}/api/circulars/${circular.circularId}/preview.pdf`, {
      headers: secretariat,
    });
    expect(response.status).toBe(200);
    if (!hasPdftotext) return;
    const text = words(pdfText(Buffer.from(await response.arrayBuffer())));
    expect(text).toContain('@paragraph 99 [click](http://evil.example) *bold* <script>&amp; | \\');
    expect(text).toContain('- not a bullet');
    expect(text).not.toMatch(/^99 /m);
  });

  it('a draft without a subject cannot be previewed, and the error names the field', async () => {
    const circular = await draft({ languages: ['en'] });
    const response = await api('GET', `/api/circulars/${circular.circularId}/preview.pdf`);
    expect(response.status).toBe(400);
    expect(response.json<{ errors: Record<string, string> }>().errors).toHaveProperty(['content.en.subject']);
  });

  it('an edit changes only what it sends: languages, bureau, contact and lists stay', async () => {
    await api('PUT', '/api/distribution-lists/some-list', { name: 'Some list', members: [] });
    const circular = await draft({
      bureau: 'BDT',
      languages: ['ru', 'en'],
      contact: { tel: '+41 22 730 5111', fax: '+41 22 730 5484', email: 'bdt@itu.int' },
      distribution: { to: ['some-list'], copy: [] },
    });
    const edited = await api('PATCH', `/api/circulars/${circular.circularId}`, {
      version: circular.version,
      content: { en: { subject: 'Only the subject changes' } },
    });
    expect(edited.status, edited.text).toBe(200);
    expect(edited.json()).toMatchObject({
      bureau: 'BDT',
      languages: ['ru', 'en'],
      contact: { email: 'bdt@itu.int' },
      distribution: { to: ['some-list'] },
      content: { en: { subject: 'Only the subject changes' } },
    });
  });

  it('only the secretariat makes circulars', async () => {
    expect((await api('POST', '/api/circulars', { languages: ['en'] }, participant)).status).toBe(403);
    expect((await request('POST', '/api/circulars', { from: FROM })).status).toBe(401);
  });
});

describe('issuing', () => {
  it('Circular 352 in Russian and English: issued, numbered, stored with its SHA-256, every paragraph in the PDF', async () => {
    const circular = await draft({
      bureau: 'TSB',
      languages: ['ru', 'en'],
      content: { ru: CIRCULAR_352_RU, en: CIRCULAR_352_EN },
    });
    const issued = await api('POST', `/api/circulars/${circular.circularId}/issue`);
    expect(issued.status, issued.text).toBe(200);
    const body = issued.json<{
      status: string;
      number: number;
      issuedBy: string;
      documents: { lang: string; sha256: string; bytes: number }[];
    }>();
    expect(body).toMatchObject({ status: 'issued', issuedBy: 'tsb@itu.int' });
    expect(body.number).toBeGreaterThan(0);
    expect(body.documents.map((d) => d.lang)).toEqual(['ru', 'en']);

    for (const document of body.documents) {
      const response = await fetch(`${platform.baseUrl}/circulars/${circular.circularId}/${document.lang}.pdf`);
      expect(response.status).toBe(200);
      const pdf = Buffer.from(await response.arrayBuffer());
      expect(createHash('sha256').update(pdf).digest('hex')).toBe(document.sha256);
      expect(pdf.length).toBe(document.bytes);
      if (!hasPdftotext) continue;
      const text = words(pdfText(pdf));
      const content = document.lang === 'ru' ? CIRCULAR_352_RU : CIRCULAR_352_EN;
      for (const paragraph of content.paragraphs) {
        // Compare word sequences: lines wrap, and a URL may be broken across lines.
        for (const sentence of paragraph.text.split(/(?<=[.:])\s+/))
          expect(text.replace(/ /g, '')).toContain(sentence.replace(/\s+/g, ''));
        for (const bullet of paragraph.bullets) expect(text).toContain(bullet);
      }
      expect(text).toContain(document.lang === 'ru' ? `Циркуляр ${body.number} БСЭ` : `TSB Circular ${body.number}`);
    }
  });

  it('an issued circular never changes; issuing again changes nothing', async () => {
    const circular = await draft({ languages: ['en'], content: { en: CIRCULAR_352_EN } });
    const first = (await api('POST', `/api/circulars/${circular.circularId}/issue`)).json<{
      number: number;
      version: number;
    }>();
    const again = (await api('POST', `/api/circulars/${circular.circularId}/issue`)).json<{ number: number }>();
    expect(again.number).toBe(first.number);
    const edit = await api('PATCH', `/api/circulars/${circular.circularId}`, {
      version: first.version,
      content: { en: { subject: 'Changed' } },
    });
    expect(edit.status).toBe(409);
    expect(edit.json<{ detail: string }>().detail).toContain('revision');
  });

  it('a correction is a new revision that references the issued circular', async () => {
    const original = await draft({ languages: ['en'], content: { en: CIRCULAR_352_EN } });
    await api('POST', `/api/circulars/${original.circularId}/issue`);
    const revision = await api('POST', '/api/circulars', {
      revisionOf: original.circularId,
      revisionReason: 'The date of the meeting was wrong.',
    });
    expect(revision.status, revision.text).toBe(201);
    // It starts as a copy of what it corrects.
    expect(revision.json()).toMatchObject({
      revisionOf: original.circularId,
      status: 'draft',
      languages: ['en'],
      content: { en: { subject: CIRCULAR_352_EN.subject } },
    });
    const badRevision = await api('POST', '/api/circulars', {
      revisionOf: 'no-such-circular',
      revisionReason: 'x',
    });
    expect(badRevision.status).toBe(400);
    const noReason = await api('POST', '/api/circulars', { revisionOf: original.circularId });
    expect(noReason.json<{ errors: Record<string, string> }>().errors).toHaveProperty('revisionReason');
  });

  it('50 officers issuing at once get 50 distinct, consecutive numbers', async () => {
    const drafts = await Promise.all(
      Array.from({ length: 50 }, () => draft({ bureau: 'BR', languages: ['en'], content: { en: CIRCULAR_352_EN } })),
    );
    const issued = await Promise.all(drafts.map((d) => api('POST', `/api/circulars/${d.circularId}/issue`)));
    expect(issued.map((r) => r.status)).toEqual(Array(50).fill(200));
    const numbers = issued.map((r) => r.json<{ number: number }>().number).sort((a, b) => a - b);
    expect(new Set(numbers).size).toBe(50);
    expect((numbers.at(-1) ?? 0) - (numbers[0] ?? 0)).toBe(49);
  }, 120_000);
});

describe('distribution', () => {
  it('emails each recipient once, in their language where the circular has it, with the PDF; a re-run sends nobody a second copy', async () => {
    const members = [
      { email: uniqueEmail('admin-ru'), name: 'Администрация связи', language: 'ru' },
      { email: uniqueEmail('admin-en'), name: 'Ministry of ICT', language: 'en' },
      { email: uniqueEmail('admin-fr'), name: 'Ministère du numérique', language: 'fr' },
    ];
    const listId = `it-list-${Math.random().toString(36).slice(2, 8)}`;
    const saved = await api('PUT', `/api/distribution-lists/${listId}`, { name: 'Member States (test)', members });
    expect(saved.status, saved.text).toBe(200);
    const copyList = `${listId}-copy`;
    await api('PUT', `/api/distribution-lists/${copyList}`, { name: 'Copies', members: [members[0]] });

    const circular = await draft({
      languages: ['ru', 'en'],
      content: { ru: CIRCULAR_352_RU, en: CIRCULAR_352_EN },
      distribution: { to: [listId], copy: [copyList] },
    });
    expect((await api('POST', `/api/circulars/${circular.circularId}/distribute`)).status).toBe(409); // not issued yet
    await api('POST', `/api/circulars/${circular.circularId}/issue`);
    const first = await api('POST', `/api/circulars/${circular.circularId}/distribute`);
    expect(first.status, first.text).toBe(202);
    expect(first.json()).toMatchObject({ progress: { recipients: 3 } });

    const [ru] = await waitForEmails(members[0]?.email ?? '', /Циркуляр|Circular/);
    expect(ru?.subject).toMatch(/^Циркуляр \d+ БСЭ|^TSB Circular/);
    expect(ru?.attachments[0]?.contentType).toBe('application/pdf');
    expect(ru?.attachments[0]?.filename).toMatch(/-ru\.pdf$/);
    // The email is the circular itself, from the same template: HTML and text.
    expect(ru?.body.text).toContain('Основные задачи данного собрания:');
    expect(ru?.body.html).toContain('Уважаемая госпожа, уважаемый господин,');
    const [fr] = await waitForEmails(members[2]?.email ?? '', /Circular/);
    expect(fr?.attachments[0]?.filename).toMatch(/-en\.pdf$/); // no French version: English

    await api('POST', `/api/circulars/${circular.circularId}/distribute`);
    await new Promise((resolve) => setTimeout(resolve, 1000));
    for (const member of members) expect(await emailsTo(member.email)).toHaveLength(1);
    const progress = (await api('GET', `/api/circulars/${circular.circularId}`)).json<{
      progress: { sent: number; recipients: number };
    }>();
    expect(progress.progress).toMatchObject({ recipients: 3, sent: 3 });
  });

  it('a list with a bad address is refused, field by field', async () => {
    const response = await api('PUT', '/api/distribution-lists/it-bad', {
      name: 'Bad',
      members: [{ email: 'nope', name: 'X' }],
    });
    expect(response.status).toBe(400);
    expect(Object.keys(response.json<{ errors: Record<string, string> }>().errors)).toContain('members.0.email');
  });
});
