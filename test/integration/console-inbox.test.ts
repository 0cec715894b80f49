import { describe, expect, it } from 'vitest';
import './support.ts';
import { consoleSignIn, issuer, platform, request } from './support.ts';

/**
 * The console's navigation carries, on every console page (not only the governance pages), the
 * count of governance requests waiting for the signed-in person's decision, linking to that
 * inbox; it is the same number the governance page counts.
 */
const FROM = '127.0.0.97';
const run = Date.now().toString(36);

const page = (path: string, cookie: string) => request('GET', path, { from: FROM, headers: { cookie } });
/** The navigation's inbox link and its count (0 when it shows none). */
function navCount(html: string): number {
  const link = /<a href="\/console\/governance\?waiting=me">Inbox(.*?)<\/a>/s.exec(html);
  expect(link, 'the inbox link in the navigation').not.toBeNull();
  return Number(/<strong>\((\d+)\)/.exec(link?.[1] ?? '')?.[1] ?? 0);
}
async function openNotice(subject: string) {
  const token = await (await issuer()).sign({ email: `notifier.${run}@example.org`, roles: ['participant'] });
  const reply = await request('POST', '/api/governance/requests', {
    from: FROM,
    body: JSON.stringify({ kind: 'notice', fields: { type: 'joint-work', subject, details: 'For the inbox count.' } }),
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
  });
  expect(reply.status, reply.text).toBe(201);
}

describe("the console navigation's inbox count", () => {
  it('shows what waits for the secretariat on the dashboard and the circulars, as the governance page counts it', async () => {
    const { cookie } = await consoleSignIn('secretariat@demo.u4ssc.local', FROM);
    await openNotice(`Inbox count ${run} a`);
    const governance = await page('/console/governance', cookie);
    const waiting = Number(/<strong>(\d+)<\/strong> waiting for your decision/.exec(governance.text)?.[1]);
    expect(waiting).toBeGreaterThan(0);
    expect(navCount(governance.text)).toBe(waiting);

    const dashboard = await page('/console', cookie);
    expect(dashboard.status).toBe(200);
    expect(navCount(dashboard.text)).toBe(waiting);
    expect(dashboard.text).not.toContain('<!--governance-waiting-->');

    await openNotice(`Inbox count ${run} b`);
    const circulars = await page('/console/circulars', cookie);
    expect(circulars.status).toBe(200);
    expect(navCount(circulars.text)).toBe(waiting + 1);
    const structure = await page('/console/governance/structure', cookie);
    expect(navCount(structure.text)).toBe(waiting + 1);
    // HEAD answers as GET does, without a body.
    const head = await request('HEAD', '/console', { from: FROM, headers: { cookie } });
    expect(head.status).toBe(200);
  });

  it('shows no count to a person nothing waits for, and none to a visitor not signed in', async () => {
    const { cookie } = await consoleSignIn('hub@demo.u4ssc.local', FROM);
    const hubs = await page('/console/hubs', cookie);
    expect(hubs.status).toBe(200);
    expect(navCount(hubs.text)).toBe(0);
    expect(hubs.text).not.toContain('waiting for your decision');
    const anonymous = await request('GET', '/console', { from: FROM });
    expect(anonymous.text).not.toContain('waiting=me');
  });

  it('keeps the count on a console form shown again after a refusal', async () => {
    const { cookie } = await consoleSignIn('secretariat@demo.u4ssc.local', FROM);
    const refused = await request('POST', '/console/governance/structure', {
      from: FROM,
      body: new URLSearchParams({ action: 'group', groupId: 'X', name: '' }).toString(),
      headers: { cookie, origin: platform.baseUrl, 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(refused.status).toBe(400);
    expect(navCount(refused.text)).toBeGreaterThan(0);
  });
});
