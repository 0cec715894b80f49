import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { LANGUAGES } from '../../functions/i18n/languages.ts';
import { messageKeys } from '../../functions/i18n/messages.ts';
import { renderEmail } from '../../functions/mail/render.ts';

const TEMPLATES = readdirSync('templates/emails').sort();
const REGISTRANT_TEMPLATES = TEMPLATES.filter((t) => t.endsWith('.to-registrant'));

const data = (name = 'Amina Diallo') => ({
  name,
  promoted: true,
  cancelsCalendar: true,
  days: 7,
  reason: 'Capacity reserved for city delegations.',
  joiningDetails: 'https://meet.example.org/x\nPasscode 2030',
  meeting: {
    title: 'Seventh U4SSC meeting',
    when: '7 December 2026, 10:00–15:30 Geneva time',
    format: 'Hybrid',
    eventUrl: 'https://www.itu.int/u4ssc',
  },
  links: { manage: 'https://u4ssc.example/m?token=abc', verify: 'https://u4ssc.example/v?token=def' },
});

describe('email templates', () => {
  it('exist in all six languages for everything sent to the public (internal notices are in English)', () => {
    expect(TEMPLATES.length).toBeGreaterThanOrEqual(8);
    for (const template of TEMPLATES.filter((t) => t.endsWith('.to-registrant') || t.endsWith('.to-recipient'))) {
      expect(readdirSync(`templates/emails/${template}`).sort(), template).toEqual(
        LANGUAGES.map((lang) => `${lang}.hbs`),
      );
    }
  });

  it.each(REGISTRANT_TEMPLATES.flatMap((template) => LANGUAGES.map((lang) => [template, lang] as const)))(
    '%s renders in %s, with a self-service link',
    (template, lang) => {
      const email = renderEmail(template, lang, data());
      expect(email.subject.length).toBeGreaterThan(5);
      expect(email.subject).not.toMatch(/[\r\n]/);
      expect(email.text).toContain('Amina Diallo');
      expect(email.text).toContain('https://u4ssc.example/m?token=abc');
      expect(email.html).toContain(`<html lang="${lang}" dir="${lang === 'ar' ? 'rtl' : 'ltr'}">`);
    },
  );

  it.each(LANGUAGES)('the circular notice renders in %s with the link to the PDF', (lang) => {
    const email = renderEmail('circular-issued.to-recipient', lang, {
      name: 'Ministry of ICT',
      circular: { reference: 'TSB Circular 352', subject: 'Sixth U4SSC meeting' },
      links: { pdf: 'https://u4ssc.example/circulars/x/en.pdf' },
    });
    expect(email.subject).toContain('TSB Circular 352');
    expect(email.text).toContain('https://u4ssc.example/circulars/x/en.pdf');
  });

  it.each([
    [
      'approval-digest.to-secretariat',
      {
        count: 2,
        items: [{ meeting: 'M', name: 'A', organisation: 'O', since: '2026-11-01' }],
        more: 1,
        links: { console: 'https://x/console' },
      },
    ],
    ['ip-lead-quarterly.to-officer', { name: 'N', quarter: '2026-Q4', ipLead: 'L' }],
    ['term-expiry.to-officer', { name: 'N', holder: 'H', office: 'Chair', days: 60, termEnd: '1 January 2027' }],
    ['hub-report-due.to-hub', { name: 'N', hub: 'Hub', year: 2025 }],
    [
      'hub-report-submitted.to-secretariat',
      { name: 'S', hub: 'Hub', year: 2025, edition: 1, links: { report: 'https://x/r' } },
    ],
    [
      'hub-report-returned.to-hub',
      { name: 'N', hub: 'Hub', year: 2025, edition: 1, comment: 'Add Q3.', links: { report: 'https://x/r' } },
    ],
    [
      'hub-report-published.to-partner',
      {
        name: 'N',
        hub: 'Hub',
        year: 2025,
        edition: 2,
        corrects: 'The Q3 figures.',
        links: { page: 'https://x/hubs/reports', documents: [{ lang: 'en', url: 'https://x/en.pdf', sha256: 'ab' }] },
      },
    ],
    ['hub-report-overdue.to-secretariat', { year: 2025, count: 1, hubs: [{ name: 'Hub', contact: 'h@x.org' }] }],
  ])('the internal notice %s renders', (template, values) => {
    const email = renderEmail(template, 'en', values);
    expect(email.subject.length).toBeGreaterThan(5);
    expect(email.text.length).toBeGreaterThan(20);
  });

  it('escapes values in HTML and leaves them as they are in text', () => {
    const email = renderEmail('registration-pending.to-registrant', 'en', data('<script>alert(1)</script> & "Co"'));
    expect(email.html).not.toContain('<script>');
    expect(email.html).toContain('&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;Co&quot;');
    expect(email.text).toContain('<script>alert(1)</script> & "Co"');
  });

  it('a value cannot smuggle a button or a link into the HTML', () => {
    const email = renderEmail(
      'registration-pending.to-registrant',
      'en',
      data('"><a href="https://evil.example">x</a>'),
    );
    expect(email.html).not.toContain('href="https://evil.example"');
  });

  it('a missing value fails the render and names the field', () => {
    const incomplete = { ...data(), meeting: { title: 'T', format: 'Virtual', eventUrl: null } };
    expect(() => renderEmail('registration-pending.to-registrant', 'en', incomplete)).toThrow(/"when"/);
  });

  it('an unknown language falls back to English; an unknown template is refused', () => {
    expect(renderEmail('registration-pending.to-registrant', 'xx', data()).subject).toMatch(/^Registration received/);
    expect(() => renderEmail('../../etc/passwd', 'en', data())).toThrow(/Invalid email template name/);
  });
});

describe('page catalogues', () => {
  it('have the same keys in all six languages', () => {
    const english = messageKeys('en').sort();
    for (const lang of LANGUAGES) expect(messageKeys(lang).sort(), lang).toEqual(english);
  });
});
