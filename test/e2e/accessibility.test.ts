import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  issuer,
  linkIn,
  platform,
  postJson,
  request,
  type SentEmail,
  uniqueEmail,
  waitForEmails,
} from '../integration/support.ts';

/**
 * axe-core on every public page, in English, Russian and Arabic, at 1280 and 375 px: no serious
 * or critical violation (WCAG 2.1 A and AA rules).
 */
const CHROMIUM = '/usr/bin/chromium';
const hasChromium = existsSync(CHROMIUM);
const FROM = '127.0.0.81';
const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[] }[];
}

async function seriousViolations(page: Page): Promise<string[]> {
  await page.addScriptTag({ content: AXE });
  const violations = (await page.evaluate(
    `axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } }).then((r) => r.violations)`,
  )) as AxeViolation[];
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.help} at ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

describe.skipIf(!hasChromium)('accessibility of the public pages (axe-core)', () => {
  let browser: Browser;
  let meetingId: string;
  const pages: Record<string, string> = {};

  beforeAll(async () => {
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update'],
    });
    const token = await (await issuer()).sign({ email: 'officer@itu.int', roles: ['secretariat'] });
    const start = new Date(Date.now() + 30 * 86_400_000);
    meetingId = `e2e-axe-${Math.random().toString(36).slice(2, 8)}`;
    const created = await postJson(
      '/api/meetings',
      {
        meetingId,
        number: 81,
        title: 'Accessibility meeting',
        organisers: ['ITU'],
        format: 'virtual',
        startsAt: start.toISOString(),
        endsAt: new Date(start.getTime() + 2 * 3_600_000).toISOString(),
        timeZone: 'Europe/Zurich',
        languages: ['en'],
        objectives: ['Everyone can register'],
        joiningDetails: 'https://meet.example.org/axe (passcode 4242)',
      },
      FROM,
      { authorization: `Bearer ${token}` },
    );
    expect(created.status, created.text).toBe(201);
    const email = uniqueEmail('axe');
    const sent = await postJson(
      `/api/meetings/${meetingId}/registrations`,
      {
        name: 'Amina Diallo',
        email,
        organisation: 'Ministry',
        title: 'Director',
        category: 'member-state',
        country: 'SN',
        privacyConsent: true,
      },
      FROM,
    );
    expect(sent.status).toBe(202);
    const [mail] = await waitForEmails(email, /./);
    const link = new URL(linkIn(mail as SentEmail, '/verify'));
    pages.verify = `${link.pathname}${link.search}`;
    // Confirmed: the verification link now answers "already confirmed"; the registration's pages.
    const confirmed = await request('POST', pages.verify, {
      from: FROM,
      body: new URLSearchParams({ token: link.searchParams.get('token') ?? '' }).toString(),
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(confirmed.status).toBe(303);
    const manage = new URL(String(confirmed.headers.location), platform.baseUrl);
    manage.searchParams.delete('lang');
    manage.searchParams.delete('done');
    pages.manage = `${manage.pathname}${manage.search}`;
    pages.withdraw = `${manage.pathname}/withdraw${manage.search}`;
    Object.assign(pages, {
      home: '/',
      meeting: `/meetings/${meetingId}`,
      form: `/meetings/${meetingId}/register`,
      notFound: '/no-such-page',
    });
  });

  afterAll(async () => {
    await browser?.close();
  });

  it('finds a violation where there is one (the check can fail)', async () => {
    const context = await browser.newContext({ bypassCSP: true });
    const page = await context.newPage();
    try {
      await page.setContent('<!doctype html><html lang="en"><title>t</title><main><input type="text"></main></html>');
      expect((await seriousViolations(page)).join('\n')).toMatch(/^label \(critical\)/m);
    } finally {
      await context.close();
    }
  });

  for (const lang of ['en', 'ru', 'ar'] as const) {
    for (const width of [1280, 375]) {
      it(`${lang} at ${width} px: home, meeting, form (and its errors), verification, self-service, withdrawal, not found`, async () => {
        const context = await browser.newContext({ bypassCSP: true, viewport: { width, height: 800 }, locale: lang });
        const page = await context.newPage();
        try {
          const found: string[] = [];
          for (const [name, path] of Object.entries(pages)) {
            await page.goto(`${platform.baseUrl}${path}${path.includes('?') ? '&' : '?'}lang=${lang}`);
            found.push(...(await seriousViolations(page)).map((v) => `${name}: ${v}`));
            if (name === 'form') {
              await page.locator('form.stack button[type=submit]').click();
              await page.locator('#error-summary').waitFor();
              found.push(...(await seriousViolations(page)).map((v) => `form with errors: ${v}`));
            }
          }
          expect(found).toEqual([]);
        } finally {
          await context.close();
        }
      });
    }
  }
});
