import { beforeAll, describe, expect, it } from 'vitest';
import './support.ts';
import { issuer, request } from './support.ts';

/**
 * The governance authorization matrix, by record: every governance route × anonymous, each
 * role, a partner's focal point and the focal point of another partner, a partner bound to
 * none, a group's leader and the leader of another group, the requester and another person of
 * the same role. Any success (2xx) of a caller the matrix does not allow fails the test; each
 * write is then made once by a caller it allows, to show the refusals changed nothing.
 */
const FROM = '127.0.0.94';
const HOUR = 3_600_000;

const CALLERS = {
  anonymous: undefined,
  secretariat: { email: 'secretariat@demo.u4ssc.local', roles: ['secretariat'] },
  board: { email: 'board@demo.u4ssc.local', roles: ['board'] },
  'partner (named)': { email: 'focal.undp@demo.u4ssc.local', roles: ['partner'] },
  'partner (another)': { email: 'focal.fao@demo.u4ssc.local', roles: ['partner'] },
  'partner (bound to none)': { email: 'partner@example.org', roles: ['partner'] },
  'leader (its group)': { email: 'leader@demo.u4ssc.local', roles: ['leader'] },
  'leader (another group)': { email: 'other.leader@example.org', roles: ['leader'] },
  hub: { email: 'hub@demo.u4ssc.local', roles: ['hub'] },
  'participant (requester)': { email: 'participant@demo.u4ssc.local', roles: ['participant'] },
  'participant (another)': { email: 'someone@example.org', roles: ['participant'] },
} as const;
type Caller = keyof typeof CALLERS;
const ALL = Object.keys(CALLERS) as Caller[];
const SIGNED_IN = ALL.filter((c) => c !== 'anonymous');

const headers: Partial<Record<Caller, Record<string, string>>> = {};
const fixtures: Record<string, string> = {};

async function call(caller: Caller, method: string, path: string, body?: unknown) {
  return request(method, path, {
    from: FROM,
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    headers: { ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...(headers[caller] ?? {}) },
  });
}

async function open(caller: Caller, body: unknown) {
  const reply = await call(caller, 'POST', '/api/governance/requests', body);
  expect(reply.status, reply.text).toBe(201);
  return reply.json<{ requestId: string }>().requestId;
}

