import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { CIRCULAR_352_EN, CIRCULAR_352_RU } from '../fixtures/circular-352.ts';
import { issuer, platform, request, uniqueEmail, waitForEmails } from './support.ts';

/**
 * Official documents through the routes an officer uses: a meeting with its words in each
 * language, a circular drafted from it, edited, imported with its historic number and date or
 * issued with a chosen date, by any issuing body, revised, and distributed after issue.
 */
const FROM = '127.0.0.41';
let secretariat: Record<string, string>;

beforeAll(async () => {
  const local = await issuer();
  secretariat = { authorization: `Bearer ${await local.sign({ email: 'officer@itu.int', roles: ['secretariat'] })}` };
});

const api = (method: string, path: string, body?: unknown) =>
  request(method, path, {
    from: FROM,
    headers: { ...secretariat, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });

const hasPdftotext = existsSync('/usr/bin/pdftotext');
const pdfText = (pdf: Buffer) => {
  const dir = mkdtempSync(join(tmpdir(), 'u4ssc-doc-'));
  writeFileSync(join(dir, 'a.pdf'), pdf);
  return execFileSync('pdftotext', [join(dir, 'a.pdf'), '-'], { encoding: 'utf8' });
};
const words = (text: string) => text.replace(/\s+/g, ' ').trim();
/** Extracted text without the page furniture (page numbers, continuation headers). */
const body = (text: string) =>
  words(text.replace(/^\s*\d+\/\d+\s*$/gm, '').replace(/^\s*–\s*\d+\s*–\s*\n[^\n]*\n/gm, ''));

/** Asserts that every string is found in `text`, in this order. */
function inOrder(text: string, parts: string[]) {
  let at = 0;
  for (const part of parts) {
    const found = text.indexOf(words(part), at);
    expect(found, `not found after position ${at}: ${part.slice(0, 80)}…`).toBeGreaterThanOrEqual(0);
    at = found + words(part).length;
  }
}

// biome-ignore lint/suspicious/noExplicitAny: API answers are read loosely here; each assertion names what it expects.
type Json = Record<string, any>;

/** A PDF as bytes, with its status and headers. */
async function getPdf(path: string) {
  const response = await fetch(`${platform.baseUrl}${path}`, { headers: secretariat });
  return { status: response.status, headers: response.headers, body: Buffer.from(await response.arrayBuffer()) };
}

async function created(response: Awaited<ReturnType<typeof api>>): Promise<Json> {
  expect(response.status, response.text).toBe(201);
  return response.json<Json>();
}

const seedParagraphs = (c: typeof CIRCULAR_352_EN) => c.paragraphs.flatMap((p) => [p.text, ...p.bullets]);

describe('TSB Circular 352 reproduced through the API', () => {
  let meetingId: string;
  let circular: Json;

  it('a meeting holds its words per language; a draft made from it takes each language’s own', async () => {
    meetingId = `replay-${Date.now().toString(36)}`;
    const meeting = await created(
      await api('POST', '/api/meetings', {
        meetingId,
        number: 6,
        title: 'Sixth meeting of the United for Smart Sustainable Cities (U4SSC) initiative',
        organisers: ['ITU', 'UNECE', 'UN-Habitat'],
        format: 'virtual',
        startsAt: '2021-12-07T10:00:00+01:00',
        endsAt: '2021-12-07T15:30:00+01:00',
        timeZone: 'Europe/Zurich',
        languages: ['en'],
        objectives: [
          'discuss the activities of the U4SSC initiative;',
          'provide an update on the work of the U4SSC thematic groups;',
          'approve the Terms of Reference and the annual work plan of U4SSC (2021-2022);',
          'present the latest results of the work of U4SSC.',
        ],
        eventUrl: 'https://www.itu.int/en/ITU-T/ssc/united/Pages/202112/meeting.aspx',
      }),
    );
    // The Russian words are added later, by a partial update that leaves everything else as it was.
    const withRussian = await api('PATCH', `/api/meetings/${meetingId}`, {
      version: meeting.version,
      translations: { ru: { objectives: CIRCULAR_352_RU.paragraphs[3]?.bullets } },
    });
    expect(withRussian.status, withRussian.text).toBe(200);
    const after = withRussian.json<Json>();
    for (const key of ['title', 'objectives', 'eventUrl', 'startsAt', 'endsAt', 'organisers', 'languages'])
      expect(after[key], key).toEqual(meeting[key]);
    // Joining details are for approved registrants only, in every language.
    const secret = await api('PATCH', `/api/meetings/${meetingId}`, {
      version: after.version,
      translations: { ru: { joiningDetails: 'Ссылка: https://meet.example/secret' } },
    });
    expect(secret.json<Json>().translations.ru.objectives).toEqual(CIRCULAR_352_RU.paragraphs[3]?.bullets);
    const publicView = await request('GET', `/api/meetings/${meetingId}`, { from: FROM });
    expect(publicView.text).not.toContain('meet.example/secret');
    expect(publicView.json<Json>().translations.ru.objectives).toHaveLength(4);

    circular = await created(
      await api('POST', '/api/circulars', { meetingId, bureau: 'TSB', languages: ['ru', 'en'] }),
    );
    expect(circular.fallbacks).toEqual({});
    expect(circular.content.ru.paragraphs[3].bullets).toEqual(CIRCULAR_352_RU.paragraphs[3]?.bullets);
    // §3 names the 17 UN entities that support U4SSC, counted from the partners' list.
    expect(circular.content.ru.paragraphs[2].text).toContain('поддерживают 17 учреждений и программ ООН');
    expect(circular.content.en.paragraphs[2].text).toContain('supported by 17 UN agencies');
  });

  it('is edited, imported as No. 352 of 13 October 2021, and prints every paragraph of the seed in order', async () => {
    // The officer's edits: the subject as the seed writes it, and the paragraphs as issued.
    const edited = await api('PATCH', `/api/circulars/${circular.circularId}`, {
      version: circular.version,
      content: {
        ru: { subject: CIRCULAR_352_RU.subject, paragraphs: CIRCULAR_352_RU.paragraphs },
        en: { subject: CIRCULAR_352_EN.subject, paragraphs: CIRCULAR_352_EN.paragraphs },
      },
    });
    expect(edited.status, edited.text).toBe(200);
    // Only what was sent changed: addressees, copies and signatory are as drafted.
    expect(edited.json<Json>().content.ru.copies).toEqual(CIRCULAR_352_RU.copies);
    expect(edited.json<Json>().content.en.addressees).toEqual(CIRCULAR_352_EN.addressees);

    const imported = await api('POST', `/api/circulars/${circular.circularId}/import`, {
      number: 352,
      date: '2021-10-13',
    });
    expect(imported.status, imported.text).toBe(200);
    expect(imported.json()).toMatchObject({ status: 'issued', number: 352, issuedOn: '2021-10-13', imported: true });

    for (const [lang, seed, header] of [
      ['ru', CIRCULAR_352_RU, ['Женева, 13 октября 2021 года', 'Циркуляр 352 БСЭ']],
      ['en', CIRCULAR_352_EN, ['Geneva, 13 October 2021', 'TSB Circular 352']],
    ] as const) {
      const pdf = await getPdf(`/circulars/${circular.circularId}/${lang}.pdf`);
      expect(pdf.status).toBe(200);
      if (!hasPdftotext) continue;
      const text = body(pdfText(pdf.body));
      inOrder(text, [...header, ...seed.addressees, ...seed.copies, seed.subject, ...seedParagraphs(seed)]);
      inOrder(text, [seed.signatory.name, seed.signatory.title]);
    }
  });

  it('the sequence moved on: the next TSB circular is 353 or later, and 352 cannot be recorded twice', async () => {
    const state = await api('GET', '/api/circular-sequences');
    const tsb = state.json<{ sequences: Json[] }>().sequences.find((s) => s.bureau === 'TSB');
    expect(tsb?.next).toBeGreaterThanOrEqual(353);
    expect(tsb?.highestIssued).toBeGreaterThanOrEqual(352);
    const again = await created(
      await api('POST', '/api/circulars', { languages: ['en'], content: { en: CIRCULAR_352_EN } }),
    );
    const twice = await api('POST', `/api/circulars/${again.circularId}/import`, { number: 352, date: '2021-10-13' });
    expect(twice.status).toBe(409);
    expect(twice.json<{ detail: string }>().detail).toContain('TSB Circular 352');
    expect((await api('GET', `/api/circulars/${again.circularId}`)).json()).toMatchObject({ status: 'draft' });
  });
});

describe('a circular of UNECE, with its own letterhead and number, no template change', () => {
  const paragraphs = [
    'The United Nations Economic Commission for Europe (UNECE) invites the partners of U4SSC to contribute to the collection of key performance indicators for smart sustainable cities.',
    'Contributions may be sent to u4ssc-kpi@un.org before 31 January 2027; the methodology is described at https://unece.org/housing/u4ssc (see the annex).',
    'Questions about the collection (data sources, verification, the city profiles) may be addressed to the secretariat at any time.',
  ];
  const subject = `Call for contributions: ${'key performance indicators for smart sustainable cities, city profiles and verification, '.repeat(3)}2027`;

  it('starts its sequence at 40 (audited), and issues with its letterhead, unnumbered paragraphs and links', async () => {
    const start = await api('PUT', '/api/circular-sequences/UNECE', { next: 40, reason: 'Continue the 2026 series' });
    expect(start.status, start.text).toBe(200);
    expect(start.json()).toMatchObject({ bureau: 'UNECE', next: 40 });
    const change = start.json<{ changes: Json[] }>().changes.at(-1);
    expect(change).toMatchObject({ by: 'officer@itu.int', toNext: 40, reason: 'Continue the 2026 series' });
    expect((await api('PUT', '/api/circular-sequences/UNECE', { next: 41 })).status).toBe(400);
    expect((await api('PUT', '/api/circular-sequences/NOBODY', { next: 2, reason: 'x' })).status).toBe(404);

    const draft = await created(
      await api('POST', '/api/circulars', {
        bureau: 'UNECE',
        languages: ['en', 'fr'],
        content: {
          en: {
            subject,
            addressees: ['U4SSC partners', 'U4SSC city focal points'],
            copies: ['ITU Telecommunication Standardization Bureau', 'UN-Habitat'],
            paragraphs: paragraphs.map((text) => ({ text })),
          },
          fr: {
            subject: 'Appel à contributions : indicateurs clés de performance',
            paragraphs: [{ text: 'La CEE invite les partenaires à contribuer: https://unece.org/housing/u4ssc.' }],
          },
        },
      }),
    );
    expect(draft.numberedParagraphs).toBe(false);
    expect(draft.contact.email).toBe('info.ece@un.org');
    const issued = await api('POST', `/api/circulars/${draft.circularId}/issue`, { date: '2026-11-20' });
    expect(issued.status, issued.text).toBe(200);
    expect(issued.json()).toMatchObject({ number: 40, issuedOn: '2026-11-20' });
    const pdf = await getPdf(`/circulars/${draft.circularId}/en.pdf`);
    expect(pdf.status).toBe(200);
    // Links are annotations: the URL as a URI action.
    expect(pdf.body.toString('latin1')).toContain('/URI (https://unece.org/housing/u4ssc)');
    expect(pdf.body.toString('latin1')).toContain('/URI (mailto:u4ssc-kpi@un.org)');
    if (hasPdftotext) {
      const text = body(pdfText(pdf.body));
      inOrder(text, [
        'UNITED NATIONS',
        'ECONOMIC COMMISSION FOR EUROPE',
        'Geneva, 20 November 2026',
        'ECE/U4SSC/2026/40',
        'U4SSC partners',
        'U4SSC city focal points',
        'ITU Telecommunication Standardization Bureau',
        subject,
        'Dear Sir/Madam,',
        ...paragraphs,
        'Yours sincerely,',
        'Tatiana Molcean',
      ]);
      // Unnumbered: no paragraph number before the first paragraph.
      expect(text).not.toMatch(/\b1 The United Nations Economic Commission/);
    }
  });
});

describe('issuing: date, fallback language, revision', () => {
  it('the date is today at the body’s seat by default, never in the future, and printed', async () => {
    const draft = await created(
      await api('POST', '/api/circulars', { bureau: 'BDT', languages: ['en'], content: { en: CIRCULAR_352_EN } }),
    );
    const future = await api('POST', `/api/circulars/${draft.circularId}/issue`, { date: '2099-01-01' });
    expect(future.status).toBe(400);
    expect(future.json<{ errors: Json }>().errors).toHaveProperty('date');
    const badDate = await api('POST', `/api/circulars/${draft.circularId}/issue`, { date: '2026-02-30' });
    expect(badDate.json<{ errors: Json }>().errors).toHaveProperty('date');
    const unknown = await api('POST', `/api/circulars/${draft.circularId}/issue`, { number: 7 });
    expect(unknown.json<{ errors: Json }>().errors).toHaveProperty('number');
    expect((await api('GET', `/api/circulars/${draft.circularId}`)).json()).toMatchObject({ status: 'draft' });
    const issued = (await api('POST', `/api/circulars/${draft.circularId}/issue`)).json<Json>();
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Zurich' }).format(new Date());
    expect(issued.issuedOn).toBe(today);
  });

  it('a language whose paragraphs still carry the meeting’s English needs an explicit confirmation', async () => {
    // Meeting 6 (seeded) has no Spanish objectives removed; a meeting made here has none at all.
    const meetingId = `fallback-${Date.now().toString(36)}`;
    await created(
      await api('POST', '/api/meetings', {
        meetingId,
        number: 9,
        title: 'Ninth meeting',
        organisers: ['ITU'],
        format: 'virtual',
        startsAt: '2027-03-01T10:00:00+01:00',
        endsAt: '2027-03-01T12:00:00+01:00',
        languages: ['en'],
        objectives: ['agree the work plan'],
      }),
    );
    const draft = await created(await api('POST', '/api/circulars', { meetingId, languages: ['en', 'es'] }));
    expect(draft.fallbacks).toEqual({ es: ['objectives'] });
    expect(draft.content.es.paragraphs[3].bullets).toEqual(['agree the work plan']);
    const preview = await api('GET', `/api/circulars/${draft.circularId}/preview.pdf?lang=es`);
    expect(preview.headers['x-content-fallback']).toBe('objectives');
    const refused = await api('POST', `/api/circulars/${draft.circularId}/issue`);
    expect(refused.status).toBe(400);
    expect(refused.json<{ errors: Json }>().errors.acceptFallback).toContain('es');
    const issued = await api('POST', `/api/circulars/${draft.circularId}/issue`, { acceptFallback: ['es'] });
    expect(issued.status, issued.text).toBe(200);
  });

  it('a revision starts as a copy, keeps the number and prints "Revision 1 of TSB Circular N" with its reason', async () => {
    const original = await created(
      await api('POST', '/api/circulars', {
        languages: ['en', 'ru'],
        content: { en: CIRCULAR_352_EN, ru: CIRCULAR_352_RU },
      }),
    );
    const issued = (await api('POST', `/api/circulars/${original.circularId}/issue`)).json<Json>();
    const revision = await created(
      await api('POST', '/api/circulars', {
        revisionOf: original.circularId,
        revisionReason: 'The meeting starts at 11:00.',
      }),
    );
    expect(revision.content.en.paragraphs).toEqual(
      CIRCULAR_352_EN.paragraphs.map((p) => ({ text: p.text, bullets: p.bullets })),
    );
    const done = (await api('POST', `/api/circulars/${revision.circularId}/issue`)).json<Json>();
    expect(done).toMatchObject({ number: issued.number, revision: 1, status: 'issued' });
    const pdf = await getPdf(`/circulars/${revision.circularId}/en.pdf`);
    if (hasPdftotext) {
      const text = body(pdfText(pdf.body));
      expect(text).toContain(`Revision 1 of TSB Circular ${issued.number}`);
      expect(text).toContain('The meeting starts at 11:00.');
    }
    const second = await created(
      await api('POST', '/api/circulars', { revisionOf: revision.circularId, revisionReason: 'Room.' }),
    );
    expect(second.revisionOf).toBe(original.circularId);
    expect((await api('POST', `/api/circulars/${second.circularId}/issue`)).json()).toMatchObject({ revision: 2 });
  });
});

describe('only what was sent changes; what is not understood is refused', () => {
  it('unknown fields are named in a 400, on create, update, import, issue and lists; nothing is written', async () => {
    const before = (await api('GET', '/api/circulars')).json<Json[]>().length;
    const create = await api('POST', '/api/circulars', {
      reference: 'x',
      date: '2021-10-13',
      number: 352,
      language: 'en',
    });
    expect(create.status).toBe(400);
    expect(Object.keys(create.json<{ errors: Json }>().errors).sort()).toEqual([
      'date',
      'language',
      'number',
      'reference',
    ]);
    expect((await api('GET', '/api/circulars')).json<Json[]>().length).toBe(before);

    const draft = await created(
      await api('POST', '/api/circulars', { languages: ['en'], content: { en: CIRCULAR_352_EN } }),
    );
    const nested = await api('PATCH', `/api/circulars/${draft.circularId}`, {
      version: draft.version,
      content: { en: { subjet: 'typo' } },
    });
    expect(nested.json<{ errors: Json }>().errors).toHaveProperty(['content.en.subjet']);
    const list = await api('PUT', '/api/distribution-lists/typo-list', { name: 'L', members: [], owner: 'me' });
    expect(list.json<{ errors: Json }>().errors).toHaveProperty('owner');
    const meeting = await api('PATCH', '/api/meetings/u4ssc-6', { version: 1, venue: 'Geneva' });
    expect(meeting.json<{ errors: Json }>().errors).toHaveProperty('venue');
  });

  it('a NUL, a line break or a direction override in a subject (it becomes an email header) is refused', async () => {
    for (const subject of ['Sixth\u0000meeting', 'Sixth\r\nBcc: x@evil.example', 'Sixth \u202Egniteem']) {
      const response = await api('POST', '/api/circulars', { languages: ['en'], content: { en: { subject } } });
      expect(response.status, JSON.stringify(subject)).toBe(400);
      expect(response.json<{ errors: Json }>().errors).toHaveProperty(['content.en.subject']);
    }
  });

  it('a partial update of a circular leaves every other field, and every other part of the content, as it was', async () => {
    const draft = await created(await api('POST', '/api/circulars', { meetingId: 'u4ssc-6', languages: ['ru', 'en'] }));
    const edited = await api('PATCH', `/api/circulars/${draft.circularId}`, {
      version: draft.version,
      content: { en: { subject: 'Only the subject' } },
    });
    const after = edited.json<Json>();
    const { version: _v1, content: c1, ...rest1 } = draft;
    const { version: _v2, content: c2, ...rest2 } = after;
    expect(rest2).toEqual(rest1);
    expect(c2.ru).toEqual(c1.ru);
    expect(c2.en).toEqual({ ...c1.en, subject: 'Only the subject' });
    expect(c2.en.copies.length).toBeGreaterThan(0);
  });

  it('a partial update of a meeting leaves every other field as it was', async () => {
    const meeting = (await api('GET', '/api/meetings/u4ssc-6')).json<Json>();
    const full = (
      await api('PATCH', '/api/meetings/u4ssc-6', { version: meeting.version, announcedBy: 'TSB Circular 352' })
    ).json<Json>();
    const edited = await api('PATCH', '/api/meetings/u4ssc-6', {
      version: full.version,
      translations: { fr: { title: 'Sixième réunion U4SSC' } },
    });
    expect(edited.status, edited.text).toBe(200);
    const after = edited.json<Json>();
    const { version: _a, translations: t1, updatedAt: _u1, ...rest1 } = full;
    const { version: _b, translations: t2, updatedAt: _u2, ...rest2 } = after;
    expect(rest2).toEqual(rest1);
    // Within the French words, only the title changed; other languages are untouched.
    expect(t2.fr).toEqual({ ...t1.fr, title: 'Sixième réunion U4SSC' });
    expect(t2.ru).toEqual(t1.ru);
  });
});

describe('distribution after issue', () => {
  it('lists can be set on an issued circular; an unknown list is refused; distributing again queues 0', async () => {
    const member = uniqueEmail('circ-ru');
    await api('PUT', '/api/distribution-lists/after-issue', {
      name: 'After issue',
      members: [{ email: member, name: 'Иван Петров', language: 'ru' }],
    });
    const draft = await created(
      await api('POST', '/api/circulars', {
        languages: ['ru', 'en'],
        content: { ru: CIRCULAR_352_RU, en: CIRCULAR_352_EN },
      }),
    );
    const issued = (await api('POST', `/api/circulars/${draft.circularId}/issue`)).json<Json>();
    expect((await api('POST', `/api/circulars/${draft.circularId}/distribute`)).status).toBe(400);

    const unknown = await api('PATCH', `/api/circulars/${draft.circularId}`, {
      version: issued.version,
      distribution: { to: ['no-such-list'] },
    });
    expect(unknown.status).toBe(400);
    expect(unknown.json<{ errors: Json }>().errors).toHaveProperty(['distribution.to.0']);
    const text = await api('PATCH', `/api/circulars/${draft.circularId}`, {
      version: issued.version,
      content: { en: { subject: 'Changed after issue' } },
    });
    expect(text.status).toBe(409);
    const lists = await api('PATCH', `/api/circulars/${draft.circularId}`, {
      version: issued.version,
      distribution: { to: ['after-issue'] },
    });
    expect(lists.status, lists.text).toBe(200);
    expect(lists.json()).toMatchObject({ distribution: { to: ['after-issue'], copy: [] }, status: 'issued' });

    const first = await api('POST', `/api/circulars/${draft.circularId}/distribute`);
    expect(first.status, first.text).toBe(202);
    expect(first.json()).toMatchObject({ queued: 1 });
    const [email] = await waitForEmails(member, /Циркуляр \d+ БСЭ/);
    // The subject in the circular's language, and a link to its public PDF.
    expect(email?.subject).toBe(`Циркуляр ${issued.number} БСЭ: ${CIRCULAR_352_RU.subject}`);
    expect(email?.body.text).toContain(`/circulars/${draft.circularId}/ru.pdf`);
    const again = await api('POST', `/api/circulars/${draft.circularId}/distribute`);
    expect(again.json()).toMatchObject({ queued: 0 });
  });
});

describe('what a font cannot print is said at preview and refused at issue', () => {
  it('lists the characters in x-missing-glyphs, refuses to issue, and issues once they are gone', async () => {
    const draft = await created(
      await api('POST', '/api/circulars', {
        languages: ['en'],
        content: {
          en: {
            subject: 'Symbols a UN document needs: ∑ ∞ ≠ ≤ and Korean 서울',
            paragraphs: [{ text: 'A face no font here draws: 😀, in a paragraph.' }],
          },
        },
      }),
    );
    const preview = await getPdf(`/api/circulars/${draft.circularId}/preview.pdf?lang=en`);
    expect(preview.status).toBe(200);
    expect(preview.headers.get('x-missing-glyphs')).toBe('U+1F600');
    if (hasPdftotext) {
      const text = pdfText(preview.body);
      expect(text).toContain('∑ ∞ ≠ ≤');
      expect(text).toContain('서울');
    }
    const refused = await api('POST', `/api/circulars/${draft.circularId}/issue`);
    expect(refused.status).toBe(400);
    expect(refused.json<{ errors: Json }>().errors['content.en']).toContain('U+1F600');
    expect((await api('GET', `/api/circulars/${draft.circularId}`)).json()).toMatchObject({ status: 'draft' });

    const fixed = await api('PATCH', `/api/circulars/${draft.circularId}`, {
      version: draft.version,
      content: { en: { paragraphs: [{ text: 'A face, in words, in a paragraph.' }] } },
    });
    expect(fixed.status, fixed.text).toBe(200);
    const clean = await getPdf(`/api/circulars/${draft.circularId}/preview.pdf?lang=en`);
    expect(clean.headers.get('x-missing-glyphs')).toBeNull();
    const issued = await api('POST', `/api/circulars/${draft.circularId}/issue`);
    expect(issued.status, issued.text).toBe(200);
    expect((await getPdf(`/circulars/${draft.circularId}/en.pdf`)).status).toBe(200);
  });
});

describe('HEAD where GET', () => {
  it('answers the GET status and headers without a body, on pages, documents and the API', async () => {
    const draft = await created(
      await api('POST', '/api/circulars', { languages: ['en'], content: { en: CIRCULAR_352_EN } }),
    );
    await api('POST', `/api/circulars/${draft.circularId}/issue`);
    for (const path of [`/circulars/${draft.circularId}/en.pdf`, '/meetings/u4ssc-6', '/api/meetings/u4ssc-6']) {
      const get = await fetch(`${platform.baseUrl}${path}`);
      const head = await fetch(`${platform.baseUrl}${path}`, { method: 'HEAD' });
      expect(head.status, path).toBe(get.status);
      expect(head.headers.get('content-type'), path).toBe(get.headers.get('content-type'));
      expect((await head.arrayBuffer()).byteLength, path).toBe(0);
    }
    expect((await fetch(`${platform.baseUrl}/circulars/${draft.circularId}/xx.pdf`, { method: 'HEAD' })).status).toBe(
      404,
    );
    // A HEAD of a secretariat route needs the same token as its GET.
    expect((await fetch(`${platform.baseUrl}/api/circulars/${draft.circularId}`, { method: 'HEAD' })).status).toBe(401);
  });
});
