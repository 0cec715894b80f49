import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import './support.ts';
import { hasPoppler, normalise, popplerPages } from '../support/pdf-text.ts';
import { emailsTo, getJson, issuer, postJson, request, uniqueEmail, url, waitForEmails } from './support.ts';

/**
 * A hub's year over HTTP against the local engines: records → draft → submit → return →
 * resubmit → accept → publish → public page and PDF → no reminder; and the refusals (another
 * hub's person, wrong stage, stale version, unknown fields), and a CSV import at scale.
 */
const { startLocalMailQueue } = await import('../../infra/local/mail-queue.ts');
const { invokeJob } = await import('../../infra/local/scheduler.ts');
const { JOBS } = await import('../../functions/routes.ts');
const { store } = await import('../../functions/adapters/dynamodb/store.ts');
const { governanceStore } = await import('../../functions/adapters/dynamodb/governance.ts');
const { KPIS } = await import('../../functions/hubs/catalogue.ts');

const FROM = '127.0.0.113';
const YEAR = 2025;
const suffix = Math.random().toString(36).slice(2, 8);
const hubId = `it-hub-${suffix}`;
const otherHubId = `it-other-${suffix}`;
const contact = uniqueEmail('hubcontact');
const member = uniqueEmail('hubmember');
const partner = uniqueEmail('hubpartner');
const otherContact = uniqueEmail('otherhub');
let queue: Awaited<ReturnType<typeof startLocalMailQueue>>;
let as: Record<'hub' | 'member' | 'other' | 'secretariat' | 'participant', Record<string, string>>;

const base = `/api/hubs/${hubId}/years/${YEAR}`;
const change = (body: unknown, who: Record<string, string>, path = base) => postJson(path, body, FROM, who);
const year = async (who: Record<string, string>, path = base) => {
  const reply = await request('GET', path, { from: FROM, headers: who });
  return {
    status: reply.status,
    // biome-ignore lint/suspicious/noExplicitAny: a test reads the reply's fields freely
    body: reply.status === 200 ? reply.json<Record<string, any>>() : undefined,
    text: reply.text,
  };
};

beforeAll(async () => {
  queue = await startLocalMailQueue({ onError: (error) => console.error(error) });
  const governance = governanceStore(store());
  await governance.createHubIfAbsent({
    hubId,
    name: 'Integration Hub',
    contactName: 'Hub Contact',
    contactEmail: contact,
    memberEmails: [member],
    partnerName: 'UNECE',
    partnerEmail: partner,
    city: 'Valencia',
    country: 'Spain',
    active: true,
  });
  await governance.createHubIfAbsent({
    hubId: otherHubId,
    name: 'Other Hub',
    contactName: 'Other Contact',
    contactEmail: otherContact,
    active: true,
  });
  const local = await issuer();
  const bearer = async (email: string, roles: ('hub' | 'secretariat' | 'participant')[]) => ({
    authorization: `Bearer ${await local.sign({ email, roles })}`,
  });
  as = {
    hub: await bearer(contact, ['hub']),
    member: await bearer(member.toUpperCase(), ['hub']),
    other: await bearer(otherContact, ['hub']),
    secretariat: await bearer('reviewer@itu.int', ['secretariat']),
    participant: await bearer(contact, ['participant']),
  };
});
afterAll(() => queue.stop());

