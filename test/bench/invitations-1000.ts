import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { renderPdf } from '../../functions/documents/pdf.ts';
import { isLang, LANGUAGES, type Lang } from '../../functions/i18n/languages.ts';
import { renderEmail } from '../../functions/mail/render.ts';
import type { Meeting } from '../../functions/meetings/meeting.ts';
import { invitationDocument } from '../../functions/registrations/invitation.ts';
import { manageLink, registrantMessage } from '../../functions/registrations/notifications.ts';
import type { Registration } from '../../functions/registrations/registration.ts';
import { templatesDir } from '../../functions/templates-dir.ts';
import { MEETING_6 } from '../../infra/local/seed-data.ts';
import { type Benchmark, progress } from './benchmark.ts';
import { round, summarize } from './stats.ts';

/**
 * 1,000 personalised invitations in one process, as approving a whole meeting would make them:
 * for each synthetic approved registration, the invitation PDF (`renderPdf(invitationDocument(…))`)
 * and its email ('registration-approved.to-registrant'), keeping nothing. Time and peak memory
 * (RSS and heap sampled every 50 ms by a timer, and at the end), against a baseline in the same
 * run: the same loop producing only the emails. The baseline runs first, so that it does not
 * inherit the heap the PDFs grew.
 */
const DEFAULT_COUNT = 1_000;
const SAMPLE_MS = 50;
const TEMPLATE = 'registration-approved.to-registrant';
const MB = 1024 * 1024;
const NOW = new Date('2021-11-20T10:00:00.000Z');
const BASE_URL = 'https://u4ssc.example';

const MEETING: Meeting = {
  ...MEETING_6,
  joiningDetails: 'https://itu.zoom.us/j/92345678901\nPasscode: 2021',
  requiresApproval: true,
  seatsTaken: 0,
  calendarSequence: 0,
  notifiedSequence: 0,
  retentionDays: 180,
  version: 1,
};

/** Given and family names in each language's script, so that every font path is taken. */
const NAMES: Record<Lang, { given: string[]; family: string[] }> = {
  en: {
    given: ['Amina', 'John', 'Maria', 'Kwame', 'Priya', 'Lars', 'Chen', 'Olga', 'Diego', 'Fatima'],
    family: ['Diallo', 'Smith', 'García', 'Mensah', 'Sharma', 'Johansson', 'Wei', 'Petrova', 'Fernández', 'Haddad'],
  },
  ru: {
    given: ['Анна', 'Иван', 'Мария', 'Сергей', 'Ольга', 'Дмитрий', 'Елена', 'Алексей', 'Наталья', 'Павел'],
    family: [
      'Иванова',
      'Петров',
      'Смирнова',
      'Кузнецов',
      'Попова',
      'Соколов',
      'Лебедева',
      'Козлов',
      'Новикова',
      'Морозов',
    ],
  },
  fr: {
    given: ['Camille', 'Étienne', 'Zoé', 'François', 'Hélène', 'Loïc', 'Agnès', 'Benoît', 'Cécile', 'Jérôme'],
    family: [
      'Dubois',
      'Lefèvre',
      'Moreau',
      'Girard',
      'Bonnet',
      'Rousseau',
      'Fontaine',
      'Chevalier',
      'Mercier',
      'Blanc',
    ],
  },
  es: {
    given: ['José', 'Lucía', 'Martín', 'Sofía', 'Andrés', 'Valentina', 'Íñigo', 'Ana', 'Raúl', 'Carmen'],
    family: ['Rodríguez', 'Núñez', 'Martínez', 'Gómez', 'Peña', 'Sánchez', 'López', 'Muñoz', 'Ibáñez', 'Ortega'],
  },
  ar: {
    given: ['أحمد', 'فاطمة', 'محمد', 'ليلى', 'يوسف', 'مريم', 'عمر', 'سارة', 'خالد', 'نور'],
    family: ['الحسن', 'المنصور', 'العلي', 'الخطيب', 'النجار', 'حداد', 'الشامي', 'يوسف', 'سليمان', 'القاسم'],
  },
  zh: {
    given: ['伟', '芳', '娜', '敏', '静', '磊', '洋', '艳', '勇', '军'],
    family: ['王', '李', '张', '刘', '陈', '杨', '黄', '赵', '吴', '周'],
  },
};
const TITLES = ['Head of Smart City Programmes', 'Chief Digital Officer', 'Policy Adviser', 'Senior Engineer'];
const ORGANISATIONS = ['City of Geneva', 'Ministry of ICT', 'Dubai Digital Authority', 'University of Porto', 'UNECE'];
const COUNTRIES = ['CH', 'RU', 'FR', 'ES', 'AE', 'CN', 'GH', 'IN', 'SE', 'BR'];

/** en and ru alternate first; then every other language that has an invitation template. */
function invitationLanguages(): Lang[] {
  const present = new Set(
    readdirSync(join(templatesDir(), 'documents', 'invitation'))
      .filter((f) => f.endsWith('.hbs'))
      .map((f) => f.slice(0, -4)),
  );
  const ordered: Lang[] = ['en', 'ru', ...LANGUAGES.filter((l) => l !== 'en' && l !== 'ru')];
  return ordered.filter((lang) => isLang(lang) && present.has(lang));
}

