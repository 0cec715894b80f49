import { describe, expect, it } from 'vitest';
import { consoleSignIn, platform, request } from './support.ts';

/**
 * Opening a governance request from the console, as a person does: the form of a kind they may
 * open, its refusals beside the fields with the values kept, and the request it opens.
 */
const FROM = '127.0.0.96';
const sessions = new Map<string, string>();
async function signIn(email: string) {
  let cookie = sessions.get(email);
  if (!cookie) {
    cookie = (await consoleSignIn(email, FROM)).cookie;
    sessions.set(email, cookie);
  }
  return cookie;
}
const page = async (email: string, query: string) =>
  request('GET', `/console/governance${query}`, { from: FROM, headers: { cookie: await signIn(email) } });
const post = async (email: string, fields: Record<string, string>) =>
  request('POST', '/console/governance', {
    from: FROM,
    body: new URLSearchParams(fields).toString(),
    headers: {
      cookie: await signIn(email),
      origin: platform.baseUrl,
      'content-type': 'application/x-www-form-urlencoded',
    },
  });
const fieldError = (html: string, id: string) =>
  new RegExp(`<p class="error" id="${id}-error">([^<]*)</p>`).exec(html)?.[1];
const inputValue = (html: string, id: string) => new RegExp(`id="${id}" name="[^"]+" value="([^"]*)"`).exec(html)?.[1];

