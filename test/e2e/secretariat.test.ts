import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { consoleSignIn, issuer, platform, postJson, uniqueEmail, waitForEmails } from '../integration/support.ts';

/**
 * A secretariat officer's day in Chromium: the dashboard → a search → approving one row →
 * approving the rest in bulk when the meeting is full (the page says truthfully what happened)
 * → the email log, where resending an obsolete confirmation email is refused with the reason.
 * axe-core on every console page on the way: no serious or critical violation. Screenshots are
 * kept in a temporary folder named in the log.
 */
const CHROMIUM = '/usr/bin/chromium';
const hasChromium = existsSync(CHROMIUM);
const FROM = '127.0.0.83';
const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

async function seriousViolations(page: Page): Promise<string[]> {
  await page.addScriptTag({ content: AXE });
  const violations = (await page.evaluate(
    `axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } }).then((r) => r.violations)`,
  )) as { id: string; impact: string | null; help: string; nodes: { target: string[] }[] }[];
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.help} at ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

describe.skipIf(!hasChromium)('a secretariat day in the console (Chromium)', () => {
  let browser: Browser;
  let context: BrowserContext;
  let shots: string;
  const meetingId = `e2e-day-${Math.random().toString(36).slice(2, 8)}`;
  const organisations = ['Alpha Institute', 'Béta Ministry', 'Gamma University'];

  beforeAll(async () => {
    const token = await (await issuer()).sign({ email: 'officer@itu.int', roles: ['secretariat'] });
    const start = new Date(Date.now() + 40 * 86_400_000);
    const created = await postJson(
      '/api/meetings',
      {
        meetingId,
        number: 83,
        title: 'Secretariat day meeting',
        organisers: ['ITU'],
        format: 'in-person',
        startsAt: start.toISOString(),
        endsAt: new Date(start.getTime() + 2 * 3_600_000).toISOString(),
        timeZone: 'Europe/Zurich',
        languages: ['en'],
        objectives: ['A full room'],
        capacity: 1,
        requiresApproval: true,
      },
      FROM,
      { authorization: `Bearer ${token}` },
    );
    expect(created.status, created.text).toBe(201);
    for (const [i, organisation] of organisations.entries()) {
      const email = uniqueEmail(`day${i}`);
      const sent = await postJson(
        `/api/meetings/${meetingId}/registrations`,
        {
          name: `Delegate ${['One', 'Two', 'Three'][i]}`,
          email,
          organisation,
          category: 'member-state',
          country: 'SN',
          title: 'Director',
          privacyConsent: true,
        },
        `127.0.41.${i + 1}`,
      );
      expect(sent.status).toBe(202);
      await waitForEmails(email, /./);
    }
    // Confirmed through the store, as the emailed link would.
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

    shots = mkdtempSync(join(tmpdir(), 'u4ssc-e2e-console-'));
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update'],
    });
    context = await browser.newContext({ bypassCSP: true, viewport: { width: 1280, height: 900 } });
    const { cookie } = await consoleSignIn('secretariat@demo.u4ssc.local', FROM);
    const [name, ...value] = cookie.split('=');
    await context.addCookies([{ name: name ?? '', value: value.join('='), url: platform.baseUrl }]);
  });

  afterAll(async () => {
    await context?.close();
    await browser?.close();
    if (shots) process.stderr.write(`console screenshots: ${shots}\n`);
  });

  it('dashboard → search → row approve → bulk on a full meeting → truthful message → resend refused, all accessible', async () => {
    const page = await context.newPage();
    const violations: string[] = [];
    const check = async (name: string) => {
      violations.push(...(await seriousViolations(page)).map((v) => `${name}: ${v}`));
      await page.screenshot({ path: join(shots, `${name}.png`), fullPage: true });
    };

    // The dashboard: three waiting for a decision on this meeting.
    await page.goto(`${platform.baseUrl}/console`);
    expect(await page.locator('h1').textContent()).toBe('Dashboard');
    const pending = page.locator(`a[href="/console/meetings/${meetingId}/registrations?status=pending"]`);
    expect(await pending.textContent()).toBe('3');
    await check('1-dashboard');
    await pending.click();
    await page.waitForURL(/status=pending/);
    expect(await page.locator('tbody tr').count()).toBe(3);
    await check('2-pending');

    // Search, accents and case ignored.
    await page.locator('#q').fill('beta');
    await page.locator('form[role=search] button').click();
    await page.waitForURL(/q=beta/);
    expect(await page.locator('tbody tr').count()).toBe(1);
    expect(await page.locator('tbody tr td').nth(3).textContent()).toBe('Béta Ministry');
    await check('3-search');

    // The row's own Approve button: back to the same search, with what happened.
    await page.locator('tbody tr button', { hasText: 'Approve' }).click();
    await page.waitForURL(/done=/);
    expect(page.url()).toContain('q=beta');
    expect(await page.locator('p.notice[role=status]').textContent()).toBe('1 approved.');

    // The rest in bulk, while the only seat is taken: both join the waiting list, and the page says so.
    await page.goto(`${platform.baseUrl}/console/meetings/${meetingId}/registrations?status=pending`);
    await page.getByRole('link', { name: 'Select all on this page' }).click();
    await page.waitForURL(/select=all/);
    expect(await page.locator('input[name=registrationIds]:checked').count()).toBe(2);
    await page.getByRole('button', { name: 'Apply to the selected' }).click();
    await page.waitForURL(/done=/);
    expect(await page.locator('p.notice[role=status]').textContent()).toBe('2 put on the waiting list.');
    await check('4-bulk-full');

    // Promoting by hand while the meeting is full is refused, with the reason.
    await page.goto(`${platform.baseUrl}/console/meetings/${meetingId}/registrations?status=waitlisted`);
    await page.locator('tbody tr').first().locator('a').first().click();
    await page.waitForURL(/\/registrations\/[^?]+$/);
    await check('5-registration');
    await page.getByRole('button', { name: 'Promote' }).click();
    await page.waitForURL(/done=/);
    expect(await page.locator('p.notice[role=status]').textContent()).toContain(
      '1 not changed: No seat is free (1 of 1 taken): it stays on the waiting list.',
    );

    // The email log: a confirmation email of a confirmed registration is not sent again.
    await page.goto(`${platform.baseUrl}/console/emails?meetingId=${meetingId}`);
    await check('6-email-log');
    const row = page.locator('tbody tr', { hasText: 'verify-email.to-registrant' }).first();
    await row.locator('a').first().click();
    await page.waitForURL(/\/console\/emails\/[^?]+$/);
    await check('7-email');
    await page.getByRole('button', { name: 'Resend' }).click();
    await page.waitForURL(/done=/);
    expect(await page.locator('p.notice[role=status]').textContent()).toMatch(
      /^Not sent again: its confirmation link is for a registration already confirmed, and the registration is now (approved|on the waiting list)\.$/,
    );

    // The other console pages.
    for (const [name, path] of [
      ['8-meeting', `/console/meetings/${meetingId}`],
      ['9-circulars', '/console/circulars'],
    ] as const) {
      await page.goto(`${platform.baseUrl}${path}`);
      await check(name);
    }
    expect(violations).toEqual([]);
  });
});
