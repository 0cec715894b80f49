import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { longDate } from '../circulars/phrasing.ts';
import type { DocumentModel } from '../documents/model.ts';
import { renderDocument } from '../documents/templates.ts';
import { NotFoundError } from '../errors.ts';
import { isLang, LANGUAGES, type Lang } from '../i18n/languages.ts';
import { type Partner, partnerName } from '../partners/index.ts';
import { templatesDir } from '../templates-dir.ts';
import type { GovernanceRequest } from './request.ts';

/**
 * The governance documents, built from the records: the decision record of a Partners Council
 * electronic decision (ToR §13b), the logo consent letter, the approved work plan and the
 * Annex II list of partners (ToR §12, Annex II), each in the six languages. These build
 * document models only; rendering them to PDF is for the functions that render.
 */
export const DECISION_RECORD_LANGS: readonly Lang[] = LANGUAGES;

const CHOICE_TEXT: Record<Lang, Record<string, string>> = {
  en: { for: 'For', against: 'Against', abstain: 'Abstains', none: 'Did not vote' },
  ru: { for: 'За', against: 'Против', abstain: 'Воздержался', none: 'Не голосовал' },
  fr: { for: 'Pour', against: 'Contre', abstain: 'Abstention', none: 'N’a pas voté' },
  es: { for: 'A favor', against: 'En contra', abstain: 'Abstención', none: 'No votó' },
  zh: { for: '赞成', against: '反对', abstain: '弃权', none: '未投票' },
  ar: { for: 'مؤيد', against: 'معارض', abstain: 'ممتنع', none: 'لم يصوّت' },
};
const PLACE: Record<Lang, string> = {
  en: 'Geneva, {date}',
  ru: 'Женева, {date}',
  fr: 'Genève, le {date}',
  es: 'Ginebra, {date}',
  zh: '日内瓦，{date}',
  ar: 'جنيف، {date}',
};
const percent = (share: number) => `${Math.round(share * 1000) / 10}%`;

/** The reference printed on a decision record, e.g. U4SSC/PC/2026/ED-3K9LMP. */
export const decisionReference = (request: GovernanceRequest) =>
  `U4SSC/PC/${request.createdAt.slice(0, 4)}/ED-${request.requestId.slice(0, 6).toUpperCase()}`;

export function decisionRecordDocument(
  request: GovernanceRequest,
  partners: readonly Partner[],
  lang: string,
): DocumentModel {
  if (request.kind !== 'e-decision' || !request.result || !request.voting) {
    throw new NotFoundError('A decision record exists once an electronic decision has been counted.');
  }
  if (!isLang(lang) || !DECISION_RECORD_LANGS.includes(lang)) {
    throw new NotFoundError(`The decision record is in ${DECISION_RECORD_LANGS.join(', ')}.`);
  }
  const fields = request.fields as { title: string; motion: string };
  const text = CHOICE_TEXT[lang];
  const comma = lang === 'ar' ? '، ' : lang === 'zh' ? ' ' : ', ';
  const when = (iso: string) => `${longDate(iso, 'Europe/Zurich', lang)}${comma}${iso.slice(11, 16)} UTC`;
  const { result, voting } = request;
  // The name in the record's language where the partner's record has one, else English with the acronym.
  const name = (p: Partner) => {
    const own = partnerName(p, lang);
    return own.fallback || lang === 'en' ? `${p.name} (${p.acronym})` : own.name;
  };
  return renderDocument('decision-record', lang, {
    decision: {
      title: fields.title,
      motion: fields.motion,
      reference: decisionReference(request),
      placeAndDate: PLACE[lang].replace('{date}', longDate(result.closedAt, 'Europe/Zurich', lang)),
      opened: when(request.createdAt),
      closed: when(result.closedAt),
    },
    rule: {
      quorum: voting.rule.quorum > 0 ? percent(voting.rule.quorum) : '',
      majority: percent(voting.rule.majority),
    },
    result,
    votes: partners.map((p) => ({ partner: name(p), choice: text[result.ballots[p.partnerId] ?? 'none'] ?? '' })),
  });
}

type Labels = Record<string, string>;
let labels: Record<string, Labels> | undefined;

/** The Annex II page's and document's words, per language (templates/documents/annex-ii/labels.json). */
export function annexLabels(lang: Lang): Labels {
  labels ??= JSON.parse(readFileSync(join(templatesDir(), 'documents', 'annex-ii', 'labels.json'), 'utf8')) as Record<
    string,
    Labels
  >;
  return labels[lang] ?? (labels.en as Labels);
}

/**
 * The partners as Annex II lists them: by acronym, each with its name in the reader's language;
 * where no official name is recorded in it, the English one marked `[en]` (as the KPI catalogue
 * marks its English names), never a name of our own making.
 */