function registration(i: number, lang: Lang): Registration {
  const names = NAMES[lang];
  const given = names.given[i % names.given.length] as string;
  const family = names.family[Math.floor(i / names.given.length) % names.family.length] as string;
  const name = lang === 'zh' ? `${family}${given}` : `${given} ${family}`;
  const id = `${i.toString(16).padStart(8, '0')}-bench-4000-8000-${String(i).padStart(12, '0')}`;
  return {
    meetingId: MEETING.meetingId,
    registrationId: id,
    name,
    email: `participant.${i}@example.org`,
    organisation: ORGANISATIONS[i % ORGANISATIONS.length] as string,
    category: 'member-state',
    country: COUNTRIES[i % COUNTRIES.length] as string,
    title: TITLES[i % TITLES.length] as string,
    language: lang,
    listConsent: i % 2 === 0,
    status: 'approved',
    statusAt: NOW.toISOString(),
    holdsSeat: true,
    privacyConsentAt: NOW.toISOString(),
    manageToken: `token${i.toString(36).padStart(20, '0')}`,
    createdAt: NOW.toISOString(),
    verifiedAt: NOW.toISOString(),
    version: 3,
  };
}

/** The email's data as the approval puts it into the outbox, with the links the sender adds. */
function emailData(r: Registration): Record<string, unknown> {
  const { data } = registrantMessage({
    event: 'registration-approved',
    occurrence: r.version,
    registration: r,
    meeting: MEETING,
    calendar: 'REQUEST',
    extra: { joiningDetails: MEETING.joiningDetails ?? null, promoted: false },
  });
  return { ...data, links: { manage: manageLink(BASE_URL, r) } };
}

interface Peak {
  rssMB: number;
  heapMB: number;
  samples: number;
}

/** Samples RSS and heap every SAMPLE_MS until stopped; stopping takes a last sample. */
function memorySampler() {
  const peak = { rss: 0, heap: 0, samples: 0 };
  const sample = () => {
    const { rss, heapUsed } = process.memoryUsage();
    peak.rss = Math.max(peak.rss, rss);
    peak.heap = Math.max(peak.heap, heapUsed);
    peak.samples++;
  };
  sample();
  const timer = setInterval(sample, SAMPLE_MS);
  return {
    stop(): Peak {
      clearInterval(timer);
      sample();
      return { rssMB: mb(peak.rss), heapMB: mb(peak.heap), samples: peak.samples };
    },
  };
}

const mb = (bytes: number) => Math.round((bytes / MB) * 10) / 10;

async function loop(count: number, languages: Lang[], withPdf: boolean) {
  const sampler = memorySampler();
  const perInvitation: number[] = [];
  let pdfBytes = 0;
  let emailBytes = 0;
  const byLanguage = new Map<Lang, number[]>();
  const started = performance.now();
  let lastYield = started;
  for (let i = 0; i < count; i++) {
    // renderPdf settles without returning to the event loop, so the sampling timer would never
    // fire: give it its turn about every SAMPLE_MS (a few microseconds, a few hundred times).
    if (performance.now() - lastYield >= SAMPLE_MS) {
      await new Promise((resolve) => setImmediate(resolve));
      lastYield = performance.now();
    }
    const t = performance.now();
    const lang = languages[i % languages.length] as Lang;
    const r = registration(i, lang);
    if (withPdf) {
      const pdf = await renderPdf(
        invitationDocument({ registration: r, meeting: MEETING, now: NOW, contactEmail: 'u4ssc@itu.int' }),
      );
      pdfBytes += pdf.length;
    }
    const email = renderEmail(TEMPLATE, lang, emailData(r));
    emailBytes += email.html.length + email.text.length;
    const ms = performance.now() - t;
    perInvitation.push(ms);
    const list = byLanguage.get(lang) ?? [];
    list.push(ms);
    byLanguage.set(lang, list);
    if ((i + 1) % 200 === 0) progress(`${withPdf ? 'PDF + email' : 'email only'}: ${i + 1}/${count}`);
  }
  const seconds = (performance.now() - started) / 1000;
  const peak = sampler.stop();
  return {
    count,
    seconds: round(seconds),
    perInvitationMs: round((seconds * 1000) / count),
    perInvitation: summarize(perInvitation),
    medianMsByLanguage: Object.fromEntries([...byLanguage].map(([lang, list]) => [lang, summarize(list).median])),
    peakRssMB: peak.rssMB,
    peakHeapMB: peak.heapMB,
    memorySamples: peak.samples,
    ...(withPdf ? { meanPdfBytes: Math.round(pdfBytes / count) } : {}),
    meanEmailChars: Math.round(emailBytes / count),
  };
}

export const invitations1000: Benchmark = {
  name: 'invitations-1000',
  description: '1,000 personalised invitation PDFs and emails in one process (time, peak memory), against emails only',
  async run() {
    const raw = process.env.BENCH_INVITATIONS;
    const count = raw === undefined || raw.trim() === '' ? DEFAULT_COUNT : Number(raw);
    if (!Number.isInteger(count) || count < 1) throw new Error(`BENCH_INVITATIONS must be a positive integer`);
    const languages = invitationLanguages();
    const memory = process.memoryUsage();
    const before = { rssMB: mb(memory.rss), heapMB: mb(memory.heapUsed) };
    progress(`languages: ${languages.join(', ')}; baseline RSS ${before.rssMB} MB`);

    progress(`baseline: ${count} approval emails only`);
    const emailsOnly = await loop(count, languages, false);
    progress(`${emailsOnly.seconds} s`);
    progress(`${count} invitation PDFs and emails`);
    const invitations = await loop(count, languages, true);
    progress(`${invitations.seconds} s, peak RSS ${invitations.peakRssMB} MB`);

    return {
      benchmark: 'invitations-1000',
      languages,
      before,
      invitations,
      emailsOnly,
      ratio: round(invitations.seconds / emailsOnly.seconds),
      node: process.version,
      measuredAt: new Date().toISOString(),
    };
  },
};
