import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { consoleSignIn, issuer, platform, request, waitForEmails } from '../integration/support.ts';

/**
 * Governance in a real browser: a city applies for a hub from the public form in Russian and
 * confirms its address; a partner's focal point votes on an electronic decision from the
 * console. The public pages pass axe-core (WCAG 2.1 A and AA, no serious or critical issue).
 */
const CHROMIUM = '/usr/bin/chromium';
const hasChromium = existsSync(CHROMIUM);
const FROM = '127.0.0.95';
const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

async function seriousViolations(page: Page): Promise<string[]> {
  await page.addScriptTag({ content: AXE });
  const violations = (await page.evaluate(
    `axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } }).then((r) => r.violations)`,
  )) as { id: string; impact: string | null; help: string }[];
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.help}`);
}

describe.skipIf(!hasChromium)('governance in the browser', () => {
  let browser: Browser;

  beforeAll(async () => {
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    });
  });
  afterAll(async () => browser?.close());

  it('a city submits a hub request from the public form in Russian and confirms it', async () => {
    const page = await (await browser.newContext({ bypassCSP: true })).newPage();
    await page.goto(`${platform.baseUrl}/hub-requests/new?lang=ru`);
    expect(await seriousViolations(page)).toEqual([]);
    const contact = `e2e.city.${Date.now().toString(36)}@example.org`;
    await page.getByLabel('Название центра').fill('Центр U4SSC Бишкек');
    await page.getByLabel('Страна').fill('Кыргызстан');
    await page.getByLabel('Город (для городского центра)').fill('Бишкек');
    await page.getByLabel('Партнер, с которым вы будете работать').selectOption('unece');
    await page.getByLabel('Ваше имя').fill('Айдана Токтогулова');
    await page.getByLabel('Ваш адрес электронной почты').fill('не адрес');
    await page.getByLabel('Чем будет заниматься центр').fill('Оценка городов по КПЭ U4SSC.');
    await page.getByRole('button', { name: 'Отправить заявку' }).click();
    await expect.poll(() => page.locator('.error-summary').textContent()).toContain('Укажите действительный адрес');
    expect(await page.getByLabel('Название центра').inputValue()).toBe('Центр U4SSC Бишкек');
    await page.getByLabel('Ваш адрес электронной почты').fill(contact);
    await page.getByRole('button', { name: 'Отправить заявку' }).click();
    await expect.poll(() => page.locator('[role=status]').textContent()).toContain('Мы отправили вам письмо');

    const [mail] = await waitForEmails(contact, /Подтвердите заявку/);
    const link = String(mail?.body.text?.match(/https?:\/\/\S+\/verify\S+/)?.[0]);
    await page.goto(link);
    expect(await seriousViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Подтвердить заявку' }).click();
    await expect.poll(() => page.locator('[role=status]').textContent()).toContain('Ваша заявка подтверждена');
    await page.close();
  }, 60_000);

  it('the Annex II page passes axe in Arabic', async () => {
    const page = await (await browser.newContext({ bypassCSP: true })).newPage();
    await page.goto(`${platform.baseUrl}/partners?lang=ar`);
    expect(await page.locator('html').getAttribute('dir')).toBe('rtl');
    expect(await seriousViolations(page)).toEqual([]);
    await page.close();
  });

  it("a partner's focal point votes on an e-decision from the console", async () => {
    const token = await (await issuer()).sign({ email: 'secretariat@demo.u4ssc.local', roles: ['secretariat'] });
    const opened = await request('POST', '/api/governance/requests', {
      from: FROM,
      body: JSON.stringify({
        kind: 'e-decision',
        fields: { title: `Browser motion ${Date.now().toString(36)}`, motion: 'Decided in the browser.' },
        closesAt: new Date(Date.now() + 3_600_000).toISOString(),
      }),
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    });
    expect(opened.status).toBe(201);
    const { cookie } = await consoleSignIn('partner@demo.u4ssc.local', FROM);
    const [name, value] = cookie.split('=');
    const context = await browser.newContext();
    await context.addCookies([{ name: name ?? '', value: value ?? '', url: platform.baseUrl }]);
    const page = await context.newPage();
    await page.goto(`${platform.baseUrl}/console/governance`);
    await page
      .getByRole('link', { name: /Browser motion/ })
      .first()
      .click();
    await page.getByLabel('For', { exact: true }).check();
    await page.getByLabel('Comment', { exact: true }).fill('UNECE supports the motion.');
    await page.getByRole('button', { name: 'Vote' }).click();
    await expect
      .poll(() => page.locator('[role=status]').textContent())
      .toContain('Your vote (for) for unece is recorded.');
    expect(await page.locator('table', { hasText: 'Ballots' }).textContent()).toContain('UNECE supports the motion.');
    await context.close();
  }, 60_000);

  it("the secretariat adds a thematic group from the console's form: errors beside the fields, values kept, axe clean", async () => {
    const { cookie } = await consoleSignIn('secretariat@demo.u4ssc.local', FROM);
    const [name, value] = cookie.split('=');
    const context = await browser.newContext({ bypassCSP: true });
    await context.addCookies([{ name: name ?? '', value: value ?? '', url: platform.baseUrl }]);
    const page = await context.newPage();
    await page.goto(`${platform.baseUrl}/console/circulars`);
    expect(await page.getByRole('link', { name: /^Inbox/ }).getAttribute('href')).toBe(
      '/console/governance?waiting=me',
    );
    await page.goto(`${platform.baseUrl}/console/governance/structure`);
    const form = page.locator('#new-group');
    const groupId = `e2e-group-${Date.now().toString(36)}`;
    await form.getByLabel('Short name (in addresses)').fill(groupId);
    await form.getByLabel('Description').fill('Kept when refused.');
    await form.getByRole('button', { name: 'Add the group' }).click();
    await expect.poll(() => page.locator('#error-summary').textContent()).toContain('Name: Required.');
    expect(await page.locator('#new-group-name-error').textContent()).toBe('Required.');
    expect(await page.locator('#new-group-description').inputValue()).toBe('Kept when refused.');
    expect(await seriousViolations(page)).toEqual([]);
    await page.locator('#new-group-name').fill('Group added in the browser');
    await page.locator('#new-group').getByRole('button', { name: 'Add the group' }).click();
    await expect.poll(() => page.locator('[role=status]').textContent()).toContain('The thematic group is created.');
    expect(await page.getByRole('heading', { name: /Group added in the browser/ }).count()).toBe(1);
    await context.close();
  }, 60_000);

  it('the Board opens a motion from the console: the error beside the field, axe clean, then the request', async () => {
    const { cookie } = await consoleSignIn('board@demo.u4ssc.local', FROM);
    const [name, value] = cookie.split('=');
    const context = await browser.newContext({ bypassCSP: true });
    await context.addCookies([{ name: name ?? '', value: value ?? '', url: platform.baseUrl }]);
    const page = await context.newPage();
    await page.goto(`${platform.baseUrl}/console/governance`);
    await page.getByRole('link', { name: 'Partners Council electronic decision' }).first().click();
    const form = page.locator('#open-e-decision');
    const title = `Browser-opened motion ${Date.now().toString(36)}`;
    await form.getByLabel('Title of the motion').fill(title);
    await form.getByRole('button', { name: 'Open the request' }).click();
    await expect.poll(() => page.locator('#open-e-decision-motion-error').textContent()).toBe('Required.');
    expect(await page.locator('#open-e-decision-closesAt-error').textContent()).toBe('Give a date and a time.');
    expect(await page.locator('#open-e-decision-title').inputValue()).toBe(title);
    expect(await seriousViolations(page)).toEqual([]);
    await page.locator('#open-e-decision-motion').fill('The Partners Council adopts the plan.');
    await page.locator('#open-e-decision-closesAt').fill('2040-06-30T12:00');
    await page.locator('#open-e-decision').getByRole('button', { name: 'Open the request' }).click();
    await expect
      .poll(() => page.locator('[role=status]').textContent())
      .toContain('Opened: the request is now voting.');
    expect(await page.locator('main').textContent()).toContain(title);
    await context.close();
  }, 60_000);
});