describe("a hub's year, from records to a published report", () => {
  let version = 0;

  it('records cities, activities, KPI values (JSON and CSV), finances and plan', async () => {
    for (const city of [
      { cityId: 'valencia', name: 'Valencia', country: 'Spain' },
      { cityId: 'alicante', name: 'Alicante', country: 'Spain' },
    ])
      expect((await change({ action: 'city.save', city }, as.hub)).status).toBe(200);
    for (let i = 0; i < 8; i++) {
      const reply = await change(
        {
          action: 'activity.save',
          activity: {
            date: `${YEAR}-${String(i + 1).padStart(2, '0')}-10`,
            kind: i % 2 ? 'training' : 'event',
            title: `Activity ${i + 1}`,
            cities: ['valencia'],
            participants: 20,
          },
        },
        i % 2 ? as.member : as.hub,
      );
      expect(reply.status, reply.text).toBe(200);
    }
    const header = 'city,code,value,unit,source,collected_on,verification';
    const rows = (y: number, plus: number) =>
      KPIS.slice(0, 20).map(
        (k, i) =>
          `valencia,${k.code},${(i % 5) * 10 + plus + 0.1},${k.unit.includes(',') ? `"${k.unit}"` : k.unit},INE,${y}-06-30,verified`,
      );
    const before = await change(
      { action: 'kpi.import', csv: [header, ...rows(YEAR - 1, 1)].join('\n') },
      as.hub,
      `/api/hubs/${hubId}/years/${YEAR - 1}`,
    );
    expect(before.json()).toMatchObject({ stored: 20, rejected: 0 });
    const now = await change({ action: 'kpi.import', csv: [header, ...rows(YEAR, 2)].join('\n') }, as.hub);
    expect(now.json()).toMatchObject({ stored: 20, rejected: 0 });
    const single = await change(
      {
        action: 'kpi.save',
        values: [
          {
            cityId: 'alicante',
            code: 'EC-INF-ES-3C',
            value: 99.5,
            source: 'Utility',
            collectedOn: `${YEAR}-05-01`,
            verification: 'self-reported',
          },
        ],
      },
      as.hub,
    );
    expect(single.status, single.text).toBe(200);
    const saved = await change(
      {
        action: 'year.save',
        version: 0,
        finances: {
          currency: 'EUR',
          income: [{ source: 'City', amount: 1000 }],
          expenditure: [{ item: 'Staff', amount: 800.5 }],
        },
        plan: { objectives: ['Verify every core KPI'], activities: [{ quarter: 'Q1', title: 'Verification visit' }] },
      },
      as.hub,
    );
    expect(saved.json()).toEqual({ version: 1 });
    const { body } = await year(as.hub);
    expect(body?.draft.totals).toMatchObject({ activities: 8, participants: 160, cities: 2, values: 21 });
    expect(body?.draft.quarters.map((q: { activities: unknown[] }) => q.activities.length)).toEqual([3, 3, 2, 0]);
    expect(body?.draft.cities[1].results[0].trend).toBe('up');
    expect(body?.open).toBe(true);
  }, 60_000);

  it("refuses another hub's person, a missing hub, other roles, unknown fields, and writes nothing", async () => {
    expect((await year(as.other)).status).toBe(403);
    const refused = await change(
      { action: 'city.save', city: { cityId: 'intruder', name: 'X', country: 'Y' } },
      as.other,
    );
    expect(refused.status).toBe(403);
    expect((await year(as.hub, `/api/hubs/no-such-hub-${suffix}/years/${YEAR}`)).status).toBe(404);
    expect((await year(as.participant)).status).toBe(403);
    expect((await year(as.hub, `/api/hubs/${hubId}/years/1999`)).status).toBe(404);
    const unknown = await change(
      { action: 'city.save', city: { cityId: 'x1', name: 'X', country: 'Y' }, admin: true },
      as.hub,
    );
    expect(unknown.status).toBe(400);
    expect(unknown.json<{ errors: Record<string, string> }>().errors.admin).toMatch(/Unknown field/);
    const cities = (await year(as.hub)).body?.records.cities.map((c: { cityId: string }) => c.cityId);
    expect(cities).toEqual(['alicante', 'valencia']);
  });

  it('drafts, refuses wrong stages and stale versions, goes through review and is published', async () => {
    expect((await change({ action: 'submit', version: 0 }, as.hub)).status).toBe(409);
    let reply = await change(
      { action: 'narrative.save', version: 0, lang: 'en', narrative: { summary: 'We assessed two cities.' } },
      as.hub,
    );
    expect(reply.status, reply.text).toBe(200);
    reply = await change(
      { action: 'narrative.save', version: 1, lang: 'ru', narrative: { summary: 'Мы оценили два города.' } },
      as.member,
    );
    expect(reply.json<{ languages: string[] }>().languages).toEqual(['en', 'ru']);
    const stale = await change({ action: 'submit', version: 1 }, as.hub);
    expect(stale.status).toBe(409);
    expect(stale.json()).toMatchObject({ code: 'stale-version' });
    expect((await change({ action: 'accept', version: 2 }, as.hub)).status).toBe(403);
    expect((await change({ action: 'accept', version: 2 }, as.secretariat)).status).toBe(409);
    expect((await change({ action: 'submit', version: 2 }, as.hub)).status).toBe(200);
    await waitForEmails('reviewer@itu.int', /./, 0);
    const frozen = await change({ action: 'city.save', city: { cityId: 'late', name: 'Late', country: 'ES' } }, as.hub);
    expect(frozen.status).toBe(409);
    expect(frozen.json()).toMatchObject({ code: 'records-frozen' });
    const returned = await change({ action: 'return', version: 3, comment: 'Add the Q4 activities.' }, as.secretariat);
    expect(returned.status, returned.text).toBe(200);
    const [notice] = await waitForEmails(contact, /returned with comments/);
    expect(notice?.body.text).toContain('Add the Q4 activities.');
    expect((await year(as.hub)).body?.open).toBe(true);
    await change(
      { action: 'activity.save', activity: { date: `${YEAR}-11-20`, kind: 'publication', title: 'City snapshot' } },
      as.hub,
    );
    expect((await change({ action: 'submit', version: 4 }, as.hub)).status).toBe(200);
    expect((await change({ action: 'accept', version: 5 }, as.secretariat)).status).toBe(200);
    expect((await postJson(`${base}/publish`, { version: 5 }, FROM, as.secretariat)).status).toBe(409);
    expect((await postJson(`${base}/publish`, { version: 6 }, FROM, as.hub)).status).toBe(403);
    const published = await postJson(`${base}/publish`, { version: 6 }, FROM, as.secretariat);
    expect(published.status, published.text).toBe(200);
    const report = published.json<{
      report: {
        status: string;
        documents: { lang: string; sha256: string }[];
        history: { action: string; by: string }[];
      };
    }>().report;
    expect(report.status).toBe('published');
    expect(report.documents.map((d) => d.lang)).toEqual(['en', 'ru']);
    expect(report.history.map((h) => h.action)).toEqual([
      'created',
      'saved',
      'submitted',
      'returned',
      'submitted',
      'accepted',
      'published',
    ]);
    expect(report.history[3]?.by).toBe('reviewer@itu.int');
    version = 7;

    // The public page lists it; the PDF is the one stored, its SHA-256 as recorded.
    const page = await request('GET', '/hubs/reports?lang=ru', { from: FROM });
    expect(page.status).toBe(200);
    expect(page.text).toContain('Integration Hub');
    expect(page.text).toContain(`/hubs/${hubId}/reports/${YEAR}/ru.pdf`);
    const file = await fetch(`${(await import('./support.ts')).url(`/hubs/${hubId}/reports/${YEAR}/en.pdf`)}`);
    const bytes = Buffer.from(await file.arrayBuffer());
    expect(file.status).toBe(200);
    expect(createHash('sha256').update(bytes).digest('hex')).toBe(report.documents[0]?.sha256);
    expect((await request('GET', `/hubs/${hubId}/reports/${YEAR}/ar.pdf`, { from: FROM })).status).toBe(404);

    // The partner, the hub and the secretariat are told, once.
    const [toPartner] = await waitForEmails(partner, /published/);
    expect(toPartner?.body.text).toContain(report.documents[0]?.sha256 ?? 'x');
    await waitForEmails(contact, /published/);
    expect((await emailsTo(partner)).filter((m) => /published/.test(m.subject))).toHaveLength(1);

    // lastReportYear is set: January's reminder passes this hub over, and reminds the other.
    const job = JOBS.find((j) => j.name === 'hub-report-due');
    if (!job) throw new Error('no hub-report-due job');
    await invokeJob(job, new Date(`${YEAR + 1}-01-15T08:00:00Z`));
    await queue.idle();
    await waitForEmails(otherContact, new RegExp(`annual report ${YEAR} due`));
    expect((await emailsTo(contact)).filter((m) => /due/.test(m.subject))).toHaveLength(0);
    expect((await getJson(`/api/hubs`, { headers: as.hub })).body?.hubs).toEqual([
      expect.objectContaining({ hubId, lastReportYear: YEAR }),
    ]);
  }, 120_000);

  it('keeps a published report as it is: a correction is a new edition', async () => {
    const frozen = await change(
      { action: 'narrative.save', version, lang: 'en', narrative: { summary: 'Changed' } },
      as.hub,
    );
    expect(frozen.status).toBe(409);
    const correction = await change({ action: 'correct', version, corrects: 'The Q3 participants.' }, as.hub);
    expect(correction.status, correction.text).toBe(200);
    const { body } = await year(as.hub);
    expect(body?.editions.map((e: { edition: number; status: string }) => [e.edition, e.status])).toEqual([
      [1, 'published'],
      [2, 'draft'],
    ]);
    expect(body?.open).toBe(true);
    expect((await request('GET', `/hubs/${hubId}/reports/${YEAR}/en.pdf?edition=1`, { from: FROM })).status).toBe(200);
  }, 60_000);

  it('previews the draft as PDF for the hub, not for another hub', async () => {
    const own = await request('GET', `${base}/report.pdf?lang=ru`, { from: FROM, headers: as.hub });
    expect(own.status).toBe(200);
    expect(own.headers['content-type']).toBe('application/pdf');
    expect((await request('GET', `${base}/report.pdf`, { from: FROM, headers: as.other })).status).toBe(403);
  }, 60_000);

  it.skipIf(!hasPoppler)(
    'gives the secretariat the portfolio as JSON, CSV and a summary PDF, and nobody else',
    async () => {
      const json = await getJson(`/api/hub-portfolio?years=${YEAR - 1},${YEAR}`, { headers: as.secretariat });
      const row = (
        (json.body?.hubs ?? []) as { hubId: string; years: { year: number; status: string; values: number }[] }[]
      ).find((h) => h.hubId === hubId);
      expect(row?.years.map((y) => [y.year, y.status, y.values])).toEqual([
        [YEAR - 1, 'missing', 20],
        [YEAR, 'published', 21],
      ]);
      const csv = await request('GET', `/api/hub-portfolio?format=csv&years=${YEAR}`, {
        from: FROM,
        headers: as.secretariat,
      });
      expect(csv.headers['content-type']).toMatch(/text\/csv/);
      expect(csv.text).toContain(`${hubId},Integration Hub,yes,2,${YEAR},published,2,21,`);
      expect((await request('GET', '/api/hub-portfolio', { from: FROM, headers: as.hub })).status).toBe(403);
      const summary = await fetch(url(`/api/hub-portfolio.pdf?year=${YEAR}`), { headers: as.secretariat });
      expect(summary.status).toBe(200);
      const text = normalise(popplerPages(Buffer.from(await summary.arrayBuffer())).join(' '));
      expect(text).toContain(`The hubs' annual reports for ${YEAR}`);
      expect(text).toContain('Integration Hub');
      expect(text).toContain('Economy: KPIs meeting their target, by hub');
      expect((await request('GET', '/api/hub-portfolio.pdf', { from: FROM, headers: as.hub })).status).toBe(403);
    },
  );
});

