import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import './support.ts';
import { consoleSignIn, emailsTo, issuer, platform, request, url, waitForEmails } from './support.ts';

/**
 * The structure the governance processes live in, through HTTP on the local engines: thematic
 * groups and deliverables (ToR §19–21), contributions with their emails (§22a), minutes of
 * e-meetings in the documents bucket (§20e), offices with their history and the IP lead's
 * e-meetings (§15, §28, Annex I §3, §5).
 */
const { startLocalMailQueue } = await import('../../infra/local/mail-queue.ts');
const { store } = await import('../../functions/adapters/dynamodb/store.ts');
const { s3DocumentStore } = await import('../../functions/adapters/s3.ts');

const FROM = '127.0.0.95';
const run = Date.now().toString(36);
let queue: Awaited<ReturnType<typeof startLocalMailQueue>>;
const tokens = new Map<string, string>();

async function as(email: string, ...roles: string[]) {
  const id = `${email}|${roles.join(',')}`;
  let token = tokens.get(id);
  if (!token) {
    token = await (await issuer()).sign({ email, roles: roles as never });
    tokens.set(id, token);
  }
  return { authorization: `Bearer ${token}` };
}

const secretariat = () => as('secretariat@demo.u4ssc.local', 'secretariat');
const leader = () => as('leader@demo.u4ssc.local', 'leader');
const otherLeader = () => as('other.leader@example.org', 'leader');

async function call(method: string, path: string, headers: Record<string, string>, body?: unknown) {
  return request(method, path, {
    from: FROM,
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    headers: { ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
  });
}
const act = async (headers: Record<string, string>, body: unknown) =>
  call('POST', '/api/governance/structure', headers, body);

type Structure = {
  groups: {
    groupId: string;
    leaders: { email: string }[];
    deliverables: {
      deliverableId: string;
      contributors: number;
      contributing: boolean;
      contributorList?: { email: string }[];
      minutes: { minutesId: string; filename: string; size: number; contentType: string; key?: string }[];
      callsForNominations: { callId: string; open: boolean }[];
    }[];
  }[];
  offices: { role: string; current: { officeId: string }[]; history: { officeId: string; holderEmail: string }[] }[];
  ipLeadMeetings: { quarter: string; heldOn: string }[];
};
const structure = async (headers: Record<string, string>) => {
  const reply = await call('GET', '/api/governance/structure', headers);
  expect(reply.status, reply.text).toBe(200);
  return reply.json<Structure>();
};
const deliverableIn = (s: Structure, id: string) =>
  s.groups.flatMap((g) => g.deliverables).find((d) => d.deliverableId === id);

const PDF = Buffer.from('%PDF-1.7\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n');
const DOCX = Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.from('word/document.xml')]);
const DOCX_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

beforeAll(async () => {
  queue = await startLocalMailQueue({ onError: (error) => console.error(error) });
});
afterAll(() => queue.stop());

describe('thematic groups and deliverables (ToR §19–21)', () => {
  it('shows the seeded groups, each with a deliverable and its leaders', async () => {
    const s = await structure(await as('participant@demo.u4ssc.local', 'participant'));
    const ids = s.groups.map((g) => g.groupId);
    expect(ids).toEqual(expect.arrayContaining(['city-kpis', 'digital-twins']));
    const kpis = s.groups.find((g) => g.groupId === 'city-kpis');
    expect(kpis?.leaders.map((l) => l.email)).toContain('leader@demo.u4ssc.local');
    expect(kpis?.deliverables.map((d) => d.deliverableId)).toContain('kpi-guide');
    // A participant sees how many contribute, not who.
    expect(kpis?.deliverables[0]?.contributorList).toBeUndefined();
  });

  it('lets the secretariat create a group; others are refused and nothing is written', async () => {
    const groupId = `grp-${run}`;
    for (const headers of [await leader(), await as('board@demo.u4ssc.local', 'board')]) {
      const refused = await act(headers, { action: 'group', groupId, name: 'Refused group' });
      expect(refused.status).toBe(403);
    }
    const unknown = await act(await secretariat(), { action: 'group', groupId, name: 'G', colour: 'red' });
    expect(unknown.status).toBe(400);
    expect(unknown.json<{ errors: Record<string, string> }>().errors).toHaveProperty('colour');
    const badId = await act(await secretariat(), { action: 'group', groupId: 'Not A Slug', name: 'G' });
    expect(badId.status).toBe(400);
    expect(badId.json<{ errors: Record<string, string> }>().errors).toHaveProperty('groupId');
    expect((await structure(await secretariat())).groups.some((g) => g.groupId === groupId)).toBe(false);
    const created = await act(await secretariat(), { action: 'group', groupId, name: 'Group of the test' });
    expect(created.status, created.text).toBe(201);
    const again = await act(await secretariat(), { action: 'group', groupId, name: 'Again' });
    expect(again.status).toBe(409);
    const unknownAction = await act(await secretariat(), { action: 'dissolve', groupId });
    expect(unknownAction.status).toBe(400);
    expect(unknownAction.json<{ errors: Record<string, string> }>().errors).toHaveProperty('action');
  });

  it("adds deliverables by the secretariat or the group's own leader, with a timeline", async () => {
    const base = { action: 'deliverable', groupId: 'city-kpis', title: 'KPI data dictionary', startsOn: '2027-01-01' };
    const wrongLeader = await act(await otherLeader(), { ...base, deliverableId: `dict-${run}`, dueOn: '2027-12-31' });
    expect(wrongLeader.status).toBe(403);
    const participant = await act(await as('participant@demo.u4ssc.local', 'participant'), {
      ...base,
      deliverableId: `dict-${run}`,
      dueOn: '2027-12-31',
    });
    expect(participant.status).toBe(403);
    const backwards = await act(await leader(), { ...base, deliverableId: `dict-${run}`, dueOn: '2026-12-31' });
    expect(backwards.status).toBe(400);
    expect(backwards.json<{ errors: Record<string, string> }>().errors).toHaveProperty('dueOn');
    const noGroup = await act(await secretariat(), {
      ...base,
      groupId: `nowhere-${run}`,
      deliverableId: `dict-${run}`,
      dueOn: '2027-12-31',
    });
    expect(noGroup.status).toBe(400);
    const made = await act(await leader(), { ...base, deliverableId: `dict-${run}`, dueOn: '2027-12-31' });
    expect(made.status, made.text).toBe(201);
    const twice = await act(await secretariat(), { ...base, deliverableId: `dict-${run}`, dueOn: '2027-12-31' });
    expect(twice.status).toBe(409);
    const listed = deliverableIn(await structure(await leader()), `dict-${run}`);
    expect(listed).toMatchObject({ contributors: 0, minutes: [] });
  });
});