beforeAll(async () => {
  const local = await issuer();
  for (const name of ALL) {
    const who = CALLERS[name];
    if (who)
      headers[name] = { authorization: `Bearer ${await local.sign({ email: who.email, roles: [...who.roles] })}` };
  }
  const closesAt = () => new Date(Date.now() + HOUR).toISOString();
  fixtures.decision = await open('board', {
    kind: 'e-decision',
    fields: { title: 'Matrix motion', motion: 'For the authorization matrix.' },
    closesAt: closesAt(),
  });
  fixtures.hub = await open('hub', {
    kind: 'hub-request',
    fields: {
      hubId: `hub-matrix-${Date.now().toString(36)}`,
      hubName: 'Matrix hub',
      country: 'Chile',
      partnerId: 'undp',
      contactName: 'Hub Person',
      contactEmail: 'hub@demo.u4ssc.local',
      description: 'For the authorization matrix.',
    },
  });
  fixtures.hubVoting = await open('hub', {
    kind: 'hub-request',
    fields: {
      hubId: `hub-matrix-v-${Date.now().toString(36)}`,
      hubName: 'Matrix hub (voting)',
      country: 'Chile',
      partnerId: 'undp',
      contactName: 'Hub Person',
      contactEmail: 'hub@demo.u4ssc.local',
      description: 'For the authorization matrix.',
    },
  });
  const opened = await call('secretariat', 'POST', `/api/governance/requests/${fixtures.hubVoting}/transitions`, {
    action: 'open-vote',
    version: 1,
    closesAt: closesAt(),
  });
  expect(opened.status).toBe(200);
  fixtures.nomination = await open('leader (its group)', {
    kind: 'expert-nomination',
    fields: {
      groupId: 'city-kpis',
      deliverable: 'Matrix deliverable',
      nomineeName: 'Matrix Expert',
      nomineeEmail: 'expert@example.org',
      expertise: 'Authorization',
    },
  });
  fixtures.workPlan = await open('secretariat', {
    kind: 'work-plan',
    fields: { year: 2099, draft: 'For the authorization matrix.' },
  });
  fixtures.notice = await open('participant (requester)', {
    kind: 'notice',
    fields: { type: 'joint-work', subject: 'Matrix notice', details: 'For the authorization matrix.' },
  });
  fixtures.deliverable = `matrix-${Date.now().toString(36)}`;
  const deliverable = await call('secretariat', 'POST', '/api/governance/structure', {
    action: 'deliverable',
    deliverableId: fixtures.deliverable,
    groupId: 'city-kpis',
    title: 'Matrix deliverable',
    startsOn: '2027-01-01',
    dueOn: '2027-12-31',
  });
  expect(deliverable.status, deliverable.text).toBe(201);
  fixtures.group = `matrix-g-${Date.now().toString(36)}`;
  const group = await call('secretariat', 'POST', '/api/governance/structure', {
    action: 'group',
    groupId: fixtures.group,
    name: 'Matrix group',
  });
  expect(group.status, group.text).toBe(201);
  const structure = await call('secretariat', 'GET', '/api/governance/structure');
  const unop = structure
    .json<{ partners: { partnerId: string; version: number; name: string; nameRu: string }[] }>()
    .partners.find((p) => p.partnerId === 'unop');
  if (!unop) throw new Error('UNOP is not listed');
  fixtures.unopVersion = String(unop.version);
  fixtures.unopName = unop.name;
  fixtures.unopNameRu = unop.nameRu;
  fixtures.logo = await open('participant (requester)', {
    kind: 'logo-consent',
    fields: { organisation: 'Matrix', purpose: 'Matrix', medium: 'web', from: '2027-01-01', until: '2027-02-01' },
  });
  const withFile = await call('participant (requester)', 'POST', '/api/governance/requests', {
    kind: 'logo-consent',
    fields: { organisation: 'Matrix', purpose: 'Files', medium: 'web', from: '2027-01-01', until: '2027-02-01' },
    attachments: [{ fileName: 'material.pdf', contentType: 'application/pdf', content: MATRIX_PDF }],
  });
  expect(withFile.status, withFile.text).toBe(201);
  const logoFiles = withFile.json<{ requestId: string; attachments: { attachmentId: string }[] }>();
  fixtures.logoFiles = logoFiles.requestId;
  const minutes = await call('secretariat', 'POST', `/api/governance/deliverables/${fixtures.deliverable}/minutes`, {
    meetingOn: '2026-11-19',
    filename: 'matrix-minutes.pdf',
    contentType: 'application/pdf',
    content: MATRIX_PDF,
  });
  expect(minutes.status, minutes.text).toBe(201);
  fixtures.minutes = minutes.json<{ minutesId: string }>().minutesId;
  fixtures.logoFile = logoFiles.attachments[0]?.attachmentId ?? '';
});

const MATRIX_PDF = Buffer.from('%PDF-1.7\n%%EOF\n').toString('base64');

interface Case {
  what: string;
  method: string;
  path: () => string;
  body?: () => unknown;
  allowed: readonly Caller[];
}

const SEES_DECISION: Caller[] = [
  'secretariat',
  'board',
  'partner (named)',
  'partner (another)',
  'partner (bound to none)',
];
const VOTERS: Caller[] = ['partner (named)', 'partner (another)'];