describe('KPI CSV import at scale', () => {
  it('stores 1,900 good rows of 2,000, reports the 100 bad ones by line, and a re-run changes nothing', async () => {
    const path = `/api/hubs/${otherHubId}/years/${YEAR}`;
    const cityIds = Array.from({ length: 22 }, (_, i) => `city-${i}`);
    for (const cityId of cityIds)
      await postJson(path, { action: 'city.save', city: { cityId, name: cityId, country: 'Spain' } }, FROM, as.other);
    const lines = ['city,code,value,unit,source,collected_on'];
    const bad = new Map<number, string>();
    for (let n = 0; n < 2000; n++) {
      const kpi = KPIS[n % KPIS.length];
      const city = cityIds[Math.floor(n / KPIS.length)];
      if (!kpi || !city) throw new Error('fixture');
      const line = n + 2;
      let code = kpi.code;
      let unit = kpi.unit.includes(',') ? `"${kpi.unit}"` : kpi.unit;
      let value = String((n % 97) + 0.5);
      if (n % 20 === 7) {
        const kind = bad.size % 3;
        if (kind === 0) code = `XX-${n}`;
        if (kind === 1) unit = 'furlongs';
        if (kind === 2) value = 'n/a';
        bad.set(line, ['Unknown KPI code', 'Wrong unit', 'not a number'][kind] ?? '');
      }
      lines.push(`${city},${code},${value},${unit},Open data,${YEAR}-03-31`);
    }
    const csv = lines.join('\r\n');
    const run = async () => {
      const reply = await postJson(path, { action: 'kpi.import', csv }, FROM, as.other);
      expect(reply.status, reply.text.slice(0, 300)).toBe(200);
      return reply.json<{
        rows: number;
        stored: number;
        rejected: number;
        errors: { line: number; reason: string }[];
      }>();
    };
    const first = await run();
    expect(first).toMatchObject({ rows: 2000, stored: 1900, rejected: 100 });
    for (const error of first.errors) expect(error.reason).toContain(bad.get(error.line));
    expect(first.errors.map((e) => e.line)).toEqual([...bad.keys()]);
    const again = await run();
    expect(again).toMatchObject({ stored: 1900, rejected: 100 });
    const stored = (await year(as.other, path)).body?.records.values;
    expect(stored).toHaveLength(1900);
  }, 180_000);
});

