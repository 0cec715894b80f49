import { beforeAll, describe, expect, it } from 'vitest';
import { LANGUAGES, type Lang } from '../../functions/i18n/languages.ts';
import { messageKeys, translate } from '../../functions/i18n/messages.ts';
import {
  follow,
  issuer,
  linkIn,
  postForm,
  postJson,
  request,
  type SentEmail,
  uniqueEmail,
  waitForEmails,
} from './support.ts';

/**
 * Every public page in each of the six languages: fetched with `?lang=`, it carries the right
 * `lang` and `dir`, a language switcher, links that keep the language, and none of the English
 * interface strings whose wording differs in that language (values people entered apart).
 */
const FROM = '127.0.0.63';
let ip = 0;
const anyIp = () => `127.0.63.${(ip++ % 250) + 2}`;
let secretariat: Record<string, string>;
let meetingId: string;

/** English interface strings that the other language words differently, placeholders cut out. */
function englishStrings(lang: Lang): string[] {
  const found = new Set<string>();
  for (const key of messageKeys('en')) {
    const english = translate('en', key);
    if (translate(lang, key) === english) continue;
    for (const part of english.split(/\{\w+\}/)) {
      const piece = part.trim().replace(/[.:*…]+$/, '');
      // Short fragments ("Format") can be part of a meeting's own words; keep phrases.
      if (piece.length >= 12 || (piece.length >= 6 && !part.includes('{'))) found.add(piece);
    }
  }
  return [...found];
}

