import type { Lang } from '../i18n/languages.ts';

/** The bureaus that issue circulars, each with its own number sequence (DOMAIN §3). */
export const BUREAUS = ['TSB', 'BDT', 'BR'] as const;
export type Bureau = (typeof BUREAUS)[number];

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
  /** Distribution lists (ids) the circular goes to, as addressees and as copies. */
  distribution: { to: string[]; copy: string[] };
  number?: number | undefined;
  issuedAt?: string | undefined;
  issuedBy?: string | undefined;
  documents: IssuedDocument[];
  /** A correction is a new circular that names the one it corrects. */
  revisionOf?: string | undefined;
  distributedAt?: string | undefined;
  createdAt: string;
  version: number;
}

/** A secretariat-managed list of recipients of circulars. */
export interface DistributionList {
  listId: string;
  name: string;
  members: { email: string; name: string; language: Lang }[];
  version: number;
}