describe('the console hub pages', () => {
  const form = async (path: string, cookie: string, fields: Record<string, string>) =>
    request('POST', path, {
      from: FROM,
      body: new URLSearchParams(fields).toString(),
      headers: {
        cookie,
        origin: (await import('./support.ts')).platform.baseUrl,
        'content-type': 'application/x-www-form-urlencoded',
        accept: 'text/html',
      },
    });
  const thisYear = new Date().getUTCFullYear();

  it("shows the demo hub its seeded year, takes its forms, and refuses another hub's page", async () => {
    const { consoleSignIn } = await import('./support.ts');
    const { cookie } = await consoleSignIn('hub@demo.u4ssc.local', FROM);
    const list = await request('GET', '/console/hubs', { from: FROM, headers: { cookie, accept: 'text/html' } });
    expect(list.status).toBe(200);
    expect(list.text).toContain(`/console/hubs/demo-hub/years/${thisYear}`);
    const page = await request('GET', `/console/hubs/demo-hub/years/${thisYear}`, {
      from: FROM,
      headers: { cookie, accept: 'text/html' },
    });
    expect(page.status).toBe(200);
    expect(page.text).toContain('Demoville');
    expect(page.text).toContain('Submit to the secretariat');
    const saved = await form(`/console/hubs/demo-hub/years/${thisYear}`, cookie, {
      action: 'city.save',
      cityId: 'newtown',
      name: 'Newtown',
      country: 'Switzerland',
    });
    expect(saved.status).toBe(303);
    expect(String(saved.headers.location)).toContain('done=Saved');
    expect(page.text).toContain('name="value.EC-ICT-ICT-1C"');
    const table = await form(`/console/hubs/demo-hub/years/${thisYear}`, cookie, {
      action: 'kpi.table',
      cityId: 'demoville',
      'value.EC-ICT-ICT-1C': '97.5',
      'source.EC-ICT-ICT-1C': 'Household survey',
      'date.EC-ICT-ICT-1C': `${thisYear}-09-30`,
      'verified.EC-ICT-ICT-1C': '1',
    });
    expect(decodeURIComponent(String(table.headers.location))).toContain('Saved 1 KPI values');
    const values = (await getJson(`/api/hubs/demo-hub/years/${thisYear}`, { headers: as.secretariat })).body as {
      records: { values: { cityId: string; code: string; value: number; verification: string }[] };
    };
    expect(values.records.values.find((v) => v.cityId === 'demoville' && v.code === 'EC-ICT-ICT-1C')).toMatchObject({
      value: 97.5,
      verification: 'verified',
    });
    const notNumber = await form(`/console/hubs/demo-hub/years/${thisYear}`, cookie, {
      action: 'kpi.table',
      cityId: 'demoville',
      'value.EC-ICT-ICT-2C': 'lots',
      'source.EC-ICT-ICT-2C': 'x',
      'date.EC-ICT-ICT-2C': `${thisYear}-09-30`,
    });
    expect(decodeURIComponent(String(notNumber.headers.location))).toContain('values.0.value');
    const bad = await form(`/console/hubs/demo-hub/years/${thisYear}`, cookie, {
      action: 'kpi.import',
      csv: 'city,code\nx,y',
    });
    expect(String(bad.headers.location)).toContain('refused');
    const forged = await form(`/console/hubs/demo-hub/years/${thisYear}`, cookie, { action: 'city.save', admin: '1' });
    expect(String(forged.headers.location)).toContain('error=');
    const pdf = await request('GET', `/console/hubs/demo-hub/years/${thisYear}/report.pdf`, {
      from: FROM,
      headers: { cookie },
    });
    expect(pdf.status).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    const other = await request('GET', `/console/hubs/${hubId}/years/${YEAR}`, {
      from: FROM,
      headers: { cookie, accept: 'text/html' },
    });
    expect(other.status).toBe(403);
    const publish = await form(`/console/hubs/demo-hub/years/${thisYear}/publish`, cookie, { version: '1' });
    expect(publish.status).toBe(403);
  }, 60_000);

  it('lets the hub edit and delete a recorded activity, keeping its partners and links', async () => {
    const { consoleSignIn } = await import('./support.ts');
    const { cookie } = await consoleSignIn('hub@demo.u4ssc.local', FROM);
    const path = `/console/hubs/demo-hub/years/${thisYear}`;
    const activitiesNow = async () =>
      (
        (await getJson(`/api/hubs/demo-hub/years/${thisYear}`, { headers: as.secretariat })).body as {
          records: {
            activities: { activityId: string; title: string; kind: string; partners: string[]; links: string[] }[];
          };
        }
      ).records.activities;
    const added = await form(path, cookie, {
      action: 'activity.save',
      date: `${thisYear}-01-05`,
      kind: 'event',
      title: 'Console activity',
      partners: 'UNECE\nITU',
      links: 'https://example.org/a',
    });
    expect(String(added.headers.location)).toContain('done=Saved');
    const mine = (await activitiesNow()).find((a) => a.title === 'Console activity');
    expect(mine).toMatchObject({ partners: ['UNECE', 'ITU'], links: ['https://example.org/a'] });
    const page = await request('GET', path, { from: FROM, headers: { cookie, accept: 'text/html' } });
    expect(page.text).toContain(`name="activityId" value="${mine?.activityId}"`);
    expect(page.text).toContain('<option value="event" selected>');

    const edited = await form(path, cookie, {
      action: 'activity.save',
      activityId: mine?.activityId ?? '',
      date: `${thisYear}-01-06`,
      kind: 'training',
      title: 'Console activity, edited',
      partners: 'UNECE\nITU',
      links: 'https://example.org/a',
    });
    expect(String(edited.headers.location)).toContain('done=Saved');
    const after = (await activitiesNow()).filter((a) => a.activityId === mine?.activityId);
    expect(after).toEqual([
      expect.objectContaining({ title: 'Console activity, edited', kind: 'training', partners: ['UNECE', 'ITU'] }),
    ]);

    const deleted = await form(path, cookie, { action: 'activity.delete', activityId: mine?.activityId ?? '' });
    expect(String(deleted.headers.location)).toContain('done=');
    expect((await activitiesNow()).some((a) => a.activityId === mine?.activityId)).toBe(false);
    const again = await form(path, cookie, { action: 'activity.delete', activityId: mine?.activityId ?? '' });
    expect(decodeURIComponent(String(again.headers.location))).toContain('There is no activity');
    const badId = await form(path, cookie, { action: 'activity.delete', activityId: 'nope' });
    expect(decodeURIComponent(String(badId.headers.location))).toContain('error=');
  }, 60_000);

  it('takes the report words in another language, at the report version', async () => {
    const { consoleSignIn } = await import('./support.ts');
    const { cookie } = await consoleSignIn('hub@demo.u4ssc.local', FROM);
    const path = `/console/hubs/demo-hub/years/${thisYear}`;
    const reportNow = async () =>
      (
        (await getJson(`/api/hubs/demo-hub/years/${thisYear}`, { headers: as.secretariat })).body as {
          report: { version: number; narratives: Record<string, { summary: string }> };
        }
      ).report;
    const before = await reportNow();
    const page = await request('GET', path, { from: FROM, headers: { cookie, accept: 'text/html' } });
    expect(page.text).toContain('<input type="hidden" name="lang" value="fr">');
    expect(page.text).toContain('dir="rtl"');
    const saved = await form(path, cookie, {
      action: 'narrative.save',
      version: String(before.version),
      lang: 'fr',
      summary: 'Le centre a évalué deux villes.',
    });
    expect(String(saved.headers.location)).toContain('done=Saved');
    const after = await reportNow();
    expect(after.narratives.fr?.summary).toBe('Le centre a évalué deux villes.');
    expect(after.narratives.en).toEqual(before.narratives.en);
    const stale = await form(path, cookie, {
      action: 'narrative.save',
      version: String(before.version),
      lang: 'es',
      summary: 'Tarde.',
    });
    expect(String(stale.headers.location)).toContain('error=');
    expect((await reportNow()).narratives.es).toBeUndefined();
    const badLang = await form(path, cookie, {
      action: 'narrative.save',
      version: String(after.version),
      lang: 'de',
      summary: 'Nein.',
    });
    expect(decodeURIComponent(String(badLang.headers.location))).toContain('lang');
  }, 60_000);

  it('takes the finances and the plan, at the year record version', async () => {
    const { consoleSignIn } = await import('./support.ts');
    const { cookie } = await consoleSignIn('hub@demo.u4ssc.local', FROM);
    const path = `/console/hubs/demo-hub/years/${thisYear}`;
    const recordsNow = async () =>
      (
        (await getJson(`/api/hubs/demo-hub/years/${thisYear}`, { headers: as.secretariat })).body as {
          records: {
            version: number;
            finances?: { currency: string; income: { source: string; amount: number }[] };
            plan?: { objectives: string[]; activities: { quarter: string; title: string }[]; budget?: number };
          };
        }
      ).records;
    const before = await recordsNow();
    const page = await request('GET', path, { from: FROM, headers: { cookie, accept: 'text/html' } });
    expect(page.text).toContain('value="finances.save"');
    const finances = await form(path, cookie, {
      action: 'finances.save',
      version: String(before.version),
      currency: 'chf',
      income: 'City council | 1200.5\nCanton | 300',
      expenditure: 'Staff | 900',
      notes: '',
    });
    expect(String(finances.headers.location), decodeURIComponent(String(finances.headers.location))).toContain(
      'done=Saved',
    );
    let now = await recordsNow();
    expect(now.version).toBe(before.version + 1);
    expect(now.finances).toMatchObject({
      currency: 'CHF',
      income: [
        { source: 'City council', amount: 1200.5 },
        { source: 'Canton', amount: 300 },
      ],
    });
    const stale = await form(path, cookie, {
      action: 'plan.save',
      version: String(before.version),
      objectives: 'Too late',
    });
    expect(String(stale.headers.location)).toContain('error=');
    const plan = await form(path, cookie, {
      action: 'plan.save',
      version: String(now.version),
      objectives: 'Verify the core KPIs\nTrain two more cities',
      planActivities: 'Q2 | Forum\nQ4 | Report',
      budget: '5000',
    });
    expect(decodeURIComponent(String(plan.headers.location))).toContain('done=Saved');
    now = await recordsNow();
    expect(now.plan).toEqual({
      objectives: ['Verify the core KPIs', 'Train two more cities'],
      activities: [
        { quarter: 'Q2', title: 'Forum' },
        { quarter: 'Q4', title: 'Report' },
      ],
      budget: 5000,
    });
    const bad = await form(path, cookie, {
      action: 'finances.save',
      version: String(now.version),
      currency: 'EUR',
      income: 'City council | lots',
    });
    expect(decodeURIComponent(String(bad.headers.location))).toContain('finances.income.0.amount');
  }, 60_000);

  it('shows the secretariat the portfolio and its CSV', async () => {
    const { consoleSignIn } = await import('./support.ts');
    const { cookie } = await consoleSignIn('secretariat@demo.u4ssc.local', FROM);
    const page = await request('GET', '/console/hubs', { from: FROM, headers: { cookie, accept: 'text/html' } });
    expect(page.status).toBe(200);
    expect(page.text).toContain('U4SSC Hub Demoville');
    const csv = await request('GET', '/console/hubs?format=csv', { from: FROM, headers: { cookie } });
    expect(csv.text).toContain('demo-hub,U4SSC Hub Demoville');
  }, 60_000);
});