describe('contributions (ToR §22a)', () => {
  it('records a choice once and tells the secretariat and the leader once', async () => {
    const deliverableId = `contrib-${run}`;
    const made = await act(await secretariat(), {
      action: 'deliverable',
      deliverableId,
      groupId: 'city-kpis',
      title: `Contributions ${run}`,
      startsOn: '2027-01-01',
      dueOn: '2027-06-30',
    });
    expect(made.status, made.text).toBe(201);
    const who = `contributor.${run}@example.org`;
    const headers = await as(who, 'participant');
    // Several at once: one is recorded, the others are told they contribute already.
    const replies = await Promise.all(
      Array.from({ length: 4 }, () => act(headers, { action: 'contribute', deliverableId, name: 'A Contributor' })),
    );
    expect(replies.map((r) => r.status).sort()).toEqual([201, 409, 409, 409]);
    const missing = await act(headers, { action: 'contribute', deliverableId: `nothing-${run}` });
    expect(missing.status).toBe(404);
    await queue.idle();
    const subject = new RegExp(`Contributions ${run}`);
    const [toSecretariat] = await waitForEmails('u4ssc@itu.int', subject);
    await waitForEmails('leader@demo.u4ssc.local', subject);
    // The email links to a page, not to the JSON API.
    expect(toSecretariat?.body.text).toContain('/console/governance/structure');
    expect(toSecretariat?.body.text).not.toContain('/api/');
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect((await emailsTo('u4ssc@itu.int')).filter((e) => subject.test(e.subject))).toHaveLength(1);
    expect((await emailsTo('leader@demo.u4ssc.local')).filter((e) => subject.test(e.subject))).toHaveLength(1);

    const mine = deliverableIn(await structure(headers), deliverableId);
    expect(mine).toMatchObject({ contributors: 1, contributing: true });
    expect(mine?.contributorList).toBeUndefined();
    const leaders = deliverableIn(await structure(await leader()), deliverableId);
    expect(leaders?.contributorList?.map((c) => c.email)).toEqual([who]);
    expect(deliverableIn(await structure(await otherLeader()), deliverableId)?.contributorList).toBeUndefined();
  });
});

