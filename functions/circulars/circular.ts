import type { Lang } from '../i18n/languages.ts';

/**
 * The id of the body that issues a circular (templates/issuing-bodies/<id>.json: TSB, BDT, BR,
 * UNECE, UN-HABITAT): its letterhead and its own number sequence (DOMAIN §3).
 */
export type Bureau = string;

export const CIRCULAR_STATUSES = ['draft', 'issuing', 'issued'] as const;
export type CircularStatus = (typeof CIRCULAR_STATUSES)[number];

export interface CircularParagraph {
  text: string;
  bullets: string[];
}

/** What a circular says in one language. */
export interface CircularContent {
  subject: string;
  addressees: string[];
  copies: string[];
  paragraphs: CircularParagraph[];
  signatory: { name: string; title: string };
  salutation: string;
  closing: string;
}

export interface IssuedDocument {
  lang: Lang;
  key: string;
  sha256: string;
  bytes: number;
}

export interface Circular {
  circularId: string;
  bureau: Bureau;
  status: CircularStatus;
  languages: Lang[];
  meetingId?: string | undefined;
  contact: { tel: string; fax: string; email: string };
  content: Partial<Record<Lang, CircularContent>>;
  /** Whether the paragraphs are numbered (1, 2, 3…) as in ITU circulars. */
  numberedParagraphs: boolean;
  /**
   * Per language, the meeting facts its content took from another language because the meeting
   * has no text of its own in that language (e.g. `{ ru: ['objectives'] }`): issuing such a
   * language needs an explicit confirmation. Cleared when the language's paragraphs are edited.
   */
  fallbacks: Partial<Record<Lang, string[]>>;
  /** Distribution lists (ids) the circular goes to, as addressees and as copies. */
  distribution: { to: string[]; copy: string[] };
  number?: number | undefined;
  /** The date the circular bears (YYYY-MM-DD), chosen at issue; default today at the body's seat. */
  issuedOn?: string | undefined;
  /** When and by whom it was issued (or imported) here. */
  issuedAt?: string | undefined;
  issuedBy?: string | undefined;
  documents: IssuedDocument[];
  /** Issued elsewhere before, imported here with its own number and date. */
  imported?: boolean | undefined;
  /** A correction is a new circular that names the one it corrects, and why. */
  revisionOf?: string | undefined;
  /** Its revision number (1, 2…) among the revisions of the corrected circular, given at issue. */
  revision?: number | undefined;
  revisionReason?: string | undefined;
  /** For a revision: the number and date of the circular it corrects, printed on it. */
  corrects?: { number: number; issuedOn: string } | undefined;
  distributedAt?: string | undefined;
  createdAt: string;
  version: number;
}

/** A change of a body's number sequence by the secretariat, kept for audit. */
export interface SequenceChange {
  bureau: Bureau;
  at: string;
  by: string;
  fromNext: number;
  toNext: number;
  reason: string;
}

/** A secretariat-managed list of recipients of circulars. */
export interface DistributionList {
  listId: string;
  name: string;
  members: { email: string; name: string; language: Lang }[];
  version: number;
}
