import type { Lang } from '../i18n/languages.ts';
import type { Narrative } from './records.ts';

/**
 * A hub's annual report (ToR §30) as a record: one edition per (hub, year, edition). The hub
 * drafts and submits it; the secretariat accepts it or returns it with comments; an accepted
 * report is published (its PDFs stored, never changed again). A correction is a new edition
 * that says what it corrects.
 */
export const REPORT_STATUSES = ['draft', 'submitted', 'returned', 'accepted', 'published'] as const;
export type ReportStatus = (typeof REPORT_STATUSES)[number];

export interface ReportEvent {
  at: string;
  by: string;
  action: 'created' | 'saved' | 'submitted' | 'returned' | 'accepted' | 'published' | 'correction-started';
  comment?: string | undefined;
  /** The record's version after the event. */
  version: number;
}

export interface PublishedDocument {
  lang: Lang;
  key: string;
  sha256: string;
  bytes: number;
}

export interface HubReport {
  hubId: string;
  year: number;
  edition: number;
  status: ReportStatus;
  /** The hub's words per language it writes the report in (English always). */
  narratives: Partial<Record<Lang, Narrative>>;
  /** For a correction: what it corrects in the previous edition. */
  corrects?: string | undefined;
  history: ReportEvent[];
  documents?: PublishedDocument[] | undefined;
  submittedAt?: string | undefined;
  publishedAt?: string | undefined;
  version: number;
}

/** While a year's report is with the secretariat or published, its records stay as they are. */
export const FROZEN: readonly ReportStatus[] = ['submitted', 'accepted', 'published'];

/** The languages a report is written in: English first, then each with a summary. */
export function reportLanguages(report: Pick<HubReport, 'narratives'>): Lang[] {
  const langs = (Object.keys(report.narratives) as Lang[]).filter((lang) => report.narratives[lang]?.summary);
  return ['en', ...langs.filter((lang) => lang !== 'en').sort()] as Lang[];
}