const decode = (text: string) =>
  text
    .replace(/&quot;/g, '"')
    .replace(/&#x27;|&#39;/g, "'")
    .replace(/&#x3D;/g, '=')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');

/** What a reader sees or hears: the text, the title and the labels of the page. */
function visibleText(html: string): string {
  const labels = [...html.matchAll(/\s(?:aria-label|title|alt|placeholder)="([^"]*)"/g)].map((m) => m[1]);
  const text = html
    .replace(/<style[\s\S]*?<\/style>/g, ' ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/\s+/g, ' ');
  return decode(`${text} ${labels.join(' ')}`);
}

/** The meeting's own words the page shows (entered by people, English where not translated). */
const PEOPLE_WROTE = [
  'Languages test meeting',
  'Check every page in every language',
  'Amina Diallo',
  'Ministry of Digital Economy',
  'Director of Smart Cities',
];

function assertInLanguage(html: string, lang: Lang, page: string) {
  expect(html, page).toContain(`<html lang="${lang}" dir="${lang === 'ar' ? 'rtl' : 'ltr'}">`);
  if (lang === 'en') return;
  let text = visibleText(html);
  for (const value of PEOPLE_WROTE) text = text.replaceAll(value, ' ');
  const literal = (value: string) => value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const leaks = englishStrings(lang).filter((english) =>
    new RegExp(`(?<![\\p{L}])${literal(english)}(?![\\p{L}])`, 'u').test(text),
  );
  expect(leaks, `${page} in ${lang} shows English`).toEqual([]);
}

/** Every local link keeps the language, except the switcher's own links to the other languages. */
function assertLinksKeep(html: string, lang: Lang, page: string) {
  const nav = /<nav class="languages"[\s\S]*?<\/nav>/.exec(html)?.[0] ?? '';
  expect(nav, `${page}: language switcher`).not.toBe('');
  for (const code of LANGUAGES) expect(nav).toMatch(new RegExp(`href="[^"]*lang=${code}"`));
  const rest = html.replace(nav, '');
  const local = [...rest.matchAll(/\s(?:href|action)="(\/[^"]*)"/g)].map((m) => decode(m[1] ?? ''));
  expect(local.length, page).toBeGreaterThan(0);
  for (const href of local) {
    if (href.startsWith('#') || /\.(json|pdf|ics)(\?|$)/.test(href)) continue;
    expect(href, `${page}: ${href}`).toContain(`lang=${lang}`);
  }
}

const getPage = (path: string, headers: Record<string, string> = {}) =>
  request('GET', path, { from: FROM, headers: { accept: 'text/html', ...headers } });

beforeAll(async () => {
  const local = await issuer();
  secretariat = { authorization: `Bearer ${await local.sign({ email: 'officer@itu.int', roles: ['secretariat'] })}` };
  const start = new Date(Date.now() + 15 * 86_400_000);
  const created = await postJson(
    '/api/meetings',
    {
      meetingId: `it-lang-${Math.random().toString(36).slice(2, 8)}`,
      number: 61,
      title: 'Languages test meeting',
      organisers: ['ITU'],
      format: 'hybrid',
      startsAt: start.toISOString(),
      endsAt: new Date(start.getTime() + 2 * 3_600_000).toISOString(),
      timeZone: 'Europe/Zurich',
      languages: ['en'],
      objectives: ['Check every page in every language'],
      joiningDetails: 'Room K1, https://meet.example.org/lang',
    },
    FROM,
    secretariat,
  );
  expect(created.status, created.text).toBe(201);
  meetingId = created.json<{ meetingId: string }>().meetingId;
});

describe('public pages in the reader’s language', () => {
  for (const lang of LANGUAGES) {
    it(`home, meeting, form, errors, verification and self-service pages in ${lang}`, async () => {
      for (const path of ['/', `/meetings/${meetingId}`, `/meetings/${meetingId}/register`, '/meetings/u4ssc-6']) {
        const page = await getPage(`${path}?lang=${lang}`);
        expect(page.status, path).toBe(200);
        assertInLanguage(page.text, lang, path);
        assertLinksKeep(page.text, lang, path);
      }

      const missing = await getPage(`/no-such-page?lang=${lang}`);
      expect(missing.status).toBe(404);
      assertInLanguage(missing.text, lang, '404');
      expect(missing.text).toContain(translate(lang, 'errorPage.s404.title'));
      expect(missing.text).toContain(`href="/?lang=${lang}"`);

      const unknownMeeting = await getPage(`/meetings/no-such-meeting?lang=${lang}`);
      expect(unknownMeeting.status).toBe(404);
      assertInLanguage(unknownMeeting.text, lang, 'unknown meeting');

      // A form sent empty comes back in the language, with the errors.
      const refused = await postForm(`/meetings/${meetingId}/register?lang=${lang}`, { lang }, anyIp());
      expect(refused.status).toBe(400);
      assertInLanguage(refused.text, lang, 'refused form');

      const email = uniqueEmail(`lang-${lang}`);
      const submitted = await postJson(
        `/api/meetings/${meetingId}/registrations`,
        {
          name: 'Amina Diallo',
          email,
          organisation: 'Ministry of Digital Economy',
          title: 'Director of Smart Cities',
          category: 'member-state',
          country: 'SN',
          privacyConsent: true,
          language: lang,
        },
        anyIp(),
      );
      expect(submitted.status, submitted.text).toBe(202);
      const [mail] = await waitForEmails(email, /./);
      // The email's brand line and footer are in the language too.
      expect(mail?.body.html).toContain(translate(lang, 'site.name'));
      expect(mail?.body.html).toContain(translate(lang, 'email.footer'));
      const link = new URL(linkIn(mail as SentEmail, '/verify'));
      expect(link.searchParams.get('lang')).toBe(lang);

      const verify = await getPage(`${link.pathname}${link.search}`);
      expect(verify.status).toBe(200);
      assertInLanguage(verify.text, lang, 'verify');
      assertLinksKeep(verify.text, lang, 'verify');

      const invalid = await getPage(`${link.pathname}?token=${'x'.repeat(43)}&lang=${lang}`);
      expect(invalid.status).toBe(410);
      assertInLanguage(invalid.text, lang, 'invalid link');

      const sent = await postForm(
        `${link.pathname}${link.search}`,
        { token: link.searchParams.get('token') ?? '', lang },
        anyIp(),
      );
      expect(String(sent.headers.location)).toContain(`lang=${lang}`);
      const manage = await follow(sent);
      expect(manage.status).toBe(200);
      assertInLanguage(manage.text, lang, 'self-service');
      assertLinksKeep(manage.text, lang, 'self-service');
      expect(manage.text).toContain(translate(lang, 'verify.title'));

      // The link opened again says the registration is confirmed, in the language.
      const reused = await getPage(`${link.pathname}${link.search}`);
      assertInLanguage(reused.text, lang, 'reused link');
      expect(reused.text).toContain(translate(lang, 'verify.alreadyTitle'));

      // Withdrawing asks first, in the language; withdrawn, the page offers to register again.
      const ask = decode(/href="([^"]*\/withdraw\?[^"]*)"/.exec(manage.text)?.[1] ?? '');
      const question = await getPage(ask);
      expect(question.status).toBe(200);
      assertInLanguage(question.text, lang, 'withdraw question');
      assertLinksKeep(question.text, lang, 'withdraw question');
      const token = new URL(ask, 'http://x').searchParams.get('token') ?? '';
      const registration = link.pathname.replace(/\/verify$/, '');
      const withdrawn = await follow(await postForm(`${registration}/withdraw?lang=${lang}`, { token }, anyIp()));
      assertInLanguage(withdrawn.text, lang, 'withdrawn');
      expect(withdrawn.text).toContain(translate(lang, 'manage.registerAgain'));

      // The form's answer, after its redirect, in the language.
      const registered = await postForm(
        `/meetings/${meetingId}/register?lang=${lang}`,
        {
          lang,
          name: 'Amina Diallo',
          email: uniqueEmail(`lang2-${lang}`),
          organisation: 'Ministry of Digital Economy',
          title: 'Director of Smart Cities',
          category: 'member-state',
          country: 'SN',
          privacyConsent: 'on',
        },
        anyIp(),
      );
      expect(registered.status).toBe(303);
      const checkEmail = await follow(registered);
      assertInLanguage(checkEmail.text, lang, 'check your email');
      assertLinksKeep(checkEmail.text, lang, 'check your email');
      expect(checkEmail.text).toContain(translate(lang, 'register.checkEmailTitle'));
    });
  }

  it('a first visit without a choice follows Accept-Language, by preference', async () => {
    const russian = await getPage('/', { 'accept-language': 'ru-RU,ru;q=0.9,en;q=0.8' });
    expect(russian.text).toContain('<html lang="ru" dir="ltr">');
    expect(russian.text).toContain(`href="/meetings/u4ssc-6?lang=ru"`);
    const arabic = await getPage(`/meetings/${meetingId}`, { 'accept-language': 'fr;q=0.5, de, ar;q=0.8' });
    expect(arabic.text).toContain('<html lang="ar" dir="rtl">');
    const missing = await getPage('/nowhere', { 'accept-language': 'zh-CN' });
    expect(missing.text).toContain('<html lang="zh" dir="ltr">');
    const none = await getPage('/', { 'accept-language': 'de-DE, ja' });
    expect(none.text).toContain('<html lang="en" dir="ltr">');
    // An explicit choice wins over the browser's.
    const chosen = await getPage('/?lang=es', { 'accept-language': 'ru' });
    expect(chosen.text).toContain('<html lang="es" dir="ltr">');
  });

  it('a page that is not found never links to another site from its language switcher', async () => {
    const page = await getPage('//evil.example/x?lang=fr');
    expect(page.text).not.toContain('evil.example');
  });
});
