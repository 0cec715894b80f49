import { describe, expect, it } from 'vitest';
import { getJson, url } from './support.ts';

describe('public HTTP API against the local engines', () => {
  it('GET /health reaches every engine and names its version', async () => {
    const { status, body } = await getJson('/health');
    expect(status).toBe(200);
    expect(body).toMatchObject({
      status: 'ok',
      engines: {
        dynamodb: { reached: true, version: expect.stringMatching(/^DynamoDB Local \d/) },
        s3: { reached: true, version: expect.stringMatching(/^s3rver /) },
        ses: { reached: true, version: expect.stringMatching(/^aws-ses-v2-local /) },
      },
    });
  });

  it('GET /api/meetings lists the seeded 6th meeting from DynamoDB', async () => {
    const { status, body, response } = await getJson('/api/meetings');
    expect(status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    const meetings = body?.meetings as { meetingId: string }[];
    expect(meetings.map((m) => m.meetingId)).toContain('u4ssc-6');
  });

  it('GET /api/meetings/{id} returns the meeting of Circular 352', async () => {
    const { status, body } = await getJson('/api/meetings/u4ssc-6');
    expect(status).toBe(200);
    expect(body).toMatchObject({
      number: 6,
      format: 'virtual',
      startsAt: '2021-12-07T09:00:00.000Z',
      endsAt: '2021-12-07T14:30:00.000Z',
      timeZone: 'Europe/Zurich',
      languages: ['en'],
      announcedBy: 'TSB Circular 352',
    });
    expect(body?.objectives).toHaveLength(4);
  });

  it('an unknown meeting is a 404 problem', async () => {
    const { status, body, response } = await getJson('/api/meetings/no-such-meeting');
    expect(status).toBe(404);
    expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(body).toMatchObject({
      type: 'about:blank',
      title: 'Not Found',
      status: 404,
      detail: expect.stringContaining('no-such-meeting'),
    });
  });

  it('an unknown route is a 404 problem naming the method and path', async () => {
    const { status, body, response } = await getJson('/api/nothing/here');
    expect(status).toBe(404);
    expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(body).toMatchObject({
      title: 'Not Found',
      status: 404,
      detail: 'Nothing is served at GET /api/nothing/here.',
    });
  });

  it('a known path with the wrong method is a 404 problem, not a crash', async () => {
    const { status } = await getJson('/api/meetings', { method: 'DELETE' });
    expect(status).toBe(404);
  });

  it('a body sent to an unknown route gets the 404, not a parse error', async () => {
    const response = await fetch(url('/api/nothing-here'), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"title": "x",\n  "number": }',
    });
    expect(response.status).toBe(404);
  });

  it('a body over the API Gateway limit is refused with 413', async () => {
    const response = await fetch(url('/api/nothing-here'), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: 'x'.repeat(10 * 1024 * 1024 + 1),
    });
    expect(response.status).toBe(413);
    expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  });

  it('a hostile path parameter is escaped in the page and cannot break out of HTML', async () => {
    const response = await fetch(url(`/meetings/${encodeURIComponent('<script>alert(1)</script>')}`), {
      headers: { accept: 'text/html,application/xhtml+xml' },
    });
    expect(response.status).toBe(404);
    expect(response.headers.get('content-type')).toMatch(/^text\/html/);
    const text = await response.text();
    expect(text).not.toContain('<script>');
    // Refused at the edge: the page names the parameter and does not echo what was sent.
    expect(text).toContain('meetingId is not a valid id');
  });

  it('a path with broken percent-encoding is a 400 problem', async () => {
    const { status } = await getJson('/api/meetings/%E0%A4%A');
    expect(status).toBe(400);
  });

  it('every response carries the security headers', async () => {
    for (const path of ['/', '/api/meetings', '/nope']) {
      const response = await fetch(url(path));
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
      expect(response.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    }
  });
});

describe('pages', () => {
  it('GET / lists meetings with links to their pages', async () => {
    const response = await fetch(url('/'));
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/html/);
    const page = await response.text();
    expect(page).toContain('<html lang="en" dir="ltr">');
    expect(page).toContain('href="/meetings/u4ssc-6?lang=en"');
    expect(page).toContain('7 December 2021, 10:00–15:30 Geneva time');
    expect(page).toMatch(/Upcoming meetings/);
  });

  it('GET /meetings/{id} shows the meeting with its objectives and event page', async () => {
    const response = await fetch(url('/meetings/u4ssc-6'));
    expect(response.status).toBe(200);
    const page = await response.text();
    expect(page).toContain('Sixth meeting of the United for Smart Sustainable Cities (U4SSC) initiative');
    expect(page).toContain('Approve the Terms of Reference and the annual work plan of U4SSC (2021–2022)');
    expect(page).toContain('https://www.itu.int/en/ITU-T/ssc/united/Pages/202112/meeting.aspx');
    expect(page).toContain('English');
  });
});

describe('the scheduler', () => {
  it('runs the heartbeat job through the same handler, and /health reports the run', async () => {
    const { JOBS } = await import('../../functions/routes.ts');
    const { startScheduler } = await import('../../infra/local/scheduler.ts');
    const errors: unknown[] = [];
    const scheduler = startScheduler({ jobs: JOBS, onError: (_job, error) => errors.push(error) });
    try {
      let lastRunAt: string | null = null;
      for (let i = 0; i < 50 && !lastRunAt; i++) {
        await new Promise((resolve) => setTimeout(resolve, 100));
        const { body } = await getJson('/health');
        lastRunAt = (body?.scheduler as { lastRunAt: string | null } | undefined)?.lastRunAt ?? null;
      }
      expect(errors).toEqual([]);
      expect(lastRunAt).not.toBeNull();
      expect(Date.now() - Date.parse(String(lastRunAt))).toBeLessThan(30_000);
    } finally {
      await scheduler.stop();
    }
  });
});