describe('opening a governance request from the console', () => {
  it('the Board opens a motion: the form, a refusal beside the field with the values kept, then the request', async () => {
    const shown = await page('board@demo.u4ssc.local', '?open=e-decision');
    expect(shown.status).toBe(200);
    expect(shown.text).toContain('Open: Partners Council electronic decision (ToR §13b)');
    expect(shown.text).toContain('Voting closes (Geneva time)');

    const title = `Motion ${Math.random().toString(36).slice(2, 8)}`;
    const refused = await post('board@demo.u4ssc.local', { kind: 'e-decision', title, motion: '', quorum: 'half' });
    expect(refused.status).toBe(400);
    // Every field's error at once: the percentage and the missing motion.
    expect(fieldError(refused.text, 'open-e-decision-quorum')).toBe('Give a percentage from 0 to 100, e.g. 50.');
    expect(fieldError(refused.text, 'open-e-decision-motion')).toBe('Required.');
    expect(inputValue(refused.text, 'open-e-decision-title')).toBe(title);

    const majority = await post('board@demo.u4ssc.local', { kind: 'e-decision', title, motion: 'M.', majority: '40' });
    expect(majority.status).toBe(400);
    expect(fieldError(majority.text, 'open-e-decision-majority')).toBe('Give a percentage from 50 to 100, e.g. 50.');
    expect(majority.text).not.toMatch(/fields\.|rule\./);
    // A document line that is not a link is named beside the documents field.
    const link = await post('board@demo.u4ssc.local', {
      kind: 'e-decision',
      title,
      motion: 'M.',
      documents: 'not a link',
    });
    expect(link.status).toBe(400);
    expect(fieldError(link.text, 'open-e-decision-documents')).toBeTruthy();

    const closes = new Date(Date.now() + 3 * 86_400_000);
    const local = new Intl.DateTimeFormat('sv-SE', {
      timeZone: 'Europe/Zurich',
      dateStyle: 'short',
      timeStyle: 'short',
    })
      .format(closes)
      .replace(' ', 'T');
    const opened = await post('board@demo.u4ssc.local', {
      kind: 'e-decision',
      title,
      motion: 'The Partners Council approves the plan.',
      documents: 'https://example.org/a.pdf\nhttps://example.org/b.pdf',
      closesAt: local,
      quorum: '60',
    });
    expect(opened.status, opened.text).toBe(303);
    const location = String(opened.headers.location);
    expect(location).toMatch(/^\/console\/governance\/requests\/\w+\?done=/);
    const request_ = await request('GET', location, {
      from: FROM,
      headers: { cookie: await signIn('board@demo.u4ssc.local') },
    });
    expect(request_.status).toBe(200);
    expect(request_.text).toContain(title);
    expect(request_.text).toContain('https://example.org/b.pdf');
    expect(request_.text).toMatch(/60%/);
  }, 60_000);

  it('offers each person only the kinds they may open, and refuses another kind with the reason', async () => {
    const participant = await page('participant@demo.u4ssc.local', '');
    expect(participant.text).toContain('?open=notice');
    expect(participant.text).toContain('?open=logo-consent');
    expect(participant.text).not.toContain('?open=e-decision');
    expect(participant.text).not.toContain('?open=work-plan');
    // The form of a kind not theirs is not shown…
    expect((await page('participant@demo.u4ssc.local', '?open=work-plan')).text).not.toContain('Open: Work plan');
    // …and posting it anyway is refused by the engine, with its reason.
    const refused = await post('participant@demo.u4ssc.local', {
      kind: 'e-decision',
      title: 'Not mine',
      motion: 'Nope.',
      closesAt: '2040-06-30T12:00',
    });
    expect(refused.status).toBe(403);
    expect(refused.text).toContain('Your roles may not open');
    const unknown = await post('participant@demo.u4ssc.local', { kind: 'nothing' });
    expect(unknown.status).toBe(400);
    expect(unknown.text).toContain('Choose the kind of request to open.');
    // An empty body is a form with no field, not a server error.
    const empty = await post('participant@demo.u4ssc.local', {});
    expect(empty.status).toBe(400);
    expect(empty.text).toContain('Choose the kind of request to open.');
  }, 60_000);

  it('a participant gives notice of joint work; the secretariat opens the year’s work plan', async () => {
    const notice = await post('participant@demo.u4ssc.local', {
      kind: 'notice',
      type: 'joint-work',
      subject: 'A joint report with a city network',
      details: 'We are drafting a report that overlaps the KPI guide.',
    });
    expect(notice.status, notice.text).toBe(303);
    const plan = await post('secretariat@demo.u4ssc.local', {
      kind: 'work-plan',
      year: 'next',
      draft: 'Paragraph one.',
    });
    expect(plan.status).toBe(400);
    expect(fieldError(plan.text, 'open-work-plan-year')).toBe('Give a year between 2020 and 2100, e.g. 2027.');
    const opened = await post('secretariat@demo.u4ssc.local', {
      kind: 'work-plan',
      year: '2041',
      draft: 'Paragraph one.\n\nParagraph two.',
    });
    expect(opened.status, opened.text).toBe(303);
  }, 60_000);

  it("the secretariat's work-plan form is filled in with the draft compiled from the year's inputs; others get an empty one", async () => {
    const year = String(2050 + Math.floor(Math.random() * 40));
    const text = `Guide on KPI data, input ${Math.random().toString(36).slice(2, 8)}`;
    const sent = await request('POST', '/console/governance/structure', {
      from: FROM,
      body: new URLSearchParams({ action: 'work-plan-input', year, from: 'group:city-kpis', text }).toString(),
      headers: {
        cookie: await signIn('leader@demo.u4ssc.local'),
        origin: platform.baseUrl,
        'content-type': 'application/x-www-form-urlencoded',
      },
    });
    expect(sent.status, sent.text).toBe(303);
    const structure = await request('GET', '/console/governance/structure', {
      from: FROM,
      headers: { cookie: await signIn('secretariat@demo.u4ssc.local') },
    });
    expect(structure.text).toContain(`/console/governance?open=work-plan&amp;year=${year}`);
    const shown = await page('secretariat@demo.u4ssc.local', `?open=work-plan&year=${year}`);
    expect(inputValue(shown.text, 'open-work-plan-year')).toBe(year);
    const draft = /<textarea id="open-work-plan-draft"[^>]*>([^<]*)<\/textarea>/.exec(shown.text)?.[1] ?? '';
    expect(draft).toContain(text);
    // A year without inputs: the form, empty.
    const empty = await page('secretariat@demo.u4ssc.local', '?open=work-plan&year=2020');
    expect(/<textarea id="open-work-plan-draft"[^>]*><\/textarea>/.test(empty.text)).toBe(true);
  }, 60_000);
});
