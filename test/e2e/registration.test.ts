import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  issuer,
  linkIn,
  platform,
  postJson,
  type SentEmail,
  uniqueEmail,
  waitForEmails,
} from '../integration/support.ts';

/**
 * Registering for a meeting in a real browser (headless Chromium), in English, Russian and
 * Arabic: the form with its error summary, the check-your-email page, the emailed link and the
 * confirmation. Every expected word comes from the catalogues in templates/, not from this file.
 */
const CHROMIUM = '/usr/bin/chromium';
const hasChromium = existsSync(CHROMIUM);

const FROM = '127.0.0.21';
const DAY = 86_400_000;
const templates = new URL('../../templates/', import.meta.url);

type Lang = 'en' | 'ru' | 'ar';

/** A message of templates/i18n/<lang>.json by its dotted key; throws if that language lacks it. */
function t(lang: Lang, key: string): string {
  let value: unknown = JSON.parse(readFileSync(new URL(`i18n/${lang}.json`, templates), 'utf8'));
  for (const part of key.split('.')) value = (value as Record<string, unknown> | undefined)?.[part];
  if (typeof value !== 'string') throw new Error(`No message "${key}" in templates/i18n/${lang}.json`);
  return value;
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The subject of the verification email in a language, for a meeting title, as a pattern. */
function verifySubject(lang: Lang, meetingTitle: string): RegExp {
  const source = readFileSync(new URL(`emails/verify-email.to-registrant/${lang}.hbs`, templates), 'utf8');
  const subject = source.match(/\{\{#\*inline "subject"\}\}(.*?)\{\{\/inline\}\}/s)?.[1];
  if (!subject) throw new Error(`No subject in the ${lang} verification email template`);
  return new RegExp(`^${escapeRegExp(subject.replaceAll('{{meeting.title}}', meetingTitle).trim())}$`);
}

async function expectDocumentLanguage(page: Page, lang: Lang) {
  const root = page.locator('html');
  expect(await root.getAttribute('lang')).toBe(lang);
  expect(await root.getAttribute('dir')).toBe(lang === 'ar' ? 'rtl' : 'ltr');
}

const cases: { lang: Lang; name: string; organisation: string; title: string; country: string }[] = [
  {
    lang: 'en',
    name: 'Amina Diallo',
    organisation: 'Ministry of Digital Economy',
    title: 'Head of Smart City Unit',
    country: 'FR',
  },
  {
    lang: 'ru',
    name: 'Анна Петровна Смирнова',
    organisation: 'Министерство цифрового развития',
    title: 'Руководитель отдела умных городов',
    country: 'RU',
  },
  {
    lang: 'ar',
    name: 'ليلى حسن',
    organisation: 'وزارة الاتصالات وتكنولوجيا المعلومات',
    title: 'مديرة المدن الذكية',
    country: 'EG',
  },
];

describe.skipIf(!hasChromium)(
  hasChromium
    ? 'registering in a browser (headless Chromium)'
    : `registering in a browser: skipped, no Chromium at ${CHROMIUM} (CI installs it; apt-get install chromium)`,
  () => {
    let browser: Browser;
    let meetingId: string;
    let meetingTitle: string;
    let shots: string;

    beforeAll(async () => {
      shots = mkdtempSync(join(tmpdir(), 'u4ssc-e2e-'));
      browser = await chromium.launch({
        executablePath: CHROMIUM,
        args: [
          '--no-sandbox',
          '--disable-gpu',
          '--disable-background-networking',
          '--disable-component-update',
          '--disable-sync',
          '--disable-quic',
          '--no-first-run',
        ],
      });

      const token = await (await issuer()).sign({ email: 'officer@itu.int', roles: ['secretariat'] });
      const number = 900 + Math.floor(Math.random() * 9000);
      meetingId = `e2e-${number}-${Math.random().toString(36).slice(2, 6)}`;
      meetingTitle = `E2E meeting ${number}`;
      const start = new Date(Date.now() + 20 * DAY);
      const created = await postJson(
        '/api/meetings',
        {
          meetingId,
          number,
          title: meetingTitle,
          organisers: ['ITU'],
          format: 'virtual',
          startsAt: start.toISOString(),
          endsAt: new Date(start.getTime() + 3 * 3_600_000).toISOString(),
          timeZone: 'Europe/Zurich',
          languages: ['en'],
          objectives: ['Register through the browser'],
          joiningDetails: 'https://meet.example.org/e2e (passcode 4242)',
        },
        FROM,
        { authorization: `Bearer ${token}` },
      );
      expect(created.status, created.text).toBe(201);
      console.log(`Screenshots: ${shots}`);
    });

    afterAll(async () => {
      await browser?.close();
    });

    it.each(cases)('$lang: form → error summary → check your email → emailed link → confirmed', async (person) => {
      const { lang } = person;
      const email = uniqueEmail(`e2e-${lang}`);
      const context = await browser.newContext({ locale: lang, viewport: { width: 1024, height: 768 } });
      const page = await context.newPage();
      try {
        // The form, in the asked language and direction.
        const response = await page.goto(`${platform.baseUrl}/meetings/${meetingId}/register?lang=${lang}`);
        expect(response?.status()).toBe(200);
        await expectDocumentLanguage(page, lang);
        await page.getByRole('heading', { level: 1, name: `${t(lang, 'register.title')}: ${meetingTitle}` }).waitFor();

        const field = (key: string) => page.getByLabel(`${t(lang, `register.fields.${key}`)} *`, { exact: true });
        const fill = async (address: string) => {
          await field('name').fill(person.name);
          await field('email').fill(address);
          await field('organisation').fill(person.organisation);
          await field('title').fill(person.title);
          await field('category').selectOption({ label: t(lang, 'register.categories.member-state') });
          await field('country').selectOption(person.country);
          await field('privacy').check();
        };
        const submit = page.getByRole('button', { name: t(lang, 'register.submit'), exact: true });

        // The form filled in, as the registrant sees it before sending.
        await fill(email);
        expect(await page.locator('#error-summary').count()).toBe(0);
        await page.screenshot({ path: join(shots, `${lang}-1-form.png`), fullPage: true });

        // Sent first with a mistyped address: the form comes back, filled in, with the error summarised.
        await field('email').fill('not-an-email');
        await submit.click();
        const summary = page.locator('#error-summary');
        await summary.waitFor();
        await expectDocumentLanguage(page, lang);
        expect(await summary.getByRole('heading').textContent()).toBe(t(lang, 'register.errorSummary'));
        // The summary names the field by its label and takes the focus, so it is on screen and read out.
        const named = t(lang, 'register.errorItem')
          .replace('{label}', t(lang, 'register.fields.email'))
          .replace('{message}', t(lang, 'errors.email'));
        expect(await summary.getByRole('link', { name: named, exact: true }).getAttribute('href')).toBe('#email');
        expect(await page.evaluate('document.activeElement && document.activeElement.id')).toBe('error-summary');
        // Inputs show the same focus ring as buttons (the page has no DOM types here: evaluated as text).
        const ringOf = (selector: string) =>
          page.evaluate(
            `(() => { const s = getComputedStyle(document.querySelector(${JSON.stringify(selector)})); return s.outlineStyle + ' ' + s.outlineWidth + ' ' + s.outlineColor; })()`,
          );
        await page.locator('#name').focus();
        const ring = await ringOf('#name');
        await submit.focus();
        const buttonRing = await ringOf('form.stack button[type=submit]');
        expect(ring).toBe('solid 3px rgb(255, 191, 71)');
        expect(ring).toBe(buttonRing);
        expect(await page.locator('#email').getAttribute('aria-invalid')).toBe('true');
        expect(await page.locator('#name').getAttribute('aria-invalid')).toBeNull();
        expect(await page.locator('#name').inputValue()).toBe(person.name);
        expect(await page.locator('#email').inputValue()).toBe('not-an-email');
        expect(await page.locator('#category').inputValue()).toBe('member-state');
        expect(await page.locator('#country').inputValue()).toBe(person.country);
        expect(await page.locator('#privacyConsent').isChecked()).toBe(true);
        await page.screenshot({ path: join(shots, `${lang}-2-error.png`), fullPage: true });

        // Corrected (only the address needs typing again) and sent.
        await field('email').fill(email);
        await submit.click();
        await page.getByRole('heading', { level: 1, name: t(lang, 'register.checkEmailTitle'), exact: true }).waitFor();
        await expectDocumentLanguage(page, lang);
        expect(await page.locator('main').textContent()).toContain(email);
        await page.screenshot({ path: join(shots, `${lang}-3-check-email.png`), fullPage: true });

        // The emailed link, in the same language, opens a page that only asks to confirm.
        const [mail] = await waitForEmails(email, verifySubject(lang, meetingTitle));
        const link = new URL(linkIn(mail as SentEmail, '/verify'));
        expect(link.searchParams.get('lang')).toBe(lang);
        await page.goto(`${platform.baseUrl}${link.pathname}${link.search}`);
        await expectDocumentLanguage(page, lang);
        expect(await page.locator('main').textContent()).toContain(email);
        await page.getByRole('button', { name: t(lang, 'verify.confirm'), exact: true }).click();

        // Confirmed and, as the meeting needs no approval, approved.
        // The confirmation lands on the registration's own page (POST → redirect → GET).
        await page.getByRole('heading', { level: 1, name: t(lang, 'manage.title'), exact: true }).waitFor();
        await page.getByRole('heading', { name: t(lang, 'verify.title'), exact: true }).waitFor();
        expect(new URL(page.url()).searchParams.get('lang')).toBe(lang);
        await expectDocumentLanguage(page, lang);
        await page.getByText(t(lang, 'verify.approved'), { exact: true }).waitFor();
        await page.screenshot({ path: join(shots, `${lang}-4-confirmed.png`), fullPage: true });

        // Withdraw → asked to confirm → withdrawn → register again with the form, in the same language.
        await page.getByRole('link', { name: t(lang, 'manage.withdraw'), exact: true }).click();
        await page.getByRole('heading', { level: 1, name: t(lang, 'manage.withdrawTitle'), exact: true }).waitFor();
        await expectDocumentLanguage(page, lang);
        await page.screenshot({ path: join(shots, `${lang}-5-withdraw-question.png`), fullPage: true });
        await page.getByRole('button', { name: t(lang, 'manage.withdrawYes'), exact: true }).click();
        await page.getByText(t(lang, 'manage.withdrawn'), { exact: true }).waitFor();
        expect(await page.locator('dl.facts strong').textContent()).toBe(t(lang, 'status.withdrawn'));
        await page.getByRole('link', { name: t(lang, 'manage.registerAgain'), exact: true }).click();
        await expectDocumentLanguage(page, lang);
        await fill(email);
        await submit.click();
        await page.getByRole('heading', { level: 1, name: t(lang, 'register.checkEmailTitle'), exact: true }).waitFor();
        expect(await page.locator('main').textContent()).toContain(email);
        await waitForEmails(email, verifySubject(lang, meetingTitle), 2);
      } finally {
        await context.close();
      }
    });
  },
);
