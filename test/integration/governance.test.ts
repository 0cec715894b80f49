import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import './support.ts';
import { consoleSignIn, emailsTo, issuer, platform, request, waitForEmails } from './support.ts';

/**
 * Governance through HTTP on the local engines: the engine's transitions and refusals, the
 * Partners Council's electronic decision with its votes, closing job and races, hub requests
 * with their outcome rule, the two-stage expert nomination, and partners joining.
 */
const { startLocalMailQueue } = await import('../../infra/local/mail-queue.ts');
const { invokeJob } = await import('../../infra/local/scheduler.ts');
const { JOBS } = await import('../../functions/routes.ts');
const { PARTNERS } = await import('../../infra/local/seed-data.ts');
const { store } = await import('../../functions/adapters/dynamodb/store.ts');

const FROM = '127.0.0.93';
const HOUR = 3_600_000;
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
const board = () => as('board@demo.u4ssc.local', 'board');
const focal = (partnerId: string) => as(`focal.${partnerId}@demo.u4ssc.local`, 'partner');

async function call(method: string, path: string, headers: Record<string, string>, body?: unknown) {
  return request(method, path, {
    from: FROM,
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    headers: { ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
  });
}

type Req = {
  requestId: string;
  state: string;
  version: number;
  result?: {
    for: number;
    against: number;
    abstain: number;
    voted: number;
    passed: boolean;
    ballots: Record<string, string>;
  };
};

async function open(headers: Record<string, string>, body: unknown) {
  const reply = await call('POST', '/api/governance/requests', headers, body);
  expect(reply.status, reply.text).toBe(201);
  return reply.json<Req>();
}

async function fetchRequest(requestId: string, headers?: Record<string, string>) {
  const reply = await call('GET', `/api/governance/requests/${requestId}`, headers ?? (await secretariat()));
  expect(reply.status, reply.text).toBe(200);
  return reply.json<{
    request: Req;
    events: { action: string; from: string; to: string }[];
    ballots: unknown[];
    actions: string[];
  }>();
}

const act = async (requestId: string, headers: Record<string, string>, body: unknown) =>
  call('POST', `/api/governance/requests/${requestId}/transitions`, headers, body);
const vote = async (requestId: string, headers: Record<string, string>, body: unknown) =>
  call('PUT', `/api/governance/requests/${requestId}/votes`, headers, body);

async function runJob(name: string, at: Date) {
  const job = JOBS.find((j) => j.name === name);
  if (!job) throw new Error(`no job ${name}`);
  const result = await invokeJob(job, at);
  await queue.idle();
  return result as Record<string, unknown>;
}

const motion = (title: string, extra: Record<string, unknown> = {}) => ({
  kind: 'e-decision',
  fields: { title, motion: `The Partners Council decides: ${title}.` },
  closesAt: new Date(Date.now() + HOUR).toISOString(),
  ...extra,
});

beforeAll(async () => {
  queue = await startLocalMailQueue({ onError: (error) => console.error(error) });
});
afterAll(() => queue.stop());

describe('the Partners Council electronic decision (ToR §13b)', () => {
  it('is opened by the secretariat or the Board only, with a valid body', async () => {
    for (const role of ['partner', 'leader', 'hub', 'participant']) {
      const reply = await call('POST', '/api/governance/requests', await as(`${role}@example.org`, role), motion('x'));
      expect(reply.status, role).toBe(403);
    }
    const unknown = await call('POST', '/api/governance/requests', await board(), { ...motion('x'), colour: 'red' });
    expect(unknown.status).toBe(400);
    expect(unknown.json<{ errors: Record<string, string> }>().errors.colour).toMatch(/Unknown field/);
    const unknownField = await call('POST', '/api/governance/requests', await board(), {
      ...motion('x'),
      fields: { title: 'x', motion: 'y', extra: 1 },
    });
    expect(unknownField.json<{ errors: Record<string, string> }>().errors['fields.extra']).toMatch(/Unknown field/);
    const past = await call('POST', '/api/governance/requests', await board(), {
      ...motion('x'),
      closesAt: new Date(Date.now() - HOUR).toISOString(),
    });
    expect(past.status).toBe(400);
    const noDeadline = await call('POST', '/api/governance/requests', await board(), {
      kind: 'e-decision',
      fields: { title: 'x', motion: 'y' },
    });
    expect(noDeadline.json<{ errors: Record<string, string> }>().errors.closesAt).toBeDefined();
  });

  it('takes one vote per partner, changeable, from its focal point only; closes once; nothing after closing', async () => {
    const title = `Motion ${Date.now().toString(36)}`;
    const created = await open(await board(), motion(title, { rule: { quorum: 0.5, majority: 0.5 } }));
    expect(created.state).toBe('voting');
    await waitForEmails('focal.itu@demo.u4ssc.local', new RegExp(title));

    // 17 partners at once: 12 for, 4 against, 1 abstaining.
    const choices = PARTNERS.map((p, i) => [p.partnerId, i < 12 ? 'for' : i < 16 ? 'against' : 'abstain'] as const);
    const replies = await Promise.all(
      choices.map(async ([partnerId, choice]) =>
        vote(
          created.requestId,
          partnerId === 'unece' ? await as('partner@demo.u4ssc.local', 'partner') : await focal(partnerId),
          { choice, comment: `${partnerId} says ${choice}` },
        ),
      ),
    );
    expect(replies.map((r) => r.status)).toEqual(choices.map(() => 200));
    // A vote changes until closing: the last one counts.
    expect((await vote(created.requestId, await focal('wmo'), { choice: 'for' })).status).toBe(200);

    // Refusals: a partner role bound to no partner, another role, a bad body, someone else's partner.
    expect((await vote(created.requestId, await as('nobody@example.org', 'partner'), { choice: 'for' })).status).toBe(
      403,
    );
    expect((await vote(created.requestId, await board(), { choice: 'for' })).status).toBe(403);
    expect((await vote(created.requestId, await focal('itu'), { choice: 'maybe' })).status).toBe(400);
    expect((await vote(created.requestId, await focal('itu'), { choice: 'for', partnerId: 'fao' })).status).toBe(403);
    expect((await vote('nosuchrequest', await focal('itu'), { choice: 'for' })).status).toBe(404);

    const during = await fetchRequest(created.requestId, await focal('itu'));
    expect(during.ballots).toHaveLength(1); // a partner sees its own ballot only while voting is open
    expect(during.actions).toContain('change-vote');
    expect((await fetchRequest(created.requestId)).ballots).toHaveLength(17);

    const at = new Date(Date.now() + 2 * HOUR);
    const first = await runJob('governance-votes', at);
    expect(first.closed).toContain(created.requestId);
    const closed = (await fetchRequest(created.requestId)).request;
    expect(closed.state).toBe('carried');
    expect(closed.result).toMatchObject({ for: 13, against: 3, abstain: 1, voted: 17, passed: true });

    const again = await runJob('governance-votes', new Date(at.getTime() + HOUR));
    expect(again.closed).not.toContain(created.requestId);
    expect((await fetchRequest(created.requestId)).request).toEqual(closed);

    const late = await vote(created.requestId, await focal('itu'), { choice: 'against' });
    expect(late.status).toBe(409);
    expect((await fetchRequest(created.requestId)).request.result).toEqual(closed.result);

    // Every partner's focal point is told of the result, once.
    await waitForEmails('focal.fao@demo.u4ssc.local', new RegExp(`${title}.*carried`));
    await new Promise((resolve) => setTimeout(resolve, 300));
    const decided = (await emailsTo('focal.fao@demo.u4ssc.local')).filter(
      (e) => e.subject.includes(title) && /carried/.test(e.subject),
    );
    expect(decided).toHaveLength(1);
    // …with the decision record attached, in English and Russian.
    expect(decided[0]?.attachments.map((a) => a.contentType)).toEqual(['application/pdf', 'application/pdf']);
    expect(decided[0]?.attachments.map((a) => a.filename)).toEqual([
      expect.stringMatching(/^U4SSC-PC-\d{4}-ED-\w+-en\.pdf$/),
      expect.stringMatching(/-ru\.pdf$/),
    ]);
    const record = await call(
      'GET',
      `/api/governance/requests/${created.requestId}/decision/ru.pdf`,
      await focal('itu'),
    );
    expect(record.status).toBe(200);
    expect(record.headers['content-type']).toBe('application/pdf');
    // In each of the six languages on request; another language is a 404.
    const zh = await call('GET', `/api/governance/requests/${created.requestId}/decision/zh.pdf`, await focal('itu'));
    expect(zh.status).toBe(200);
    expect(zh.headers['content-type']).toBe('application/pdf');
    expect(
      (await call('GET', `/api/governance/requests/${created.requestId}/decision/de.pdf`, await focal('itu'))).status,
    ).toBe(404);
    expect(
      (
        await call(
          'GET',
          `/api/governance/requests/${created.requestId}/decision/en.pdf`,
          await as('hub@demo.u4ssc.local', 'hub'),
        )
      ).status,
    ).toBe(404);
    expect((await call('GET', `/api/governance/requests/${created.requestId}/decision/en.pdf`, {})).status).toBe(401);

    const { events } = await fetchRequest(created.requestId);
    expect(events.map((e) => e.action)).toEqual(expect.arrayContaining(['open', 'vote:for', 'close-vote', 'count']));
    expect(events.filter((e) => e.action.startsWith('vote:'))).toHaveLength(18);
    const csv = await call('GET', `/api/governance/requests/${created.requestId}/audit.csv`, await secretariat());
    expect(csv.status).toBe(200);
    expect(csv.headers['content-type']).toMatch(/text\/csv/);
    expect(csv.text.split('\r\n')[0]).toBe('at,actor,role,action,from,to,comment');
    expect(csv.text).toMatch(/scheduler,system,count,counting,carried/);
  });

  it('fails without quorum', async () => {
    const created = await open(
      await secretariat(),
      motion(`Quorum ${Date.now().toString(36)}`, { rule: { quorum: 0.75 } }),
    );
    for (const partnerId of ['itu', 'fao', 'undp']) {
      expect((await vote(created.requestId, await focal(partnerId), { choice: 'for' })).status).toBe(200);
    }
    await runJob('governance-votes', new Date(Date.now() + 2 * HOUR));
    const { request: closed } = await fetchRequest(created.requestId);
    expect(closed.state).toBe('not-carried');
    expect(closed.result).toMatchObject({ for: 3, voted: 3, passed: false, quorumMet: false });
  });

  it('race: the closing job runs while votes arrive: each accepted vote counted once, none after, stable on re-run', async () => {
    const created = await open(await secretariat(), motion(`Race ${Date.now().toString(36)}`, { rule: { quorum: 0 } }));
    const at = new Date(Date.now() + 2 * HOUR);
    const votes = PARTNERS.filter((p) => p.partnerId !== 'unece').map(async (p, i) => {
      await new Promise((resolve) => setTimeout(resolve, i * 15));
      return {
        partnerId: p.partnerId,
        status: (await vote(created.requestId, await focal(p.partnerId), { choice: 'for' })).status,
      };
    });
    const [outcomes, job] = await Promise.all([
      Promise.all(votes),
      new Promise((resolve) => setTimeout(resolve, 80)).then(() => runJob('governance-votes', at)),
    ]);
    expect(job.closed).toContain(created.requestId);
    expect(outcomes.every((o) => o.status === 200 || o.status === 409)).toBe(true);
    const accepted = outcomes
      .filter((o) => o.status === 200)
      .map((o) => o.partnerId)
      .sort();
    const { request: closed } = await fetchRequest(created.requestId);
    expect(Object.keys(closed.result?.ballots ?? {}).sort()).toEqual(accepted);
    expect(closed.result?.for).toBe(accepted.length);
    // Votes keep arriving after the close: all refused, the result does not move.
    const after = await Promise.all(
      PARTNERS.slice(0, 5).map(
        async (p) => (await vote(created.requestId, await focal(p.partnerId), { choice: 'against' })).status,
      ),
    );
    expect(after.every((status) => status === 409 || status === 403)).toBe(true);
    await runJob('governance-votes', new Date(at.getTime() + HOUR));
    expect((await fetchRequest(created.requestId)).request).toEqual(closed);
  });

  it('withdraws (secretariat), with the version it was decided on', async () => {
    const created = await open(await board(), motion(`Withdrawn ${Date.now().toString(36)}`));
    expect((await act(created.requestId, await focal('itu'), { action: 'withdraw', version: 1 })).status).toBe(403);
    expect((await act(created.requestId, await secretariat(), { action: 'withdraw', version: 2 })).status).toBe(409);
    const ok = await act(created.requestId, await secretariat(), {
      action: 'withdraw',
      version: 1,
      comment: 'Superseded',
    });
    expect(ok.status, ok.text).toBe(200);
    expect((await act(created.requestId, await secretariat(), { action: 'withdraw', version: 2 })).status).toBe(409);
    expect((await vote(created.requestId, await focal('itu'), { choice: 'for' })).status).toBe(409);
  });
});

describe('hub requests (ToR §30)', () => {
  const hubRequest = (hubId: string, partnerId = 'undp') => ({
    kind: 'hub-request',
    fields: {
      hubId,
      hubName: `Hub ${hubId}`,
      country: 'Kazakhstan',
      city: 'Almaty',
      partnerId,
      contactName: 'City Coordinator',
      contactEmail: 'hub@demo.u4ssc.local',
      description: 'A city hub for KPI assessments.',
    },
  });
  const hub = () => as('hub@demo.u4ssc.local', 'hub');

  it('is put to the partners by the secretariat; approved by the declared rule; creates the hub', async () => {
    const hubId = `hub-${Date.now().toString(36)}`;
    const created = await open(await hub(), hubRequest(hubId));
    expect(created.state).toBe('submitted');
    expect(
      (await call('POST', '/api/governance/requests', await hub(), hubRequest(hubId, 'nosuchpartner'))).status,
    ).toBe(400);
    // Only the secretariat opens the vote; a vote before it is refused.
    expect(
      (
        await act(created.requestId, await focal('undp'), {
          action: 'open-vote',
          version: 1,
          closesAt: new Date(Date.now() + HOUR).toISOString(),
        })
      ).status,
    ).toBe(403);
    expect((await vote(created.requestId, await focal('undp'), { choice: 'for' })).status).toBe(409);
    const noWindow = await act(created.requestId, await secretariat(), { action: 'open-vote', version: 1 });
    expect(noWindow.status).toBe(400);
    const opened = await act(created.requestId, await secretariat(), {
      action: 'open-vote',
      version: 1,
      closesAt: new Date(Date.now() + HOUR).toISOString(),
    });
    expect(opened.status, opened.text).toBe(200);
    expect(
      (
        await act(created.requestId, await secretariat(), {
          action: 'open-vote',
          version: 1,
          closesAt: new Date(Date.now() + HOUR).toISOString(),
        })
      ).status,
    ).toBe(409);

    // Inbox: waiting for a partner's vote until it votes.
    const inbox = (await call('GET', '/api/governance/requests?waiting=me', await focal('itu'))).json<{
      requests: Req[];
      waiting: { total: number; byKind: Record<string, number> };
    }>();
    expect(inbox.requests.map((r) => r.requestId)).toContain(created.requestId);
    expect(inbox.waiting.byKind['hub-request']).toBeGreaterThanOrEqual(1);

    for (const p of ['undp', 'itu', 'fao'])
      expect((await vote(created.requestId, await focal(p), { choice: 'for' })).status).toBe(200);
    expect((await vote(created.requestId, await focal('wmo'), { choice: 'against' })).status).toBe(200);
    const inboxAfter = (await call('GET', '/api/governance/requests?waiting=me', await focal('itu'))).json<{
      requests: Req[];
    }>();
    expect(inboxAfter.requests.map((r) => r.requestId)).not.toContain(created.requestId);

    // Reminders go to the partners that have not voted, once a day.
    const remindedAt = new Date();
    const reminded = await runJob('governance-reminders', remindedAt);
    expect(reminded.queued).toBeGreaterThanOrEqual(13);
    expect((await runJob('governance-reminders', remindedAt)).queued).toBe(0);
    await waitForEmails('focal.unesco@demo.u4ssc.local', new RegExp(`Reminder.*Hub ${hubId}`));
    expect(
      (await emailsTo('focal.itu@demo.u4ssc.local')).filter((e) =>
        e.subject.includes(`Reminder: your vote is still missing — Hub ${hubId}`),
      ),
    ).toHaveLength(0);

    await runJob('governance-votes', new Date(Date.now() + 2 * HOUR));
    const { request: decided } = await fetchRequest(created.requestId);
    expect(decided.state).toBe('approved');
    const { data } = await store().entities.hub.get({ hubId }).go();
    expect(data).toMatchObject({ hubId, country: 'Kazakhstan', city: 'Almaty', partnerId: 'undp', active: true });
    await waitForEmails('hub@demo.u4ssc.local', new RegExp(`Hub ${hubId} — approved`));
  });

  it('is rejected when the partner named objects, whatever the majority', async () => {
    const created = await open(await hub(), hubRequest(`hub-veto-${Date.now().toString(36)}`, 'fao'));
    await act(created.requestId, await secretariat(), {
      action: 'open-vote',
      version: 1,
      closesAt: new Date(Date.now() + HOUR).toISOString(),
    });
    for (const p of ['undp', 'itu', 'wmo']) await vote(created.requestId, await focal(p), { choice: 'for' });
    await vote(created.requestId, await focal('fao'), { choice: 'against', comment: 'We cannot support this hub.' });
    await runJob('governance-votes', new Date(Date.now() + 2 * HOUR));
    const { request: decided } = await fetchRequest(created.requestId);
    expect(decided.state).toBe('rejected');
    expect(decided.result).toMatchObject({ for: 3, against: 1, namedPartnerObjected: true, passed: false });
  });

  it('refuses a rejection without its reason, and unknown actions', async () => {
    const created = await open(await hub(), hubRequest(`hub-r-${Date.now().toString(36)}`));
    expect((await act(created.requestId, await secretariat(), { action: 'reject', version: 1 })).status).toBe(400);
    expect((await act(created.requestId, await secretariat(), { action: 'explode', version: 1 })).status).toBe(400);
    expect((await act(created.requestId, await secretariat(), { action: 'approve', version: 1 })).status).toBe(409);
    expect(
      (
        await act(created.requestId, await secretariat(), {
          action: 'reject',
          version: 1,
          comment: 'No partner agreement.',
        })
      ).status,
    ).toBe(200);
    await waitForEmails('hub@demo.u4ssc.local', /— rejected/);
  });
});

describe('expert nominations (ToR §20c): the secretariat AND the Board', () => {
  const nomination = (groupId: string) => ({
    kind: 'expert-nomination',
    fields: {
      groupId,
      deliverable: 'KPI verification guide',
      nomineeName: `Dr Expert ${Date.now().toString(36)}`,
      nomineeEmail: 'expert@example.org',
      expertise: 'Urban data',
    },
  });
  const leader = () => as('leader@demo.u4ssc.local', 'leader');

  it('is opened by a leader of the group only; secretariat then Board approve', async () => {
    expect(
      (
        await call(
          'POST',
          '/api/governance/requests',
          await as('other.leader@example.org', 'leader'),
          nomination('city-kpis'),
        )
      ).status,
    ).toBe(403);
    expect((await call('POST', '/api/governance/requests', await leader(), nomination('another-group'))).status).toBe(
      403,
    );
    const created = await open(await leader(), nomination('city-kpis'));
    expect(created.state).toBe('secretariat-review');
    expect((await act(created.requestId, await board(), { action: 'approve', version: 1 })).status).toBe(403);
    expect((await act(created.requestId, await secretariat(), { action: 'approve', version: 1 })).status).toBe(200);
    expect((await act(created.requestId, await secretariat(), { action: 'approve', version: 2 })).status).toBe(403);
    await waitForEmails('board@demo.u4ssc.local', /For the Management Board/);
    expect((await act(created.requestId, await board(), { action: 'approve', version: 2 })).status).toBe(200);
    const { request: done, events } = await fetchRequest(created.requestId, await leader());
    expect(done.state).toBe('approved');
    expect(events.map((e) => `${e.from}>${e.to}`)).toEqual([
      '>secretariat-review',
      'secretariat-review>board-review',
      'board-review>approved',
    ]);
    // Who may not see it gets a 404, not its contents.
    expect(
      (
        await call(
          'GET',
          `/api/governance/requests/${created.requestId}`,
          await as('participant@example.org', 'participant'),
        )
      ).status,
    ).toBe(404);
    expect(
      (
        await call(
          'GET',
          `/api/governance/requests/${created.requestId}`,
          await as('other.leader@example.org', 'leader'),
        )
      ).status,
    ).toBe(404);
  });
});

describe('notices and logo consent (ToR §35–38)', () => {
  it('a notice is acknowledged by the secretariat; a logo request is returned, resubmitted and consented', async () => {
    const participant = await as('participant@demo.u4ssc.local', 'participant');
    const notice = await open(participant, {
      kind: 'notice',
      fields: {
        type: 'representation',
        subject: 'Speaking at Smart City Expo',
        details: 'Panel on KPIs',
        eventDate: '2027-01-20',
      },
    });
    expect((await act(notice.requestId, participant, { action: 'acknowledge', version: 1 })).status).toBe(403);
    expect((await act(notice.requestId, await secretariat(), { action: 'acknowledge', version: 1 })).status).toBe(200);
    const logo = await open(participant, {
      kind: 'logo-consent',
      fields: {
        organisation: 'City of X',
        purpose: 'Conference banner',
        medium: 'print',
        from: '2027-01-01',
        until: '2027-02-01',
      },
    });
    expect(
      (
        await act(logo.requestId, await secretariat(), {
          action: 'return',
          version: 1,
          comment: 'Attach the draft banner',
        })
      ).status,
    ).toBe(200);
    expect((await act(logo.requestId, await secretariat(), { action: 'resubmit', version: 2 })).status).toBe(403);
    expect((await act(logo.requestId, participant, { action: 'resubmit', version: 2 })).status).toBe(200);
    expect((await act(logo.requestId, await secretariat(), { action: 'approve', version: 3 })).status).toBe(200);
    expect((await fetchRequest(logo.requestId, participant)).request.state).toBe('consented');
    // The written consent: a letter with a reference number, attached and downloadable.
    const letter = await call('GET', `/api/governance/requests/${logo.requestId}/decision/ru.pdf`, participant);
    expect(letter.status).toBe(200);
    expect(String(letter.headers['content-disposition'])).toMatch(/U4SSC-LOGO-\d{4}-\w{6}-ru\.pdf/);
    expect(
      (await call('GET', `/api/governance/requests/${notice.requestId}/decision/en.pdf`, participant)).status,
    ).toBe(404);
    const [consented] = await waitForEmails('participant@demo.u4ssc.local', /City of X — consented/);
    expect(consented?.attachments.map((a) => a.filename)).toEqual([
      expect.stringMatching(/^U4SSC-LOGO-.*-en\.pdf$/),
      expect.stringMatching(/-ru\.pdf$/),
    ]);
    const list = (await call('GET', '/api/governance/requests?kind=notice', await secretariat())).json<{
      requests: Req[];
    }>();
    expect(list.requests.map((r) => r.requestId)).toContain(notice.requestId);
    expect((await call('GET', '/api/governance/requests?kind=nonsense', await secretariat())).status).toBe(400);
  });
});

describe('a partner joins (ToR §12, Annex II)', () => {
  it('is accepted by the secretariat: the partner is in the list, once', async () => {
    const partnerId = `unx-${Date.now().toString(36)}`;
    const body = {
      kind: 'partner-joins',
      fields: {
        partnerId,
        acronym: 'UNX',
        name: 'United Nations Example Office',
        focalPointName: 'Ms Focal',
        focalPointEmail: 'focal.unx@example.org',
        declaration: 'We declare our intent to join U4SSC.',
      },
    };
    const created = await open(await as('focal.unx@example.org', 'participant'), body);
    expect(
      (
        await act(created.requestId, await as('focal.unx@example.org', 'participant'), {
          action: 'approve',
          version: 1,
        })
      ).status,
    ).toBe(403);
    expect((await act(created.requestId, await secretariat(), { action: 'approve', version: 1 })).status).toBe(200);
    const partners = (await call('GET', '/api/partners', await secretariat())).json<
      { partnerId: string; focalPointEmail?: string }[] | { partners: { partnerId: string }[] }
    >();
    const list = Array.isArray(partners) ? partners : partners.partners;
    const again = await call(
      'POST',
      '/api/governance/requests',
      await as('focal.unx@example.org', 'participant'),
      body,
    );
    // Other suites count the 17 partners of Annex II on the same platform: the new one goes at once.
    await store().entities.partner.delete({ partnerId }).go();
    expect(list.filter((p) => p.partnerId === partnerId)).toHaveLength(1);
    expect(again.status).toBe(409);
  });
});

describe('the Annex II list (ToR §12)', () => {
  it('is a public page in six languages and a PDF, from the records', async () => {
    const ar = await request('GET', '/partners?lang=ar', { from: FROM });
    expect(ar.status).toBe(200);
    expect(ar.text).toMatch(/<html[^>]*dir="rtl"/);
    expect(ar.text).toContain('المرفق الثاني');
    expect(ar.text.match(/<tr><td>/g)?.length).toBeGreaterThanOrEqual(17);
    const ru = await request('GET', '/partners?lang=ru', { from: FROM });
    expect(ru.text).toContain('Всемирная метеорологическая организация (ВМО)');
    for (const lang of ['ar', 'en', 'es', 'fr', 'ru', 'zh']) {
      const pdf = await request('GET', `/partners/annex-ii/${lang}.pdf`, { from: FROM });
      expect(pdf.status, lang).toBe(200);
      expect(pdf.headers['content-type']).toBe('application/pdf');
    }
    expect((await request('GET', '/partners/annex-ii/xx.pdf', { from: FROM })).status).toBe(404);
  });
});

describe("the partners' names in six languages (Annex II)", () => {
  const FRENCH = 'Organisation météorologique mondiale (OMM)';
  const form = (cookie: string, fields: Record<string, string>) =>
    request('POST', '/console/governance/structure', {
      from: FROM,
      body: new URLSearchParams(fields).toString(),
      headers: { cookie, origin: platform.baseUrl, 'content-type': 'application/x-www-form-urlencoded' },
    });
  const wmo = async () => {
    const reply = await call('GET', '/api/governance/structure', await secretariat());
    const found = reply
      .json<{ partners: { partnerId: string; version: number; name: string; nameRu: string; nameFr: string }[] }>()
      .partners.find((p) => p.partnerId === 'wmo');
    if (!found) throw new Error('WMO is not listed');
    return found;
  };

  it('shows the English name marked [en] where no name is recorded in the language, and a French name once entered', async () => {
    for (const lang of ['ar', 'zh']) {
      const page = await request('GET', `/partners?lang=${lang}`, { from: FROM });
      expect(page.status).toBe(200);
      expect(page.text, lang).toContain('<td dir="auto" lang="en">World Meteorological Organization [en]</td>');
    }
    const russian = await request('GET', '/partners?lang=ru', { from: FROM });
    expect(russian.text).toContain('<td dir="auto" lang="ru">Всемирная метеорологическая организация (ВМО)</td>');
    const english = await request('GET', '/partners?lang=en', { from: FROM });
    expect(english.text).not.toContain('[en]');

    const before = await wmo();
    const { cookie } = await consoleSignIn('secretariat@demo.u4ssc.local', FROM);
    const editor = await request('GET', '/console/governance/structure?edit=partner:wmo', {
      from: FROM,
      headers: { cookie },
    });
    expect(editor.text).toContain('The names of WMO in the six languages');
    expect(editor.text).toContain('value="Всемирная метеорологическая организация (ВМО)" lang="ru" dir="auto"');
    const fields = {
      action: 'partner-names',
      partnerId: 'wmo',
      version: String(before.version),
      name: before.name,
      nameAr: '',
      nameZh: '',
      nameFr: FRENCH,
      nameRu: before.nameRu,
      nameEs: '',
    };
    const emptyEnglish = await form(cookie, { ...fields, name: '' });
    expect(emptyEnglish.status).toBe(400);
    expect(emptyEnglish.text).toContain('<p class="error" id="edit-partner-name-error">Required.</p>');
    expect(emptyEnglish.text).toContain(`value="${FRENCH}" lang="fr"`);
    const partner = (await consoleSignIn('partner@demo.u4ssc.local', FROM)).cookie;
    expect((await form(partner, fields)).status).toBe(403);
    const saved = await form(cookie, fields);
    expect(saved.status).toBe(303);
    try {
      const french = await request('GET', '/partners?lang=fr', { from: FROM });
      expect(french.text).toContain(`<td dir="auto" lang="fr">${FRENCH}</td>`);
      expect(french.text).toContain('<td dir="auto" lang="en">International Telecommunication Union [en]</td>');
      const pdf = await request('GET', '/partners/annex-ii/fr.pdf', { from: FROM });
      expect(pdf.status).toBe(200);
      expect(pdf.text.startsWith('%PDF-')).toBe(true);
      // The same change again from the old page is stale; the API refuses fields it does not take.
      expect((await form(cookie, fields)).status).toBe(409);
      const unknown = await call('POST', '/api/governance/structure', await secretariat(), {
        ...fields,
        version: before.version + 1,
        nameLa: 'Organisatio',
      });
      expect(unknown.status).toBe(400);
      expect(unknown.text).toContain('nameLa');
    } finally {
      // Put the seeded names back (through the API), for the other suites.
      const restored = await call('POST', '/api/governance/structure', await secretariat(), {
        action: 'partner-names',
        partnerId: 'wmo',
        version: before.version + 1,
        name: before.name,
        nameRu: before.nameRu,
      });
      expect(restored.status, restored.text).toBe(200);
    }
    expect((await wmo()).nameFr).toBe('');
  });
});

describe('the console', () => {
  it('a partner votes on an e-decision from the console; the navigation counts what waits', async () => {
    const { cookie } = await consoleSignIn('partner@demo.u4ssc.local', FROM);
    const created = await open(await secretariat(), motion(`Console motion ${Date.now().toString(36)}`));
    const inbox = await request('GET', '/console/governance?waiting=me', { from: FROM, headers: { cookie } });
    expect(inbox.status).toBe(200);
    expect(inbox.text).toContain(`/console/governance/requests/${created.requestId}`);
    expect(inbox.text).toMatch(/Inbox <strong>\(\d+\)/);
    const page = await request('GET', `/console/governance/requests/${created.requestId}`, {
      from: FROM,
      headers: { cookie },
    });
    expect(page.text).toContain('Your partner’s vote');
    const form = (fields: Record<string, string>) =>
      request('POST', `/console/governance/requests/${created.requestId}`, {
        from: FROM,
        body: new URLSearchParams(fields).toString(),
        headers: { cookie, origin: platform.baseUrl, 'content-type': 'application/x-www-form-urlencoded' },
      });
    const voted = await form({ do: 'vote', choice: 'against', comment: 'Not yet.' });
    expect(voted.status).toBe(303);
    expect(String(voted.headers.location)).toMatch(/done=/);
    const after = await request('GET', String(voted.headers.location), { from: FROM, headers: { cookie } });
    expect(after.text).toContain('Your vote (against) for unece is recorded.');
    expect(after.text).toContain('Change your partner’s vote');
    // A refusal comes back on the page: the partner may not withdraw the motion.
    const refused = await form({ do: 'action', action: 'withdraw', version: '1' });
    expect(String(refused.headers.location)).toMatch(/error=/);
    expect((await form({ do: 'vote', choice: 'for', extra: 'x' })).status).toBe(400);
    const ballots = (await fetchRequest(created.requestId)).ballots as { partnerId: string; choice: string }[];
    expect(ballots).toEqual([expect.objectContaining({ partnerId: 'unece', choice: 'against' })]);
  });

  it('the secretariat puts a hub request to the vote from the console', async () => {
    const { cookie } = await consoleSignIn('secretariat@demo.u4ssc.local', FROM);
    const created = await open(await as('hub@demo.u4ssc.local', 'hub'), {
      kind: 'hub-request',
      fields: {
        hubId: `hub-console-${Date.now().toString(36)}`,
        hubName: 'Console hub',
        country: 'Peru',
        partnerId: 'unep',
        contactName: 'C',
        contactEmail: 'hub@demo.u4ssc.local',
        description: 'd',
      },
    });
    const closes = new Date(Date.now() + 3 * HOUR).toISOString().slice(0, 16);
    const reply = await request('POST', `/console/governance/requests/${created.requestId}`, {
      from: FROM,
      body: new URLSearchParams({
        do: 'action',
        action: 'open-vote',
        version: '1',
        closesAt: closes,
        comment: '',
      }).toString(),
      headers: { cookie, origin: platform.baseUrl, 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(String(reply.headers.location)).toContain('done=');
    const { request: voting } = await fetchRequest(created.requestId);
    expect(voting.state).toBe('voting');
  });
});

describe('the approval digest', () => {
  it('covers governance requests waiting for the secretariat', async () => {
    const digests = async () =>
      (await emailsTo('u4ssc@itu.int')).filter((m) => /waiting for a decision/.test(m.subject));
    const before = (await digests()).length;
    await open(await as('participant@demo.u4ssc.local', 'participant'), {
      kind: 'notice',
      fields: { type: 'joint-work', subject: 'Digest notice', details: 'Joint work with another initiative.' },
    });
    await runJob('approval-digest', new Date(Date.now() + 40 * 86_400_000));
    for (const deadline = Date.now() + 10_000; (await digests()).length === before && Date.now() < deadline; )
      await new Promise((resolve) => setTimeout(resolve, 100));
    // Other suites send the secretariat digests too, and leave requests and registrations waiting:
    // the digest lists the 100 oldest. Either this notice is among them, named with its kind, or
    // the digest lists 100 and counts the rest (this notice, the newest, among them).
    const found = (await digests()).find((m) => (m.body.text ?? '').includes('Digest notice'));
    if (found) {
      expect(found.body.text).toMatch(/Notice to the secretariat.*: Digest notice, submitted/);
    } else {
      const text = (await digests()).slice(before).at(-1)?.body.text ?? '';
      expect(text).toMatch(/… and \d+ more, listed in the console/);
      expect(text.split('\n').filter((line) => line.startsWith('- '))).toHaveLength(100);
    }
  });
});

describe('the public hub request form (ToR §30)', () => {
  const form = (path: string, fields: Record<string, string>) =>
    request('POST', path, {
      from: FROM,
      body: new URLSearchParams(fields).toString(),
      headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html' },
    });

  it('a city applies in Russian, confirms its address, and the request reaches the secretariat', async () => {
    const page = await request('GET', '/hub-requests/new?lang=ru', { from: FROM });
    expect(page.status).toBe(200);
    expect(page.text).toContain('Заявка на создание центра U4SSC');
    expect(page.text).toContain('Программа развития Организации Объединенных Наций (ПРООН)');

    const invalid = await form('/hub-requests', { lang: 'ru', hubName: 'Центр Алматы', contactEmail: 'not-an-email' });
    expect(invalid.status).toBe(400);
    expect(invalid.text).toContain('Укажите действительный адрес электронной почты.');
    expect(invalid.text).toContain('Это поле обязательно.');
    expect(invalid.text).toContain('value="Центр Алматы"');

    const contact = `city.${Date.now().toString(36)}@example.org`;
    const sent = await form('/hub-requests', {
      lang: 'ru',
      hubName: 'Центр U4SSC Алматы',
      country: 'Казахстан',
      city: 'Алматы',
      partnerId: 'undp',
      contactName: 'Айгерим Садыкова',
      contactEmail: contact,
      description: 'Оценка городов Центральной Азии по КПЭ U4SSC.',
    });
    expect(sent.status).toBe(303);
    expect(String(sent.headers.location)).toBe('/hub-requests/new?lang=ru&sent=1');
    const [mail] = await waitForEmails(contact, /Подтвердите заявку/);
    const link = new URL(String(mail?.body.text?.match(/https?:\/\/\S+\/verify\S+/)?.[0]));
    // Unconfirmed, it is nobody's to decide.
    const before = (await call('GET', '/api/governance/requests?kind=hub-request', await secretariat())).json<{
      requests: { fields: { contactEmail: string } }[];
    }>();
    expect(before.requests.some((r) => r.fields.contactEmail === contact)).toBe(false);

    const confirmPage = await request('GET', `${link.pathname}${link.search}`, { from: FROM });
    expect(confirmPage.status).toBe(200);
    expect(confirmPage.text).toContain('Подтвердить заявку');
    const requestId = link.pathname.split('/')[2] ?? '';
    expect((await form(link.pathname, { token: 'wrong', lang: 'ru' })).status).toBe(404);
    const confirmed = await form(link.pathname, { token: link.searchParams.get('token') ?? '', lang: 'ru' });
    expect(confirmed.status).toBe(303);
    expect(String(confirmed.headers.location)).toContain('verified=1');
    expect((await form(link.pathname, { token: link.searchParams.get('token') ?? '', lang: 'ru' })).status).toBe(303);
    const { request: submitted, events } = await fetchRequest(requestId);
    expect(submitted.state).toBe('submitted');
    expect(events.map((e) => `${e.action}:${e.to}`)).toEqual(['submit:unverified', 'verify:submitted']);
    await waitForEmails('u4ssc@itu.int', /New Hub request: Центр U4SSC Алматы/);
    expect((await emailsTo(contact)).filter((e) => /Подтвердите/.test(e.subject))).toHaveLength(1);

    // Its verification email, sent again from the console now, would confirm nothing: refused, with the reason.
    const { cookie } = await consoleSignIn('secretariat@demo.u4ssc.local', FROM);
    const log = await request('GET', `/console/emails?recipient=${encodeURIComponent(contact)}`, {
      from: FROM,
      headers: { cookie },
    });
    expect(log.status).toBe(200);
    const messageId = encodeURIComponent(`gov.${requestId}.v1.verify.requester`);
    expect(log.text).toContain(`/console/emails/${messageId}/resend`);
    const refused = await request('POST', `/console/emails/${messageId}/resend`, {
      from: FROM,
      body: new URLSearchParams({ back: '/console/emails' }).toString(),
      headers: { cookie, origin: platform.baseUrl, 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(refused.status).toBe(303);
    expect(decodeURIComponent(String(refused.headers.location))).toContain(
      'done=Not sent again: its confirmation link is for a request already confirmed, and the request is now submitted.',
    );
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect((await emailsTo(contact)).filter((e) => /Подтвердите/.test(e.subject))).toHaveLength(1);
  });

  it('takes JSON too, refusing unknown fields and partners', async () => {
    const base = {
      hubName: 'Hub X',
      country: 'Chile',
      partnerId: 'undp',
      contactName: 'X',
      contactEmail: 'x@example.org',
      description: 'd',
    };
    const unknown = await request('POST', '/hub-requests', {
      from: FROM,
      body: JSON.stringify({ ...base, hubId: 'mine' }),
      headers: { 'content-type': 'application/json' },
    });
    expect(unknown.status).toBe(400);
    expect(unknown.json<{ errors: Record<string, string> }>().errors.hubId).toMatch(/Unknown field/);
    const partner = await request('POST', '/hub-requests', {
      from: FROM,
      body: JSON.stringify({ ...base, partnerId: 'nobody' }),
      headers: { 'content-type': 'application/json' },
    });
    expect(partner.status).toBe(400);
    const ok = await request('POST', '/hub-requests', {
      from: FROM,
      body: JSON.stringify(base),
      headers: { 'content-type': 'application/json' },
    });
    expect(ok.status).toBe(202);
  });
});

describe('the work plan (ToR §10)', () => {
  it('secretariat draft → Board review (returned, then approved) → partners vote → approved', async () => {
    const year = 2030 + Math.floor(Math.random() * 60);
    const created = await open(await secretariat(), {
      kind: 'work-plan',
      fields: { year, draft: 'Deliverables: KPI verification guide; city snapshots.', meetingId: 'u4ssc-demo' },
    });
    expect(created.state).toBe('board-review');
    expect(
      (
        await call('POST', '/api/governance/requests', await board(), {
          kind: 'work-plan',
          fields: { year, draft: 'x' },
        })
      ).status,
    ).toBe(403);
    expect((await act(created.requestId, await secretariat(), { action: 'approve', version: 1 })).status).toBe(403);
    expect((await act(created.requestId, await board(), { action: 'return', version: 1 })).status).toBe(400);
    expect(
      (await act(created.requestId, await board(), { action: 'return', version: 1, comment: 'Add the hubs' })).status,
    ).toBe(200);
    await waitForEmails('secretariat@demo.u4ssc.local', new RegExp(`Returned for changes: U4SSC work plan ${year}`));
    expect((await act(created.requestId, await secretariat(), { action: 'resubmit', version: 2 })).status).toBe(200);
    expect((await act(created.requestId, await board(), { action: 'approve', version: 3 })).status).toBe(200);
    expect((await act(created.requestId, await focal('itu'), { action: 'approve', version: 4 })).status).toBe(403);
    const put = await act(created.requestId, await secretariat(), {
      action: 'open-vote',
      version: 4,
      closesAt: new Date(Date.now() + HOUR).toISOString(),
    });
    expect(put.status, put.text).toBe(200);
    for (const p of PARTNERS.filter((p) => p.partnerId !== 'unece').slice(0, 10))
      expect((await vote(created.requestId, await focal(p.partnerId), { choice: 'for' })).status).toBe(200);
    await runJob('governance-votes', new Date(Date.now() + 2 * HOUR));
    const { request: done, events } = await fetchRequest(created.requestId);
    expect(done.state).toBe('approved');
    expect(events.map((e) => e.to).filter((s, i, all) => all.indexOf(s) === i)).toEqual([
      'board-review',
      'drafting',
      'council',
      'voting',
      'counting',
      'approved',
    ]);
  });
});
