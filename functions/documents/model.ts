import type { Lang } from '../i18n/languages.ts';

/**
 * A document as structure, independent of its output: what a template under
 * templates/documents/<kind>/<lang>.hbs produces, and what the PDF and email renderers lay
 * out. Text is plain Unicode (never markup); the renderers escape it for their format.
 */

/** A run of text; consecutive runs form a line of flowing text. */
export type Run = { text: string; bold?: boolean; italic?: boolean; link?: string };

export type Block =
  /** The issuing body, one line each (e.g. "INTERNATIONAL TELECOMMUNICATION UNION"). */
  | { type: 'letterhead'; lines: string[] }
  /** Label/value rows beside each other: place and date, reference, contact (Tel., Fax, E-mail). */
  | { type: 'meta'; rows: { label: string; lines: string[] }[] }
  /** "To:" and "Copy:" lists. */
  | { type: 'addressees'; groups: { label: string; items: string[] }[] }
  | { type: 'subject'; label: string; text: string }
  | { type: 'heading'; text: string }
  /** A paragraph, numbered or not, with an optional list of bullets under it. */
  | { type: 'paragraph'; number?: string; runs: Run[]; bullets?: Run[][] }
  | { type: 'salutation'; text: string }
  | { type: 'closing'; text: string }
  /** Name and title of the signatory, one line each. */
  | { type: 'signature'; lines: string[] }
  | { type: 'table'; caption?: string; header: string[]; rows: string[][]; widths?: number[] }
  /** A grouped bar chart, drawn in the PDF (values 0..max). */
  | { type: 'chart'; title: string; categories: string[]; series: { name: string; values: number[] }[]; max: number }
  | { type: 'pageBreak' };

export interface DocumentModel {
  lang: Lang;
  /** The document's title (PDF metadata, email subject fallback). */
  title: string;
  /** Repeated at the top of every page after the first, e.g. "TSB Circular 352". */
  continuationHeader: string;
  blocks: Block[];
  /** Each annex starts on a new page with its title. */
  annexes: { title: string; blocks: Block[] }[];
  /**
   * Drawn large, diagonal and light grey across every page of the PDF (outside the extracted
   * text), and as a banner at the top of the email: "DRAFT" on a circular not yet issued.
   */
  watermark?: string;
  /** An image file (PNG or JPEG) drawn above the letterhead: the issuing body's emblem, when the operator supplied one. */
  emblem?: string;
}