describe('minutes of e-meetings (ToR §20e)', () => {
  const upload = async (headers: Record<string, string>, deliverableId: string, body: unknown) =>
    call('POST', `/api/governance/deliverables/${deliverableId}/minutes`, headers, body);
  const minutes = (file: Buffer, contentType = 'application/pdf', extra: Record<string, unknown> = {}) => ({
    meetingOn: '2026-11-20',
    filename: 'minutes.pdf',
    contentType,
    content: file.toString('base64'),
    ...extra,
  });

  it("takes a PDF or a DOCX from the group's leader into the documents bucket, listed per deliverable", async () => {
    const pdf = await upload(await leader(), 'kpi-guide', minutes(PDF));
    expect(pdf.status, pdf.text).toBe(201);
    const docx = await upload(
      await secretariat(),
      'kpi-guide',
      minutes(DOCX, DOCX_TYPE, { filename: 'minutes.docx', meetingOn: '2026-10-20' }),
    );
    expect(docx.status, docx.text).toBe(201);
    const listed = deliverableIn(await structure(await as('participant@demo.u4ssc.local', 'participant')), 'kpi-guide');
    const ids = [pdf.json<{ minutesId: string }>().minutesId, docx.json<{ minutesId: string }>().minutesId];
    expect(listed?.minutes.map((m) => m.minutesId)).toEqual(expect.arrayContaining(ids));
    expect(listed?.minutes.find((m) => m.minutesId === ids[0])).toMatchObject({
      size: PDF.length,
      contentType: 'application/pdf',
    });
    expect(listed?.minutes.every((m) => m.key === undefined)).toBe(true);
    const { data } = await store()
      .entities.minutes.get({ deliverableId: 'kpi-guide', minutesId: ids[0] as string })
      .go();
    expect(data?.key).toMatch(/^governance\/minutes\/kpi-guide\/.+\.pdf$/);
    expect((await s3DocumentStore().get(data?.key as string))?.equals(PDF)).toBe(true);
  });

  it('is downloaded byte for byte by anyone who may list it (anyone signed in), through the API', async () => {
    const uploaded = await upload(
      await leader(),
      'kpi-guide',
      minutes(PDF, 'application/pdf', { filename: 'minutes 20 Nov.pdf' }),
    );
    expect(uploaded.status, uploaded.text).toBe(201);
    const { minutesId, sha256 } = uploaded.json<{ minutesId: string; sha256: string }>();
    const path = `/api/governance/deliverables/kpi-guide/minutes/${minutesId}`;
    for (const headers of [
      await as('participant@demo.u4ssc.local', 'participant'),
      await as('focal.undp@demo.u4ssc.local', 'partner'),
      await as('hub@demo.u4ssc.local', 'hub'),
      await otherLeader(),
      await secretariat(),
    ]) {
      const reply = await fetch(url(path), { headers });
      expect(reply.status).toBe(200);
      expect(reply.headers.get('content-type')).toBe('application/pdf');
      expect(reply.headers.get('content-disposition')).toContain("filename*=UTF-8''minutes%2020%20Nov.pdf");
      expect(reply.headers.get('etag')).toBe(`"${sha256}"`);
      expect(Buffer.from(await reply.arrayBuffer()).equals(PDF)).toBe(true);
    }
    expect((await fetch(url(path))).status).toBe(401);
    const reader = await secretariat();
    // Another deliverable's path, an id never given, an id that cannot be one: 404.
    expect(
      (
        await fetch(url(`/api/governance/deliverables/digital-twin-framework/minutes/${minutesId}`), {
          headers: reader,
        })
      ).status,
    ).toBe(404);
    expect(
      (await fetch(url('/api/governance/deliverables/kpi-guide/minutes/2026-01-01-00000000'), { headers: reader }))
        .status,
    ).toBe(404);
    expect(
      (await fetch(url('/api/governance/deliverables/kpi-guide/minutes/..%2Fsecret'), { headers: reader })).status,
    ).toBe(404);
  });

  it('refuses other leaders, other roles, a wrong type, a file not of its type, too large, unknown fields', async () => {
    const count = async () =>
      deliverableIn(await structure(await secretariat()), 'digital-twin-framework')?.minutes.length;
    const before = await count();
    expect((await upload(await leader(), 'digital-twin-framework', minutes(PDF))).status).toBe(403);
    expect(
      (await upload(await as('focal.undp@demo.u4ssc.local', 'partner'), 'digital-twin-framework', minutes(PDF))).status,
    ).toBe(403);
    expect((await upload(await secretariat(), `nothing-${run}`, minutes(PDF))).status).toBe(404);
    const wrongType = await upload(await secretariat(), 'digital-twin-framework', minutes(PDF, 'text/html'));
    expect(wrongType.status).toBe(400);
    expect(wrongType.json<{ errors: Record<string, string> }>().errors).toHaveProperty('contentType');
    const disguised = await upload(await secretariat(), 'digital-twin-framework', minutes(Buffer.from('<html>')));
    expect(disguised.status).toBe(400);
    expect(disguised.json<{ errors: Record<string, string> }>().errors).toHaveProperty('content');
    const large = Buffer.concat([PDF, Buffer.alloc(4 * 1024 * 1024)]);
    expect((await upload(await secretariat(), 'digital-twin-framework', minutes(large))).status).toBe(400);
    const pathName = await upload(
      await secretariat(),
      'digital-twin-framework',
      minutes(PDF, 'application/pdf', { filename: '../etc/passwd' }),
    );
    expect(pathName.status).toBe(400);
    const unknown = await upload(
      await secretariat(),
      'digital-twin-framework',
      minutes(PDF, 'application/pdf', { public: true }),
    );
    expect(unknown.status).toBe(400);
    expect(unknown.json<{ errors: Record<string, string> }>().errors).toHaveProperty('public');
    expect(await count()).toBe(before);
  });
});