const CASES: Case[] = [
  { what: 'list requests', method: 'GET', path: () => '/api/governance/requests', allowed: SIGNED_IN },
  {
    what: 'open an e-decision',
    method: 'POST',
    path: () => '/api/governance/requests',
    body: () => ({
      kind: 'e-decision',
      fields: { title: 'Opened in the matrix', motion: 'x' },
      closesAt: new Date(Date.now() + HOUR).toISOString(),
    }),
    allowed: ['secretariat', 'board'],
  },
  {
    what: 'open a nomination for city-kpis',
    method: 'POST',
    path: () => '/api/governance/requests',
    body: () => ({
      kind: 'expert-nomination',
      fields: {
        groupId: 'city-kpis',
        deliverable: 'd',
        nomineeName: 'n',
        nomineeEmail: 'n@example.org',
        expertise: 'e',
      },
    }),
    allowed: ['secretariat', 'leader (its group)'],
  },
  {
    what: 'open a partner-joins declaration',
    method: 'POST',
    path: () => '/api/governance/requests',
    body: () => ({
      kind: 'partner-joins',
      fields: {
        partnerId: `matrix-${Date.now().toString(36)}`,
        acronym: 'MX',
        name: 'Matrix Office',
        focalPointName: 'F',
        focalPointEmail: 'f@example.org',
        declaration: 'We declare our intent.',
      },
    }),
    allowed: [
      'secretariat',
      'partner (named)',
      'partner (another)',
      'partner (bound to none)',
      'participant (requester)',
      'participant (another)',
    ],
  },
  {
    what: 'read the e-decision',
    method: 'GET',
    path: () => `/api/governance/requests/${fixtures.decision}`,
    allowed: SEES_DECISION,
  },
  {
    what: "read the e-decision's audit CSV",
    method: 'GET',
    path: () => `/api/governance/requests/${fixtures.decision}/audit.csv`,
    allowed: SEES_DECISION,
  },
  {
    what: 'read the nomination',
    method: 'GET',
    path: () => `/api/governance/requests/${fixtures.nomination}`,
    allowed: ['secretariat', 'board', 'leader (its group)'],
  },
  {
    what: 'read the notice',
    method: 'GET',
    path: () => `/api/governance/requests/${fixtures.notice}/audit.csv`,
    allowed: ['secretariat', 'board', 'participant (requester)'],
  },
  {
    what: 'vote on the e-decision',
    method: 'PUT',
    path: () => `/api/governance/requests/${fixtures.decision}/votes`,
    body: () => ({ choice: 'for' }),
    allowed: VOTERS,
  },
  {
    what: 'vote on the hub request',
    method: 'PUT',
    path: () => `/api/governance/requests/${fixtures.hubVoting}/votes`,
    body: () => ({ choice: 'for' }),
    allowed: VOTERS,
  },
  {
    what: 'vote for another partner',
    method: 'PUT',
    path: () => `/api/governance/requests/${fixtures.hubVoting}/votes`,
    body: () => ({ choice: 'against', partnerId: 'undp' }),
    allowed: ['partner (named)'],
  },
  {
    what: 'withdraw the e-decision',
    method: 'POST',
    path: () => `/api/governance/requests/${fixtures.decision}/transitions`,
    body: () => ({ action: 'withdraw', version: 1 }),
    allowed: ['secretariat', 'board'],
  },
  {
    what: 'put the hub request to the vote',
    method: 'POST',
    path: () => `/api/governance/requests/${fixtures.hub}/transitions`,
    body: () => ({ action: 'open-vote', version: 1, closesAt: new Date(Date.now() + HOUR).toISOString() }),
    allowed: ['secretariat'],
  },
  {
    what: 'approve the nomination (secretariat stage)',
    method: 'POST',
    path: () => `/api/governance/requests/${fixtures.nomination}/transitions`,
    body: () => ({ action: 'approve', version: 1 }),
    allowed: ['secretariat'],
  },
  {
    what: 'read the work plan',
    method: 'GET',
    path: () => `/api/governance/requests/${fixtures.workPlan}`,
    allowed: SEES_DECISION,
  },
  {
    what: 'approve the work plan (Board review)',
    method: 'POST',
    path: () => `/api/governance/requests/${fixtures.workPlan}/transitions`,
    body: () => ({ action: 'approve', version: 1 }),
    allowed: ['board'],
  },
  {
    what: 'acknowledge the notice',
    method: 'POST',
    path: () => `/api/governance/requests/${fixtures.notice}/transitions`,
    body: () => ({ action: 'acknowledge', version: 1 }),
    allowed: ['secretariat'],
  },
  {
    what: 'withdraw the logo request',
    method: 'POST',
    path: () => `/api/governance/requests/${fixtures.logo}/transitions`,
    body: () => ({ action: 'withdraw', version: 1 }),
    allowed: ['participant (requester)'],
  },
  // Files of requests: added by the requester or the secretariat, read by whoever reads the request.
  {
    what: "download the logo request's material",
    method: 'GET',
    path: () => `/api/governance/requests/${fixtures.logoFiles}/attachments/${fixtures.logoFile}`,
    allowed: ['secretariat', 'board', 'participant (requester)'],
  },
  {
    what: 'add a file to the logo request',
    method: 'POST',
    path: () => `/api/governance/requests/${fixtures.logoFiles}/attachments`,
    body: () => ({
      version: 1,
      attachments: [{ fileName: 'more.pdf', contentType: 'application/pdf', content: MATRIX_PDF }],
    }),
    allowed: ['participant (requester)', 'secretariat'],
  },
  {
    what: 'open a logo request with its material',
    method: 'POST',
    path: () => '/api/governance/requests',
    body: () => ({
      kind: 'logo-consent',
      fields: { organisation: 'Matrix', purpose: 'Opened', medium: 'web', from: '2027-01-01', until: '2027-02-01' },
      attachments: [{ fileName: 'material.pdf', contentType: 'application/pdf', content: MATRIX_PDF }],
    }),
    allowed: SIGNED_IN,
  },
  // The structure: thematic groups, deliverables, contributions, minutes, offices.
  { what: 'read the structure', method: 'GET', path: () => '/api/governance/structure', allowed: SIGNED_IN },
  {
    what: 'create a thematic group',
    method: 'POST',
    path: () => '/api/governance/structure',
    body: () => ({ action: 'group', groupId: `matrix-${Date.now().toString(36)}`, name: 'Matrix group' }),
    allowed: ['secretariat'],
  },
  {
    what: 'edit a thematic group',
    method: 'POST',
    path: () => '/api/governance/structure',
    body: () => ({ action: 'edit-group', groupId: fixtures.group, version: 0, name: 'Matrix group, edited' }),
    allowed: ['secretariat'],
  },
  {
    what: "record a partner's names (unchanged)",
    method: 'POST',
    path: () => '/api/governance/structure',
    body: () => ({
      action: 'partner-names',
      partnerId: 'unop',
      version: Number(fixtures.unopVersion),
      name: fixtures.unopName,
      ...(fixtures.unopNameRu ? { nameRu: fixtures.unopNameRu } : {}),
    }),
    allowed: ['secretariat'],
  },
  {
    what: 'edit a deliverable of city-kpis',
    method: 'POST',
    path: () => '/api/governance/structure',
    body: () => ({
      action: 'edit-deliverable',
      deliverableId: fixtures.deliverable,
      version: 0,
      title: 'Matrix deliverable',
      startsOn: '2027-01-01',
      dueOn: '2027-12-31',
    }),
    allowed: ['secretariat', 'leader (its group)'],
  },
  {
    what: 'add a deliverable to city-kpis',
    method: 'POST',
    path: () => '/api/governance/structure',
    body: () => ({
      action: 'deliverable',
      deliverableId: `matrix-d-${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`,
      groupId: 'city-kpis',
      title: 'Matrix deliverable',
      startsOn: '2027-01-01',
      dueOn: '2027-12-31',
    }),
    allowed: ['secretariat', 'leader (its group)'],
  },
  {
    what: 'contribute to a deliverable',
    method: 'POST',
    path: () => '/api/governance/structure',
    body: () => ({ action: 'contribute', deliverableId: fixtures.deliverable }),
    allowed: SIGNED_IN,
  },
  {
    what: 'appoint an office holder',
    method: 'POST',
    path: () => '/api/governance/structure',
    body: () => ({
      action: 'office',
      role: 'vice-chair',
      title: 'Vice-Chair',
      holderName: 'Matrix Vice-Chair',
      holderEmail: 'matrix.vice.chair@example.org',
      termStart: '2030-01-01',
      termEnd: '2031-12-31',
    }),
    allowed: ['secretariat'],
  },
  {
    what: "record the IP lead's e-meeting",
    method: 'POST',
    path: () => '/api/governance/structure',
    body: () => ({ action: 'ip-lead-meeting', quarter: '2057-Q1', heldOn: '2057-02-02' }),
    allowed: ['secretariat'],
  },
  {
    what: 'open a call for nominations for a city-kpis deliverable',
    method: 'POST',
    path: () => '/api/governance/structure',
    body: () => ({
      action: 'call',
      deliverableId: fixtures.deliverable,
      closesAt: new Date(Date.now() + HOUR).toISOString(),
    }),
    allowed: ['secretariat', 'leader (its group)'],
  },
  {
    what: 'nominate an expert against the open call',
    method: 'POST',
    path: () => '/api/governance/requests',
    body: () => ({
      kind: 'expert-nomination',
      fields: { callId: 'demo-call-kpi-guide', nomineeName: 'n', nomineeEmail: 'n@example.org', expertise: 'e' },
    }),
    allowed: SIGNED_IN,
  },
  {
    what: "send a partner's input to the work plan",
    method: 'POST',
    path: () => '/api/governance/structure',
    body: () => ({ action: 'work-plan-input', year: 2099, from: 'partner:undp', text: 'Matrix input.' }),
    allowed: ['partner (named)'],
  },
  {
    what: "send a group's input to the work plan",
    method: 'POST',
    path: () => '/api/governance/structure',
    body: () => ({ action: 'work-plan-input', year: 2099, from: 'group:city-kpis', text: 'Matrix input.' }),
    allowed: ['leader (its group)'],
  },
  {
    what: "download minutes of a city-kpis deliverable's e-meeting",
    method: 'GET',
    path: () => `/api/governance/deliverables/${fixtures.deliverable}/minutes/${fixtures.minutes}`,
    allowed: SIGNED_IN,
  },
  {
    what: "upload minutes of a city-kpis deliverable's e-meeting",
    method: 'POST',
    path: () => `/api/governance/deliverables/${fixtures.deliverable}/minutes`,
    body: () => ({
      meetingOn: '2026-11-20',
      filename: 'minutes.pdf',
      contentType: 'application/pdf',
      content: Buffer.from('%PDF-1.7\n%%EOF\n').toString('base64'),
    }),
    allowed: ['secretariat', 'leader (its group)'],
  },
];

