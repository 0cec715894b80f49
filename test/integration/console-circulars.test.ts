import { createHash } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { consoleSignIn, issuer, platform, request, uniqueEmail, waitForEmails } from './support.ts';

/** Circulars in the secretariat console: draft from a meeting, editor, preview, issue, distribution. */
const FROM = '127.0.0.24';

const signIn = async (email: string) => (await consoleSignIn(email, FROM)).cookie;

let cookie: string;
let bearer: Record<string, string>;
const page = (path: string, withCookie = cookie) =>
  request('GET', path, { from: FROM, headers: { cookie: withCookie, accept: 'text/html' } });
const submit = (path: string, fields: Record<string, string | string[]>, origin = platform.baseUrl) => {
  const body = new URLSearchParams();
  for (const [key, value] of Object.entries(fields)) for (const v of [value].flat()) body.append(key, v);
  return request('POST', path, {
    from: FROM,
    body: body.toString(),
    headers: { cookie, origin, 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html' },
  });
};
const api = (method: string, path: string, body?: unknown) =>
  request(method, path, {
    from: FROM,
    headers: { ...bearer, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });

const unescapeHtml = (text: string) =>
  text.replace(/&(amp|lt|gt|quot|#x27|#x60|#x3D);/g, (_, entity: string) => {
    const characters: Record<string, string> = {
      amp: '&',
      lt: '<',
      gt: '>',
      quot: '"',
      '#x27': "'",
      '#x60': '`',
      '#x3D': '=',
    };
    return characters[entity] ?? '';
  });

/** The fields of the form posting to `action`, as a browser would send them (ticked checkboxes included). */
function formFields(html: string, action: string): Record<string, string> {
  const start = html.indexOf(`<form method="post" action="${action}">`);
  expect(start, `a form posting to ${action}`).toBeGreaterThanOrEqual(0);
  const form = html.slice(start, html.indexOf('</form>', start));
  const fields: Record<string, string> = {};
  for (const match of form.matchAll(/<input type="(?:text|email|hidden)"[^>]*?name="([^"]+)" value="([^"]*)"/g))
    fields[unescapeHtml(match[1] ?? '')] = unescapeHtml(match[2] ?? '');
  for (const match of form.matchAll(/<textarea[^>]*?name="([^"]+)"[^>]*>([^<]*)<\/textarea>/g))
    fields[unescapeHtml(match[1] ?? '')] = unescapeHtml(match[2] ?? '');
  for (const match of form.matchAll(/<input type="checkbox"[^>]*?name="([^"]+)" value="([^"]*)" checked/g))
    fields[unescapeHtml(match[1] ?? '')] = unescapeHtml(match[2] ?? '');
  return fields;
}

interface CircularJson {
  version: number;
  bureau: string;
  languages: string[];
  number?: number;
  status: string;
  distribution: { to: string[]; copy: string[] };
  numberedParagraphs: boolean;
  content: Record<
    string,
    { subject: string; salutation: string; closing: string; paragraphs: { text: string; bullets: string[] }[] }
  >;
  documents: { lang: string; sha256: string }[];
}
const circularJson = async (circularId: string) =>
  (await api('GET', `/api/circulars/${circularId}`)).json<CircularJson>();

beforeAll(async () => {
  cookie = await signIn('secretariat@demo.u4ssc.local');
  const local = await issuer();
  bearer = { authorization: `Bearer ${await local.sign({ email: 'tsb@itu.int', roles: ['secretariat'] })}` };
});

describe('circulars in the console: from a meeting to its distribution', () => {
  const members = [
    { email: uniqueEmail('console-circ-ru'), name: 'Администрация связи', language: 'ru' },
    { email: uniqueEmail('console-circ-en'), name: 'Ministry of ICT', language: 'en' },
  ];
  const listId = `it-console-${Math.random().toString(36).slice(2, 8)}`;
  let circularId = '';
  let editor = '';

  it('makes a draft from meeting 6 in English and Russian through the form, and opens its editor', async () => {
    const listed = await page('/console/circulars');
    expect(listed.status).toBe(200);
    expect(listed.text).toContain('<a href="/console/circulars">Circulars</a>');
    expect(listed.text).toContain('<option value="u4ssc-6">');
    for (const lang of ['en', 'ru']) expect(listed.text).toContain(`name="languages" value="${lang}"`);

    const created = await submit('/console/circulars', {
      meetingId: 'u4ssc-6',
      bureau: 'TSB',
      languages: ['en', 'ru'],
    });
    expect(created.status, created.text).toBe(303);
    const location = String(created.headers.location);
    expect(location).toMatch(/^\/console\/circulars\/[\w]+$/);
    circularId = location.split('/').at(-1) ?? '';

    const response = await page(location);
    expect(response.status).toBe(200);
    editor = response.text;
    expect(editor).toContain('Sixth meeting of the &quot;United for Smart Sustainable Cities&quot; initiative');
    expect(editor).toContain('from 10:00 to 15:30 Geneva time on 7 December 2021');
    expect(editor).toContain('организует шестое собрание');
    // Handlebars writes "=" in attribute values as &#x3D;.
    expect(unescapeHtml(editor)).toContain(
      `src="/console/circulars/${circularId}/preview.pdf?lang=en#navpanes=0&view=FitH"`,
    );
    expect(unescapeHtml(editor)).toContain(
      `src="/console/circulars/${circularId}/preview.pdf?lang=ru#navpanes=0&view=FitH"`,
    );
    expect(editor).toContain('I confirm: an issued circular can no longer change');
    expect(response.headers['x-frame-options']).toBe('DENY');

    const list = await page('/console/circulars');
    expect(list.text).toContain(`<a href="/console/circulars/${circularId}">Draft</a>`);
  });

  it('the preview is the draft as PDF, which only the console itself may frame', async () => {
    const response = await fetch(`${platform.baseUrl}/console/circulars/${circularId}/preview.pdf?lang=ru`, {
      headers: { cookie },
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/pdf');
    expect(response.headers.get('x-frame-options')).toBe('SAMEORIGIN');
    expect(response.headers.get('content-security-policy')).toContain("frame-ancestors 'self'");
    expect(response.headers.get('content-security-policy')).not.toContain("frame-ancestors 'none'");
    const pdf = Buffer.from(await response.arrayBuffer());
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
  });

  it('saves a change (adding a paragraph, naming a list) and leaves everything else as it was', async () => {
    const saved = await api('PUT', `/api/distribution-lists/${listId}`, {
      name: 'Member States (console test)',
      members,
    });
    expect(saved.status, saved.text).toBe(200);
    const before = await circularJson(circularId);
    const fields = formFields(editor, `/console/circulars/${circularId}`);
    const paragraphs = before.content.en?.paragraphs ?? [];
    const extra = paragraphs.length;
    expect(fields[`content.en.paragraphs.${extra}.text`]).toBe('');
    const response = await submit(`/console/circulars/${circularId}`, {
      ...fields,
      'content.en.subject': 'Sixth meeting of U4SSC: changed in the console',
      [`content.en.paragraphs.${extra}.text`]: 'A paragraph added in the console.',
      [`content.en.paragraphs.${extra}.bullets`]: 'First point\r\nSecond point\r\n',
      'distribution.to': listId,
    });
    expect(response.status, response.text).toBe(303);
    expect(response.headers.location).toBe(`/console/circulars/${circularId}?saved=1`);

    const after = await circularJson(circularId);
    expect(after.version).toBe(before.version + 1);
    expect(after.content.en?.subject).toBe('Sixth meeting of U4SSC: changed in the console');
    expect(after.content.en?.paragraphs).toEqual([
      ...paragraphs,
      { text: 'A paragraph added in the console.', bullets: ['First point', 'Second point'] },
    ]);
    expect(after.content.ru).toEqual(before.content.ru);
    expect(after.distribution).toEqual({ to: [listId], copy: [] });
    expect(after).toMatchObject({ bureau: 'TSB', languages: ['en', 'ru'], numberedParagraphs: true });
    expect(after.content.en?.salutation).toBe('Dear Sir/Madam,');

    const shown = await page(`/console/circulars/${circularId}?saved=1`);
    expect(shown.text).toContain('Saved.');
    expect(shown.text).toContain('Member States (console test) (2 members)');
    editor = shown.text;
  });

  it('salutation, closing and paragraph numbering are the document’s own', async () => {
    const fields = formFields(editor, `/console/circulars/${circularId}`);
    expect(fields.numberedParagraphs).toBe('on');
    const { numberedParagraphs: _on, ...unticked } = fields;
    const response = await submit(`/console/circulars/${circularId}`, {
      ...unticked,
      'content.en.salutation': 'Dear colleagues,',
      'content.en.closing': 'With kind regards,',
    });
    expect(response.status, response.text).toBe(303);
    const after = await circularJson(circularId);
    expect(after).toMatchObject({ numberedParagraphs: false });
    expect(after.content.en).toMatchObject({ salutation: 'Dear colleagues,', closing: 'With kind regards,' });
    expect(after.content.ru?.salutation).toBe('Уважаемая госпожа, уважаемый господин,');
    editor = (await page(`/console/circulars/${circularId}`)).text;
  });

  it('a stale save is refused with an explanation, keeping what was typed', async () => {
    const stale = formFields(editor, `/console/circulars/${circularId}`);
    const first = await submit(`/console/circulars/${circularId}`, { ...stale, 'content.ru.subject': 'Первая правка' });
    expect(first.status).toBe(303);
    const second = await submit(`/console/circulars/${circularId}`, {
      ...stale,
      'content.ru.subject': 'Вторая правка',
    });
    expect(second.status).toBe(409);
    expect(second.text).toContain('The draft was changed or issued meanwhile');
    expect(second.text).toContain('Вторая правка');
    expect((await circularJson(circularId)).content.ru?.subject).toBe('Первая правка');
  });

  it('an invalid save names the field beside it; an emptied paragraph is removed', async () => {
    const current = await page(`/console/circulars/${circularId}`);
    const fields = formFields(current.text, `/console/circulars/${circularId}`);
    const invalid = await submit(`/console/circulars/${circularId}`, {
      ...fields,
      'content.en.subject': '',
      'contact.email': 'not an address',
    });
    expect(invalid.status).toBe(400);
    expect(invalid.text).toContain('English, subject: This field is required.');
    expect(invalid.text).toContain('id="content.en.subject-error">This field is required.');
    expect(invalid.text).toContain('Email: Give an email address.');
    expect(invalid.text).toContain('value="not an address"');

    const before = await circularJson(circularId);
    const removed = await submit(`/console/circulars/${circularId}`, { ...fields, 'content.ru.paragraphs.1.text': '' });
    expect(removed.status, removed.text).toBe(303);
    const after = await circularJson(circularId);
    const ru = before.content.ru?.paragraphs ?? [];
    expect(after.content.ru?.paragraphs).toEqual([ru[0], ...ru.slice(2)]);
  });

  it('a save comes back beside its language and preview; a draft is deleted only when confirmed and current', async () => {
    const current = await circularJson(circularId);
    const fields = formFields(
      (await page(`/console/circulars/${circularId}`)).text,
      `/console/circulars/${circularId}`,
    );
    const saved = await submit(`/console/circulars/${circularId}`, { ...fields, at: 'editor-ru' });
    expect(saved.status, saved.text).toBe(303);
    expect(saved.headers.location).toBe(`/console/circulars/${circularId}?saved=1#editor-ru`);
    const shown = await page(`/console/circulars/${circularId}`);
    expect(shown.text).toContain('<div class="editor-lang" id="editor-ru">');

    // Not ticked, or an older version: nothing is deleted, and the editor says why.
    const unticked = await submit(`/console/circulars/${circularId}/delete`, { version: String(current.version + 1) });
    expect(unticked.status).toBe(303);
    expect(decodeURIComponent(String(unticked.headers.location))).toContain('nothing deleted: tick');
    const stale = await submit(`/console/circulars/${circularId}/delete`, { version: '1', confirm: 'yes' });
    expect(decodeURIComponent(String(stale.headers.location))).toContain('nothing deleted: Someone changed');
    expect((await circularJson(circularId)).status).toBe('draft');
    // Unknown fields are refused whole.
    expect(
      (await submit(`/console/circulars/${circularId}/delete`, { version: '1', confirm: 'yes', x: '1' })).status,
    ).toBe(400);

    // Another draft is deleted for good.
    const created = await submit('/console/circulars', { meetingId: '', bureau: 'TSB', languages: ['en'] });
    const otherId = String(created.headers.location).split('/').at(-1) ?? '';
    const other = await circularJson(otherId);
    const deleted = await submit(`/console/circulars/${otherId}/delete`, {
      version: String(other.version),
      confirm: 'yes',
    });
    expect(deleted.status).toBe(303);
    expect(deleted.headers.location).toBe(`/console/circulars?deleted=${otherId}`);
    expect((await page(String(deleted.headers.location))).text).toContain(`The draft ${otherId} was deleted.`);
    expect((await page(`/console/circulars/${otherId}`)).status).toBe(404);
  });

  it('issues only once confirmed, then shows the number and the SHA-256 of each document', async () => {
    const unconfirmed = await submit(`/console/circulars/${circularId}/issue`, {});
    expect(unconfirmed.status).toBe(400);
    expect(unconfirmed.text).toContain('Tick the box to confirm');
    expect((await circularJson(circularId)).status).toBe('draft');

    const issued = await submit(`/console/circulars/${circularId}/issue`, { confirm: 'yes' });
    expect(issued.status, issued.text).toBe(303);
    const circular = await circularJson(circularId);
    expect(circular.status).toBe('issued');
    const reference = `TSB Circular ${circular.number}`;
    expect(decodeURIComponent(String(issued.headers.location))).toBe(
      `/console/circulars/${circularId}?done=issued as ${reference}`,
    );

    const shown = await page(String(issued.headers.location));
    expect(shown.status).toBe(200);
    expect(shown.text).toContain(`Done: issued as ${reference}.`);
    expect(shown.text).toContain(`<h1>${reference}: <bdi>Sixth meeting of U4SSC: changed in the console</bdi></h1>`);
    expect(shown.text).toContain('by secretariat@demo.u4ssc.local');
    expect(shown.text).not.toContain('I confirm');
    expect(shown.text).not.toContain('http-equiv="refresh"');
    expect(circular.documents.map((d) => d.lang)).toEqual(['en', 'ru']);
    for (const document of circular.documents) {
      const pdf = Buffer.from(
        await (await fetch(`${platform.baseUrl}/circulars/${circularId}/${document.lang}.pdf`)).arrayBuffer(),
      );
      expect(createHash('sha256').update(pdf).digest('hex')).toBe(document.sha256);
      expect(shown.text).toContain(`<code class="hash">${document.sha256}</code>`);
      expect(shown.text).toContain(`href="/circulars/${circularId}/${document.lang}.pdf"`);
    }
    expect((await page('/console/circulars')).text).toContain(
      `<a href="/console/circulars/${circularId}">${reference}</a>`,
    );

    const edit = await submit(
      `/console/circulars/${circularId}`,
      formFields(editor, `/console/circulars/${circularId}`),
    );
    expect(edit.status).toBe(409);
    expect(edit.text).toContain('is issued and never changes');
    // An issued circular is never deleted.
    const issuedVersion = (await circularJson(circularId)).version;
    const refused = await submit(`/console/circulars/${circularId}/delete`, {
      version: String(issuedVersion),
      confirm: 'yes',
    });
    expect(decodeURIComponent(String(refused.headers.location))).toContain(
      'nothing deleted: An issued circular is never deleted',
    );
    expect((await circularJson(circularId)).status).toBe('issued');
  });

  it('distributes through the form and shows the progress until everyone has it', async () => {
    const response = await submit(`/console/circulars/${circularId}/distribute`, {});
    expect(response.status, response.text).toBe(303);
    expect(decodeURIComponent(String(response.headers.location))).toContain(
      'done=2 emails queued for 2 recipients (nobody is sent it twice)',
    );
    const shown = await page(String(response.headers.location));
    expect(shown.text).toContain('<th scope="col">Recipients</th>');
    expect(shown.text).toMatch(/<td>2<\/td><td>\d<\/td><td>\d<\/td><td>0<\/td>/);
    expect(shown.text).toContain('Distribute again');

    for (const member of members) await waitForEmails(member.email, /Circular|Циркуляр/);
    let text = '';
    for (let attempt = 0; attempt < 50; attempt++) {
      text = (await page(`/console/circulars/${circularId}`)).text;
      if (text.includes('<td>2</td><td>0</td><td>2</td><td>0</td>')) break;
      expect(text).toContain('<meta http-equiv="refresh" content="5">');
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(text).toContain('<td>2</td><td>0</td><td>2</td><td>0</td>');
    expect(text).not.toContain('http-equiv="refresh"');
  });
});

describe('circular drafts that are not complete, and bad forms', () => {
  it('a blank draft shows what is missing instead of a preview, and its preview route says so', async () => {
    const created = await submit('/console/circulars', { meetingId: '', bureau: 'BDT', languages: 'en' });
    expect(created.status).toBe(303);
    const location = String(created.headers.location);
    const editor = await page(location);
    expect(editor.text).toContain('No English preview yet');
    expect(editor.text).toContain('English, subject: This field is required.');
    expect(editor.text).not.toContain('<iframe');
    const preview = await page(`${location}/preview.pdf?lang=en`);
    expect(preview.status).toBe(400);
    expect(preview.headers['content-type']).toMatch(/^text\/html/);
    expect(preview.headers['x-frame-options']).toBe('SAMEORIGIN');
    expect(preview.text).toContain('English, subject: This field is required.');

    const unconfirmed = await submit(`${location}/issue`, { confirm: 'yes' });
    expect(unconfirmed.status).toBe(400);
    expect(unconfirmed.text).toContain('English, subject: This field is required.');
  });

  it('a draft needs a language, and a known meeting', async () => {
    const response = await submit('/console/circulars', { meetingId: 'no-such-meeting', bureau: 'TSB' });
    expect(response.status).toBe(400);
    expect(response.text).toContain('Languages: Choose at least one language.');
    const unknown = await submit('/console/circulars', { meetingId: 'no-such-meeting', languages: 'en' });
    expect(unknown.status).toBe(400);
    expect(unknown.text).toContain('Meeting: No meeting has the id');
  });

  it('an issued circular cannot be distributed without lists; a draft not at all', async () => {
    const created = await submit('/console/circulars', { meetingId: 'u4ssc-6', bureau: 'BR', languages: 'en' });
    const location = String(created.headers.location);
    const draft = await submit(`${location}/distribute`, {});
    expect(draft.status).toBe(409);
    expect(draft.text).toContain('Only an issued circular can be distributed.');
    expect((await submit(`${location}/issue`, { confirm: 'yes' })).status).toBe(303);
    const nobody = await submit(`${location}/distribute`, {});
    expect(nobody.status).toBe(400);
    expect(nobody.text).toContain('Choose at least one distribution list with members.');
  });
});

describe('distribution lists in the console', () => {
  it('edits a list, one member a line; a bad line is named', async () => {
    const listId = `it-console-list-${Math.random().toString(36).slice(2, 8)}`;
    const opened = await page(`/console/distribution-lists?listId=${listId}`);
    expect(opened.status).toBe(303);
    expect(opened.headers.location).toBe(`/console/distribution-lists/${listId}`);
    const empty = await page(`/console/distribution-lists/${listId}`);
    expect(empty.text).toContain('no list has this id yet');

    const bad = await submit(`/console/distribution-lists/${listId}`, {
      name: 'Sector members',
      members: 'a@example.org, Alpha, fr\n\nnot-an-address, Beta',
    });
    expect(bad.status).toBe(400);
    expect(bad.text).toContain('Line 3 (email): Give an email address.');
    expect(bad.text).toContain('not-an-address, Beta');

    const good = await submit(`/console/distribution-lists/${listId}`, {
      name: 'Sector members',
      members: 'a@example.org, Alpha, Inc., fr\r\nb@example.org, Beta',
    });
    expect(good.status).toBe(303);
    const list = (await api('GET', `/api/distribution-lists/${listId}`)).json();
    expect(list).toMatchObject({
      name: 'Sector members',
      members: [
        { email: 'a@example.org', name: 'Alpha, Inc.', language: 'fr' },
        { email: 'b@example.org', name: 'Beta', language: 'en' },
      ],
    });
    expect((await page(`/console/distribution-lists/${listId}?saved=1`)).text).toContain(
      'a@example.org, Alpha, Inc., fr\nb@example.org, Beta, en',
    );
  });
});

describe('circular numbers in the console', () => {
  it('starts a body’s sequence with a recorded reason, refuses going back, and records a historic circular', async () => {
    const shown = await page('/console/circular-sequences');
    expect(shown.status).toBe(200);
    expect(shown.text).toContain('United Nations Human Settlements Programme (UN-Habitat)');
    const noReason = await submit('/console/circular-sequences/UN-HABITAT', { next: '5', reason: '' });
    expect(noReason.status).toBe(400);
    expect(noReason.text).toContain('UN-HABITAT reason: This field is required.');
    const set = await submit('/console/circular-sequences/UN-HABITAT', { next: '5', reason: 'Series of 2024' });
    expect(set.status, set.text).toBe(303);
    const after = await page('/console/circular-sequences?saved=UN-HABITAT');
    expect(after.text).toContain('Series of 2024');

    // A circular issued in May 2024 as No. 4 is recorded through the issue form with its number and date.
    const created = await api('POST', '/api/circulars', {
      bureau: 'UN-HABITAT',
      languages: ['en'],
      content: { en: { subject: 'Urban October 2024', paragraphs: [{ text: 'An earlier letter.' }] } },
    });
    const circularId = created.json<{ circularId: string }>().circularId;
    const recorded = await submit(`/console/circulars/${circularId}/issue`, {
      confirm: 'yes',
      number: '4',
      date: '2024-05-02',
    });
    expect(recorded.status, recorded.text).toBe(303);
    expect(await circularJson(circularId)).toMatchObject({ number: 4, issuedOn: '2024-05-02', imported: true });
    // Below the highest issued (4) the sequence cannot go.
    const back = await submit('/console/circular-sequences/UN-HABITAT', { next: '3', reason: 'Oops' });
    expect(back.status).toBe(400);
    expect(back.text).toContain('the next number must be at least 5');
  });
});

describe('who may use the circulars console', () => {
  it('without a session, to sign in; with another role, refused', async () => {
    const anonymous = await page('/console/circulars', '');
    expect(anonymous.status).toBe(303);
    expect(anonymous.headers.location).toBe('/console/sign-in?next=%2Fconsole%2Fcirculars');
    const participant = await signIn('participant@demo.u4ssc.local');
    expect((await page('/console/circulars', participant)).status).toBe(403);
    expect((await page('/console/circulars/anything/preview.pdf?lang=en', participant)).status).toBe(403);
  });

  it('a form posted from another site is refused', async () => {
    const response = await submit('/console/circulars', { languages: 'en' }, 'http://evil.example');
    expect(response.status).toBe(403);
  });
});

describe('distribution lists in the console', () => {
  it('lists every list, and makes one from a meeting’s approved registrants', async () => {
    const listId = `it-from-meeting-${Math.random().toString(36).slice(2, 8)}`;
    const meetingId = `it-dl-${Math.random().toString(36).slice(2, 8)}`;
    const start = new Date(Date.now() + 20 * 86_400_000);
    const created = await api('POST', '/api/meetings', {
      meetingId,
      number: 77,
      title: 'List source meeting',
      organisers: ['ITU'],
      format: 'virtual',
      startsAt: start.toISOString(),
      endsAt: new Date(start.getTime() + 3_600_000).toISOString(),
      timeZone: 'Europe/Zurich',
      languages: ['en'],
      objectives: [],
    });
    expect(created.status, created.text).toBe(201);

    // No approved registrant yet: nothing is made, and the form says why beside the field.
    const empty = await submit(`/console/distribution-lists/${listId}`, { fromMeeting: meetingId, name: '' });
    expect(empty.status).toBe(400);
    expect(empty.text).toContain('This meeting has no approved registrant yet');

    const emails = [uniqueEmail('dl-a'), uniqueEmail('dl-b')];
    for (const [i, email] of emails.entries()) {
      const sent = await request('POST', `/api/meetings/${meetingId}/registrations`, {
        from: `127.0.42.${i + 1}`,
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          name: `Listed ${i}`,
          email,
          organisation: 'Org',
          category: 'academia',
          country: 'FR',
          title: 'Dr',
          language: i ? 'fr' : 'en',
          privacyConsent: true,
        }),
      });
      expect(sent.status, sent.text).toBe(202);
      await waitForEmails(email, /./);
    }
    const { registrationsDeps } = await import('../../functions/adapters/wiring/registrations.ts');
    const { verifyRegistration } = await import('../../functions/registrations/operations.ts');
    const { hashToken } = await import('../../functions/registrations/tokens.ts');
    const { store } = await import('../../functions/adapters/dynamodb/store.ts');
    const deps = registrationsDeps();
    for (const registration of await deps.store.listByStatus(meetingId, 'unverified')) {
      await store()
        .entities.registration.patch({ meetingId, registrationId: registration.registrationId })
        .set({ verifyTokenHash: hashToken('known-token') })
        .go();
      await verifyRegistration(deps, meetingId, registration.registrationId, 'known-token');
    }

    const editor = await page(`/console/distribution-lists/${listId}`);
    expect(editor.text).toContain(`<option value="${meetingId}">`);
    const made = await submit(`/console/distribution-lists/${listId}`, { fromMeeting: meetingId, name: '' });
    expect(made.status, made.text).toBe(303);
    const list = (await api('GET', `/api/distribution-lists/${listId}`)).json<{
      name: string;
      members: { email: string; language: string }[];
    }>();
    expect(list.name).toBe('Approved registrants: List source meeting');
    expect(list.members.map((m) => m.email).sort()).toEqual([...emails].sort());
    // Unknown fields are refused and nothing changes.
    const refused = await submit(`/console/distribution-lists/${listId}`, { fromMeeting: meetingId, extra: 'x' });
    expect(refused.status).toBe(400);

    const index = await page('/console/distribution-lists');
    expect(index.status).toBe(200);
    expect(index.text).toContain(`<a href="/console/distribution-lists/${listId}"><code>${listId}</code></a>`);
    expect(index.text).toMatch(
      new RegExp(`${listId}</code></a></td><td>Approved registrants: List source meeting</td><td>2</td>`),
    );
  });
});