describe('calls for nominations (ToR §20c)', () => {
  const nominate = async (headers: Record<string, string>, callId: string, extra: Record<string, unknown> = {}) =>
    call('POST', '/api/governance/requests', headers, {
      kind: 'expert-nomination',
      fields: {
        callId,
        nomineeName: 'Nominated Expert',
        nomineeEmail: 'nominee@example.org',
        expertise: 'City data',
        ...extra,
      },
    });

  it('shows the seeded open call; anyone signed in nominates against it, for its group and deliverable', async () => {
    const listed = deliverableIn(await structure(await as('participant@demo.u4ssc.local', 'participant')), 'kpi-guide');
    expect(listed?.callsForNominations).toContainEqual(
      expect.objectContaining({ callId: 'demo-call-kpi-guide', open: true }),
    );
    const reply = await nominate(await as(`nominator.${run}@example.org`, 'participant'), 'demo-call-kpi-guide');
    expect(reply.status, reply.text).toBe(201);
    const request = reply.json<{ groupId: string; state: string; fields: Record<string, string> }>();
    expect(request).toMatchObject({ groupId: 'city-kpis', state: 'secretariat-review' });
    expect(request.fields).toMatchObject({ deliverableId: 'kpi-guide', callId: 'demo-call-kpi-guide' });
    // The group's leader sees it; the secretariat and the Board approve it as any nomination.
    const seen = await call(
      'GET',
      `/api/governance/requests/${(request as unknown as { requestId: string }).requestId}`,
      await leader(),
    );
    expect(seen.status).toBe(200);
  });

  it("is opened by the group's leader or the secretariat, with a deadline to come", async () => {
    const body = {
      action: 'call',
      callId: `call-${run}`,
      deliverableId: 'kpi-guide',
      closesAt: '2999-01-01T00:00:00Z',
    };
    expect((await act(await otherLeader(), body)).status).toBe(403);
    expect((await act(await as('participant@demo.u4ssc.local', 'participant'), body)).status).toBe(403);
    const past = await act(await leader(), { ...body, closesAt: '2020-01-01T00:00:00Z' });
    expect(past.status).toBe(400);
    expect(past.json<{ errors: Record<string, string> }>().errors).toHaveProperty('closesAt');
    expect((await act(await leader(), { ...body, deliverableId: `nothing-${run}` })).status).toBe(404);
    const opened = await act(await leader(), body);
    expect(opened.status, opened.text).toBe(201);
    expect((await act(await secretariat(), body)).status).toBe(409);
  });

  it('refuses a nomination after the deadline, or naming no call and no group', async () => {
    const closesAt = new Date(Date.now() + 1500).toISOString();
    const opened = await act(await secretariat(), {
      action: 'call',
      callId: `closing-${run}`,
      deliverableId: 'digital-twin-framework',
      closesAt,
    });
    expect(opened.status, opened.text).toBe(201);
    await new Promise((resolve) => setTimeout(resolve, Date.parse(closesAt) - Date.now() + 50));
    const late = await nominate(await as('participant@demo.u4ssc.local', 'participant'), `closing-${run}`);
    expect(late.status).toBe(409);
    expect(late.text).toMatch(/closed/);
    const unknown = await nominate(await as('participant@demo.u4ssc.local', 'participant'), `nothing-${run}`);
    expect(unknown.status).toBe(400);
    const direct = await call(
      'POST',
      '/api/governance/requests',
      await as('participant@demo.u4ssc.local', 'participant'),
      {
        kind: 'expert-nomination',
        fields: { nomineeName: 'X', nomineeEmail: 'x@example.org', expertise: 'Y' },
      },
    );
    expect(direct.status).toBe(400);
    expect(direct.json<{ errors: Record<string, string> }>().errors).toHaveProperty('fields.groupId');
    // Without a call, a participant may not nominate directly (a leader of the group may).
    const notLeader = await call(
      'POST',
      '/api/governance/requests',
      await as('participant@demo.u4ssc.local', 'participant'),
      {
        kind: 'expert-nomination',
        fields: {
          groupId: 'city-kpis',
          deliverable: 'd',
          nomineeName: 'X',
          nomineeEmail: 'x@example.org',
          expertise: 'Y',
        },
      },
    );
    expect(notLeader.status).toBe(403);
  });
});