export function annexPartners(partners: readonly Partner[], lang: Lang) {
  return [...partners]
    .sort((a, b) => a.acronym.localeCompare(b.acronym, 'en'))
    .map((p, i) => {
      const { name, fallback } = partnerName(p, lang);
      return {
        number: String(i + 1),
        acronym: p.acronym,
        name: fallback ? `${name} [en]` : name,
        nameLang: fallback ? 'en' : lang,
      };
    });
}

export function annexIIDocument(partners: readonly Partner[], lang: Lang, now: Date): DocumentModel {
  const words = annexLabels(lang);
  const date = longDate(now.toISOString(), 'Europe/Zurich', lang);
  return renderDocument('annex-ii', lang, {
    labels: words,
    placeAndDate: (words.place ?? '{date}').replace('{date}', date),
    asOf: (words.asOf ?? '{date}').replace('{date}', date),
    partners: annexPartners(partners, lang),
  });
}

/** The reference of a logo consent letter, e.g. U4SSC/LOGO/2026/3K9LMP. */
export const consentReference = (request: GovernanceRequest) =>
  `U4SSC/LOGO/${request.createdAt.slice(0, 4)}/${request.requestId.slice(0, 6).toUpperCase()}`;

/** The secretariat's written consent to use the logo (ToR §35–36, Annex I §4), once given. */
export function consentLetterDocument(request: GovernanceRequest, lang: string, consentedAt: string): DocumentModel {
  if (request.kind !== 'logo-consent' || request.state !== 'consented') {
    throw new NotFoundError('A consent letter exists once the secretariat has consented.');
  }
  if (!isLang(lang) || !DECISION_RECORD_LANGS.includes(lang)) {
    throw new NotFoundError(`The consent letter is in ${DECISION_RECORD_LANGS.join(', ')}.`);
  }
  const f = request.fields as Record<string, string>;
  const day = (d: string) => longDate(`${d}T12:00:00Z`, 'UTC', lang);
  return renderDocument('consent-letter', lang, {
    letter: {
      reference: consentReference(request),
      placeAndDate: PLACE[lang].replace('{date}', longDate(consentedAt, 'Europe/Zurich', lang)),
    },
    consent: {
      requester: request.requesterName,
      organisation: f.organisation ?? '',
      purpose: f.purpose ?? '',
      medium: f.medium ?? '',
      from: day(f.from ?? ''),
      until: day(f.until ?? ''),
    },
  });
}

/** The reference printed on an approved work plan, e.g. U4SSC/WP/2027-3K9LMP. */
export const workPlanReference = (request: GovernanceRequest) =>
  `U4SSC/WP/${String(request.fields.year)}-${request.requestId.slice(0, 6).toUpperCase()}`;

const APPROVED_BY: Record<Lang, { vote: string; meeting: string }> = {
  en: { vote: 'by the Partners Council, electronic decision', meeting: 'by the partners at the annual meeting' },
  ru: { vote: 'Советом партнеров, электронное решение', meeting: 'партнерами на ежегодном совещании' },
  fr: {
    vote: 'par le Conseil des partenaires, décision électronique',
    meeting: 'par les partenaires à la réunion annuelle',
  },
  es: { vote: 'por el Consejo de Asociados, decisión electrónica', meeting: 'por los asociados en la reunión anual' },
  zh: { vote: '合作伙伴理事会电子决定', meeting: '合作伙伴在年度会议上' },
  ar: { vote: 'من مجلس الشركاء، بقرار إلكتروني', meeting: 'من الشركاء في الاجتماع السنوي' },
};

/** The approved work plan (ToR §10d): its text as approved, paragraph by paragraph. */
export function workPlanDocument(request: GovernanceRequest, lang: string): DocumentModel {
  if (request.kind !== 'work-plan' || request.state !== 'approved') {
    throw new NotFoundError('The work plan document exists once the partners have approved it.');
  }
  if (!isLang(lang) || !DECISION_RECORD_LANGS.includes(lang)) {
    throw new NotFoundError(`The work plan is in ${DECISION_RECORD_LANGS.join(', ')}.`);
  }
  const draft = String(request.fields.draft ?? '');
  const by = APPROVED_BY[lang];
  return renderDocument('work-plan', lang, {
    plan: {
      year: String(request.fields.year),
      reference: workPlanReference(request),
      placeAndDate: PLACE[lang].replace('{date}', longDate(request.updatedAt, 'Europe/Zurich', lang)),
      approvedBy: request.result ? by.vote : by.meeting,
    },
    paragraphs: draft
      .split(/\n\s*\n/)
      .map((p) => p.trim())
      .filter(Boolean),
  });
}