describe('the governance authorization matrix (route × role × whose record)', () => {
  // The console's structure page and form take the same actions through act() (governance-structure.test.ts).
  it('has a case for every API route of the governance structure', async () => {
    const { ROUTES } = await import('../../functions/routes.ts');
    const structureRoutes = ROUTES.map((r) => r.routeKey).filter((k) =>
      /^\w+ \/api\/governance\/(structure|deliverables)/.test(k),
    );
    expect(structureRoutes.length).toBeGreaterThanOrEqual(3);
    for (const routeKey of structureRoutes) {
      const [method, template] = routeKey.split(' ') as [string, string];
      const pattern = new RegExp(`^${template.replace(/\{[^}]+\}/g, '[^/]+')}$`);
      expect(
        CASES.some((c) => c.method === method && pattern.test(c.path())),
        routeKey,
      ).toBe(true);
    }
  });

  it('covers every governance route', async () => {
    const { ROUTES } = await import('../../functions/routes.ts');
    const governance = ROUTES.filter((r) => r.routeKey.includes('/governance')).map((r) => r.routeKey.split(' ')[0]);
    const covered = new Set(CASES.map((c) => c.method));
    for (const method of governance) expect(covered).toContain(method);
    expect(governance.length).toBeGreaterThanOrEqual(6);
  });

  it.each(CASES.map((c) => [c.what, c] as const))('%s: no wrongful success', async (_what, c) => {
    const wrongful: string[] = [];
    for (const caller of ALL.filter((name) => !c.allowed.includes(name))) {
      const reply = await call(caller, c.method, c.path(), c.body?.());
      if (reply.status < 300) wrongful.push(`${caller}: ${reply.status}`);
      expect([401, 403, 404], `${caller}: ${reply.text.slice(0, 200)}`).toContain(reply.status);
      if (caller === 'anonymous') expect(reply.status).toBe(401);
    }
    expect(wrongful).toEqual([]);
    // A caller it allows succeeds (every one for reads; the first for a write, which changes the record).
    const allowed = c.method === 'GET' ? c.allowed : c.allowed.slice(0, 1);
    for (const caller of allowed) {
      const reply = await call(caller, c.method, c.path(), c.body?.());
      expect(reply.status, `${caller}: ${reply.text.slice(0, 200)}`).toBeLessThan(300);
    }
  });

  it('lists only what each may see', async () => {
    const ids = async (caller: Caller) =>
      (await call(caller, 'GET', '/api/governance/requests'))
        .json<{ requests: { requestId: string }[] }>()
        .requests.map((r) => r.requestId);
    expect(await ids('participant (another)')).not.toContain(fixtures.notice);
    expect(await ids('participant (requester)')).toContain(fixtures.notice);
    expect(await ids('leader (another group)')).not.toContain(fixtures.nomination);
    expect(await ids('leader (its group)')).toContain(fixtures.nomination);
    expect(await ids('hub')).not.toContain(fixtures.decision);
    expect(await ids('partner (another)')).toContain(fixtures.decision);
  });
});