describe('offices and terms (ToR §15, §28, Annex I §3)', () => {
  it('records appointments by the secretariat, with their history; others are refused', async () => {
    const appointment = {
      action: 'office',
      officeId: `vice-chair-${run}`,
      role: 'vice-chair',
      title: 'Vice-Chair of U4SSC',
      holderName: 'A Vice-Chair',
      holderEmail: `Vice.Chair.${run}@example.org`,
      termStart: '2026-01-01',
      termEnd: '2027-12-31',
    };
    expect((await act(await as('board@demo.u4ssc.local', 'board'), appointment)).status).toBe(403);
    expect((await act(await leader(), appointment)).status).toBe(403);
    const leaderWithoutGroup = await act(await secretariat(), { ...appointment, role: 'leader' });
    expect(leaderWithoutGroup.status).toBe(400);
    expect(leaderWithoutGroup.json<{ errors: Record<string, string> }>().errors).toHaveProperty('groupId');
    const backwards = await act(await secretariat(), { ...appointment, termEnd: '2025-12-31' });
    expect(backwards.status).toBe(400);
    const made = await act(await secretariat(), appointment);
    expect(made.status, made.text).toBe(201);
    expect(made.json<{ holderEmail: string }>().holderEmail).toBe(`vice.chair.${run}@example.org`);
    expect((await act(await secretariat(), appointment)).status).toBe(409);
    const previous = await act(await secretariat(), {
      ...appointment,
      officeId: `vice-chair-old-${run}`,
      termStart: '2022-01-01',
      termEnd: '2023-12-31',
    });
    expect(previous.status).toBe(201);
    const offices = (await structure(await as('participant@demo.u4ssc.local', 'participant'))).offices;
    const viceChairs = offices.find((o) => o.role === 'vice-chair');
    expect(viceChairs?.current.map((o) => o.officeId)).toContain(`vice-chair-${run}`);
    expect(viceChairs?.current.map((o) => o.officeId)).not.toContain(`vice-chair-old-${run}`);
    const history = viceChairs?.history.map((o) => o.officeId) ?? [];
    expect(history.indexOf(`vice-chair-${run}`)).toBeLessThan(history.indexOf(`vice-chair-old-${run}`));
    expect(offices.find((o) => o.role === 'chair')?.current.length).toBeGreaterThan(0);
  });

  it('binds a newly appointed leader to the group', async () => {
    const email = `new.leader.${run}@example.org`;
    const headers = await as(email, 'leader');
    const body = {
      action: 'deliverable',
      deliverableId: `twin-${run}`,
      groupId: 'digital-twins',
      title: 'Twin data model',
      startsOn: '2027-01-01',
      dueOn: '2027-06-30',
    };
    expect((await act(headers, body)).status).toBe(403);
    const today = new Date().toISOString().slice(0, 10);
    const appointed = await act(await secretariat(), {
      action: 'office',
      role: 'leader',
      groupId: 'digital-twins',
      title: 'Leader, thematic group on digital twins',
      holderName: 'New Leader',
      holderEmail: email,
      termStart: today,
      termEnd: `${Number(today.slice(0, 4)) + 2}-01-01`,
    });
    expect(appointed.status, appointed.text).toBe(201);
    expect((await act(headers, body)).status).toBe(201);
  });

  it("records the IP lead's quarterly e-meetings, by the secretariat only", async () => {
    const meeting = { action: 'ip-lead-meeting', quarter: '2031-Q2', heldOn: '2031-05-14' };
    expect((await act(await leader(), meeting)).status).toBe(403);
    const wrongQuarter = await act(await secretariat(), { ...meeting, heldOn: '2031-08-14' });
    expect(wrongQuarter.status).toBe(400);
    expect(wrongQuarter.json<{ errors: Record<string, string> }>().errors).toHaveProperty('heldOn');
    expect((await act(await secretariat(), meeting)).status).toBe(200);
    const { ipLeadMeetings } = await structure(await secretariat());
    expect(ipLeadMeetings).toContainEqual({ quarter: '2031-Q2', heldOn: '2031-05-14' });
  });
});

describe('the work plan (ToR §10)', () => {
  const year = 2040 + (Date.now() % 50);
  const input = (headers: Record<string, string>, body: Record<string, unknown>) =>
    act(headers, { action: 'work-plan-input', year, ...body });

  it('collects inputs from partners, leaders and the IP lead; the secretariat sees the compiled draft', async () => {
    const undp = await as('focal.undp@demo.u4ssc.local', 'partner');
    expect((await input(undp, { text: 'UNDP: a first version.' })).status).toBe(200);
    expect((await input(undp, { text: 'UNDP will support two hubs.' })).status).toBe(200);
    expect((await input(await leader(), { from: 'group:city-kpis', text: 'City KPIs: the data guide.' })).status).toBe(
      200,
    );
    // leader@demo holds the IP lead's office too: it says which input it sends.
    const ambiguous = await input(await leader(), { text: 'Which one?' });
    expect(ambiguous.status).toBe(403);
    expect(ambiguous.text).toMatch(/group:city-kpis, ip-lead/);
    expect((await input(await leader(), { from: 'ip-lead', text: 'IP: four quarterly e-meetings.' })).status).toBe(200);
    // Refused: for another partner, from a partner bound to none, a participant, the Board; unknown fields.
    expect((await input(undp, { from: 'partner:fao', text: 'x' })).status).toBe(403);
    expect((await input(await as('partner@example.org', 'partner'), { text: 'x' })).status).toBe(403);
    expect((await input(await as('participant@demo.u4ssc.local', 'participant'), { text: 'x' })).status).toBe(403);
    expect((await input(await as('board@demo.u4ssc.local', 'board'), { text: 'x' })).status).toBe(403);
    const unknown = await input(undp, { text: 'x', priority: 1 });
    expect(unknown.status).toBe(400);
    expect(unknown.json<{ errors: Record<string, string> }>().errors).toHaveProperty('priority');

    type Plan = { workPlan: { year: number; inputs: { from: string; text: string }[]; draft?: string }[] };
    const seen = (await call('GET', '/api/governance/structure', await secretariat())).json<Plan>();
    const plan = seen.workPlan.find((p) => p.year === year);
    expect(plan?.inputs.map((i) => i.from).sort()).toEqual(['group:city-kpis', 'ip-lead', 'partner:undp']);
    expect(plan?.draft).toMatch(/UNDP will support two hubs[\s\S]*City KPIs: the data guide[\s\S]*IP: four/);
    expect(plan?.draft).not.toMatch(/a first version/);
    const own = (await call('GET', '/api/governance/structure', undp))
      .json<Plan>()
      .workPlan.find((p) => p.year === year);
    expect(own?.inputs.map((i) => i.from)).toEqual(['partner:undp']);
    expect(own?.draft).toBeUndefined();
  });

  it('gives the approved work plan as a PDF in the six languages, and none before approval', async () => {
    const opened = await call('POST', '/api/governance/requests', await secretariat(), {
      kind: 'work-plan',
      fields: { year, draft: `U4SSC work plan ${year}\n\nFirst activity.\n\nSecond activity.` },
    });
    expect(opened.status, opened.text).toBe(201);
    const { requestId } = opened.json<{ requestId: string }>();
    const sec = await secretariat();
    const pdf = (lang: string) => call('GET', `/api/governance/requests/${requestId}/decision/${lang}.pdf`, sec);
    expect((await pdf('en')).status).toBe(404);
    const step = async (headers: Record<string, string>, action: string, version: number) => {
      const reply = await call('POST', `/api/governance/requests/${requestId}/transitions`, headers, {
        action,
        version,
      });
      expect(reply.status, reply.text).toBe(200);
    };
    await step(await as('board@demo.u4ssc.local', 'board'), 'approve', 1);
    await step(sec, 'approve', 2);
    for (const lang of ['en', 'ru', 'fr', 'ar']) {
      const reply = await pdf(lang);
      expect(reply.status, reply.text).toBe(200);
      expect(reply.headers['content-type']).toMatch(/pdf/);
      expect(reply.text.startsWith('%PDF-')).toBe(true);
    }
    expect((await pdf('de')).status).toBe(404);
  });
});

describe('the console page of the structure', () => {
  const form = (cookie: string, fields: Record<string, string>) =>
    request('POST', '/console/governance/structure', {
      from: FROM,
      body: new URLSearchParams(fields).toString(),
      headers: { cookie, origin: platform.baseUrl, 'content-type': 'application/x-www-form-urlencoded' },
    });
  const page = (cookie: string, query = '') =>
    request('GET', `/console/governance/structure${query}`, { from: FROM, headers: { cookie } });
  /** The text of the field's error beside it, if any. */
  const fieldError = (html: string, id: string) =>
    new RegExp(`<p class="error" id="${id}-error">([^<]*)</p>`).exec(html)?.[1]?.replace(/&#x27;/g, "'");
  const inputValue = (html: string, id: string) =>
    new RegExp(`id="${id}" name="[^"]+" value="([^"]*)"`).exec(html)?.[1];
  const plain = (html: string) =>
    html
      .replace(/&#x27;/g, "'")
      .replace(/&quot;/g, '"')
      .replace(/&amp;/g, '&');
  const sessions = new Map<string, string>();
  const signIn = async (email: string) => {
    let cookie = sessions.get(email);
    if (!cookie) {
      cookie = (await consoleSignIn(email, FROM)).cookie;
      sessions.set(email, cookie);
    }
    return cookie;
  };

  it("records the IP lead's e-meeting and an appointment from the secretariat's console; refuses others", async () => {
    const cookie = await signIn('secretariat@demo.u4ssc.local');
    const shown = await page(cookie);
    expect(shown.status).toBe(200);
    expect(shown.text).toContain('Guide on collecting and verifying city KPI data');
    expect(shown.text).toContain('Record an e-meeting of the IP lead');
    const recorded = await form(cookie, { action: 'ip-lead-meeting', quarter: '2032-Q3', heldOn: '2032-08-01' });
    expect(recorded.status).toBe(303);
    expect(String(recorded.headers.location)).toMatch(/done=/);
    const appointed = await form(cookie, {
      action: 'office',
      role: 'chair',
      title: 'Chair of U4SSC',
      holderName: 'Console Chair',
      holderEmail: `console.chair.${run}@example.org`,
      termStart: '2033-01-01',
      termEnd: '2034-12-31',
      groupId: '',
    });
    expect(appointed.status).toBe(303);
    const after = await request('GET', String(appointed.headers.location), { from: FROM, headers: { cookie } });
    expect(after.text).toContain('The appointment is recorded.');
    expect(after.text).toContain('2032-Q3 (2032-08-01)');
    expect(after.text).toContain(`console.chair.${run}@example.org`);
    const wrong = await form(cookie, { action: 'ip-lead-meeting', quarter: '2032-Q3', heldOn: '2032-01-01' });
    expect(wrong.status).toBe(400);
    expect(fieldError(wrong.text, 'ip-lead-meeting-heldOn')).toBe('The meeting is not in that quarter.');
    expect(inputValue(wrong.text, 'ip-lead-meeting-quarter')).toBe('2032-Q3');
    expect(inputValue(wrong.text, 'ip-lead-meeting-heldOn')).toBe('2032-01-01');

    const participant = await signIn('participant@demo.u4ssc.local');
    const theirs = await page(participant);
    expect(theirs.status).toBe(200);
    expect(theirs.text).not.toContain('Record an e-meeting of the IP lead');
    expect(theirs.text).not.toContain('Add a thematic group');
    const refused = await form(participant, { action: 'ip-lead-meeting', quarter: '2033-Q1', heldOn: '2033-01-10' });
    expect(refused.status).toBe(403);
    expect(refused.text).toContain('Only the secretariat');
    const { ipLeadMeetings } = await structure(await secretariat());
    expect(ipLeadMeetings.map((m) => m.quarter)).not.toContain('2033-Q1');
    const anonymous = await request('GET', '/console/governance/structure', { from: FROM });
    expect(anonymous.status).not.toBe(200);
  });

  it('creates and edits a thematic group (the secretariat only), with errors beside the fields', async () => {
    const cookie = await signIn('secretariat@demo.u4ssc.local');
    const groupId = `console-group-${run}`;
    const bad = await form(cookie, { action: 'group', groupId: 'Not A Slug', name: '', description: 'Kept' });
    expect(bad.status).toBe(400);
    expect(fieldError(bad.text, 'new-group-groupId')).toBe('Use 2 to 63 lower-case letters, digits and hyphens.');
    expect(fieldError(bad.text, 'new-group-name')).toBe('Required.');
    expect(bad.text).toContain('>Kept</textarea>');
    expect(inputValue(bad.text, 'new-group-groupId')).toBe('Not A Slug');
    expect(bad.text).not.toContain('groupId:');
    const created = await form(cookie, { action: 'group', groupId, name: 'Console group', description: '' });
    expect(created.status).toBe(303);
    expect(decodeURIComponent(String(created.headers.location))).toContain('The thematic group is created.');
    const again = await form(cookie, { action: 'group', groupId, name: 'Console group again' });
    expect(again.status).toBe(409);
    expect(again.text).toContain('exists already');

    const editing = await page(cookie, `?edit=group:${groupId}`);
    expect(editing.text).toContain('Edit the thematic group “Console group”');
    expect(inputValue(editing.text, 'edit-group-name')).toBe('Console group');
    const version = /name="version" value="(\d+)"/.exec(editing.text)?.[1];
    expect(version).toBe('0');
    const saved = await form(cookie, {
      action: 'edit-group',
      groupId,
      version: '0',
      name: 'Console group, renamed',
      description: 'What it does',
    });
    expect(saved.status).toBe(303);
    // A second edit from the same old page is stale: refused, and the values stay in the form.
    const stale = await form(cookie, { action: 'edit-group', groupId, version: '0', name: 'Lost update' });
    expect(stale.status).toBe(409);
    expect(stale.text).toContain('Someone changed this group meanwhile');
    expect(inputValue(stale.text, 'edit-group-name')).toBe('Lost update');
    const groups = (await structure(await secretariat())).groups as unknown as {
      groupId: string;
      name: string;
      description?: string;
      version: number;
    }[];
    expect(groups.find((g) => g.groupId === groupId)).toMatchObject({
      name: 'Console group, renamed',
      description: 'What it does',
      version: 1,
    });

    const leaderCookie = await signIn('leader@demo.u4ssc.local');
    const leaderPage = await page(leaderCookie, `?edit=group:${groupId}`);
    expect(leaderPage.text).not.toContain('Add a thematic group');
    expect(leaderPage.text).not.toContain('Edit the thematic group');
    const forbidden = await form(leaderCookie, { action: 'edit-group', groupId, version: '1', name: 'Taken over' });
    expect(forbidden.status).toBe(403);
    expect(forbidden.text).toContain('Only the secretariat edits thematic groups.');
    const refusedCreate = await form(leaderCookie, { action: 'group', groupId: `${groupId}-x`, name: 'Not mine' });
    expect(refusedCreate.status).toBe(403);
    const after = (await structure(await secretariat())).groups as unknown as { groupId: string; name: string }[];
    expect(after.find((g) => g.groupId === groupId)?.name).toBe('Console group, renamed');
    expect(after.some((g) => g.groupId === `${groupId}-x`)).toBe(false);
  });

  it("adds and edits a deliverable with its timeline (the group's leader); another leader is refused", async () => {
    const cookie = await signIn('leader@demo.u4ssc.local');
    const shown = await page(cookie);
    expect(shown.text).toContain('Add a deliverable');
    const deliverableId = `console-deliv-${run}`;
    const bad = await form(cookie, {
      action: 'deliverable',
      groupId: 'city-kpis',
      deliverableId,
      title: 'Console deliverable',
      startsOn: '2027-06-01',
      dueOn: '2027-01-01',
    });
    expect(bad.status).toBe(400);
    expect(fieldError(bad.text, 'new-deliverable-dueOn')).toBe('The due date is before the start.');
    expect(inputValue(bad.text, 'new-deliverable-title')).toBe('Console deliverable');
    expect(bad.text).toContain('<option value="city-kpis" selected>');
    const added = await form(cookie, {
      action: 'deliverable',
      groupId: 'city-kpis',
      deliverableId,
      title: 'Console deliverable',
      startsOn: '2027-01-01',
      dueOn: '2027-06-30',
    });
    expect(added.status).toBe(303);
    const notMine = await form(cookie, {
      action: 'deliverable',
      groupId: 'digital-twins',
      deliverableId: `${deliverableId}-x`,
      title: 'Not my group',
      startsOn: '2027-01-01',
      dueOn: '2027-06-30',
    });
    expect(notMine.status).toBe(403);
    expect(plain(notMine.text)).toContain("Only the secretariat and the group's leaders add its deliverables.");

    const editing = await page(cookie, `?edit=deliverable:${deliverableId}`);
    expect(inputValue(editing.text, 'edit-deliverable-dueOn')).toBe('2027-06-30');
    const saved = await form(cookie, {
      action: 'edit-deliverable',
      deliverableId,
      version: '0',
      title: 'Console deliverable, retimed',
      startsOn: '2027-02-01',
      dueOn: '2027-09-30',
    });
    expect(saved.status).toBe(303);
    const d = deliverableIn(await structure(await secretariat()), deliverableId) as unknown as Record<string, unknown>;
    expect(d).toMatchObject({ title: 'Console deliverable, retimed', startsOn: '2027-02-01', dueOn: '2027-09-30' });
    expect(deliverableIn(await structure(await secretariat()), `${deliverableId}-x`)).toBeUndefined();

    const participant = await signIn('participant@demo.u4ssc.local');
    const refused = await form(participant, {
      action: 'edit-deliverable',
      deliverableId,
      version: '1',
      title: 'Hijacked',
      startsOn: '2027-02-01',
      dueOn: '2027-09-30',
    });
    expect(refused.status).toBe(403);
  });

  it("opens a call for nominations with its deadline in the zone named; refuses a past one and others' groups", async () => {
    const cookie = await signIn('leader@demo.u4ssc.local');
    const deliverableId = 'kpi-guide';
    const past = await form(cookie, {
      action: 'call',
      deliverableId,
      closesAt: '2020-01-01T12:00',
      timeZone: 'Europe/Zurich',
    });
    expect(past.status).toBe(400);
    expect(fieldError(past.text, 'new-call-closesAt')).toBe('Give a deadline to come.');
    expect(inputValue(past.text, 'new-call-closesAt')).toBe('2020-01-01T12:00');
    const badZone = await form(cookie, {
      action: 'call',
      deliverableId,
      closesAt: '2031-01-15T17:00',
      timeZone: 'Mars/Base',
    });
    expect(badZone.status).toBe(400);
    expect(fieldError(badZone.text, 'new-call-timeZone')).toBe('Give a time zone such as Europe/Zurich.');
    const opened = await form(cookie, {
      action: 'call',
      deliverableId,
      description: `Experts on KPI data ${run}`,
      closesAt: '2031-01-15T17:00',
      timeZone: 'Europe/Zurich',
    });
    expect(opened.status).toBe(303);
    const calls = deliverableIn(await structure(await secretariat()), deliverableId)?.callsForNominations ?? [];
    // 17:00 in Geneva in January is 16:00 UTC.
    expect(calls.some((c) => (c as unknown as { closesAt: string }).closesAt === '2031-01-15T16:00:00.000Z')).toBe(
      true,
    );
    const shown = await page(cookie);
    expect(shown.text).toContain('2031-01-15 16:00 UTC');

    const participant = await signIn('participant@demo.u4ssc.local');
    const refused = await form(participant, {
      action: 'call',
      deliverableId,
      closesAt: '2031-02-15T17:00',
      timeZone: 'UTC',
    });
    expect(refused.status).toBe(403);
    expect(plain(refused.text)).toContain("Only the group's leaders and the secretariat open calls for nominations.");
  });

  it("takes a year's work-plan input from a leader; a participant has no such form and is refused", async () => {
    const cookie = await signIn('leader@demo.u4ssc.local');
    const shown = await page(cookie);
    expect(shown.text).toContain('Send your input to a year’s work plan');
    const bad = await form(cookie, {
      action: 'work-plan-input',
      year: '1999',
      from: 'group:city-kpis',
      text: 'Kept text',
    });
    expect(bad.status).toBe(400);
    expect(fieldError(bad.text, 'work-plan-year')).toBe('Give a year between 2020 and 2100, e.g. 2027.');
    expect(bad.text).toContain('>Kept text</textarea>');
    const saved = await form(cookie, {
      action: 'work-plan-input',
      year: '2034',
      from: 'group:city-kpis',
      text: `City KPIs plan ${run}`,
    });
    expect(saved.status).toBe(303);
    const after = await page(cookie);
    expect(after.text).toContain(`City KPIs plan ${run}`);
    const notMine = await form(cookie, {
      action: 'work-plan-input',
      year: '2034',
      from: 'group:digital-twins',
      text: 'x',
    });
    expect(notMine.status).toBe(403);
    expect(plain(notMine.text)).toContain('You may send an input only on behalf of the partner, group or office');
    expect(notMine.text).not.toContain('(field');

    const partner = await signIn('partner@demo.u4ssc.local');
    const partnerPage = await page(partner);
    expect(partnerPage.text).toContain('<option value="partner:unece" selected>The partner UNECE</option>');
    const fromPartner = await form(partner, {
      action: 'work-plan-input',
      year: '2034',
      from: 'partner:unece',
      text: `UNECE plan ${run}`,
    });
    expect(fromPartner.status).toBe(303);
    expect((await page(partner)).text).toContain(`UNECE plan ${run}`);

    const participant = await signIn('participant@demo.u4ssc.local');
    expect((await page(participant)).text).not.toContain('work plan');
    const refused = await form(participant, { action: 'work-plan-input', year: '2034', text: 'Not mine to give' });
    expect(refused.status).toBe(403);
  });
});
