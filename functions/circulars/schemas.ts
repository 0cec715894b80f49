import * as z from 'zod';
import { LANGUAGES } from '../i18n/languages.ts';
import { isSafeLine, isSafeText } from '../validation/text.ts';
import { issuingBodyIds } from './issuing-bodies.ts';

/**
 * What the circulars API accepts, as zod schemas: strict (a field it does not know is refused,
 * named), and every text checked for control characters and direction overrides. Published in
 * the OpenAPI document; free of the PDF engine, so any function may import it.
 */

/** One line of text: no control characters, line breaks or text-direction overrides (a subject ends up in an email header). */
const text = (max: number) =>
  z
    .string({ error: 'Give a text.' })
    .trim()
    .min(1, { error: 'This field is required.' })
    .max(max, { error: `Use at most ${max} characters.` })
    .refine(isSafeLine, { error: 'Remove line breaks, control characters and text-direction overrides.' });
/** Running text (a paragraph, a bullet): line breaks allowed, other controls not. */
const prose = (max: number) =>
  z
    .string({ error: 'Give a text.' })
    .trim()
    .min(1, { error: 'This field is required.' })
    .max(max, { error: `Use at most ${max} characters.` })
    .refine(isSafeText, { error: 'Remove control characters and text-direction overrides.' });
export const paragraphSchema = z.strictObject({
  text: prose(6000),
  bullets: z.array(prose(1000)).max(30).default([]),
});
export const contentSchema = z.strictObject({
  subject: text(500),
  addressees: z.array(text(300)).min(1, { error: 'Name at least one addressee.' }).max(30),
  copies: z.array(text(300)).max(30),
  paragraphs: z.array(paragraphSchema).min(1, { error: 'Write at least one paragraph.' }).max(60),
  signatory: z.strictObject({ name: text(200), title: text(300) }),
  salutation: text(300),
  closing: text(500),
});
/** What a caller may send of one language's content: any of its fields, each whole. */
export const contentPatchSchema = z.strictObject({
  subject: text(500).optional(),
  addressees: z.array(text(300)).max(30).optional(),
  copies: z.array(text(300)).max(30).optional(),
  paragraphs: z.array(paragraphSchema).max(60).optional(),
  signatory: z.strictObject({ name: text(200), title: text(300) }).optional(),
  salutation: text(300).optional(),
  closing: text(500).optional(),
});
const listIds = z.array(z.string().trim().max(100)).max(20);
export const distributionSchema = z.strictObject({ to: listIds.optional(), copy: listIds.optional() });
const bureauSchema = z
  .string({ error: 'Give the issuing body.' })
  .refine((id) => issuingBodyIds().includes(id), { error: () => `Use one of: ${issuingBodyIds().join(', ')}.` });
const languagesSchema = z
  .array(z.enum(LANGUAGES, { error: 'Use ar, en, es, fr, ru or zh.' }))
  .min(1, { error: 'Choose at least one language.' })
  .max(6)
  .refine((langs) => new Set(langs).size === langs.length, { error: 'Name each language once.' });
const contactSchema = z.strictObject({
  tel: z.string().trim().max(100),
  fax: z.string().trim().max(100),
  email: z.email({ error: 'Give an email address.' }),
});
export const draftSchema = z.strictObject({
  meetingId: z.string().max(100).optional(),
  bureau: bureauSchema.optional(),
  languages: languagesSchema.optional(),
  contact: contactSchema.optional(),
  numberedParagraphs: z.boolean({ error: 'Use true or false.' }).optional(),
  content: z
    .partialRecord(z.enum(LANGUAGES, { error: 'Use ar, en, es, fr, ru or zh.' }), contentPatchSchema)
    .optional(),
  distribution: distributionSchema.optional(),
  revisionOf: z.string().max(100).optional(),
  revisionReason: text(1000).optional(),
});
export const updateSchema = draftSchema.omit({ meetingId: true, revisionOf: true }).extend({
  version: z.number({ error: 'Give the version you edited.' }).int(),
});
export const issuedUpdateSchema = z.strictObject({
  version: z.number({ error: 'Give the version you edited.' }).int(),
  distribution: distributionSchema,
});

export const sequenceSchema = z.strictObject({
  next: z.number({ error: 'Give the number the next circular gets.' }).int().min(1).max(1_000_000),
  reason: text(500),
});

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;
const isCalendarDay = (value: string) => {
  const m = DAY.exec(value);
  if (!m) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(value);
};
const day = z
  .string({ error: 'Give a date as YYYY-MM-DD.' })
  .refine(isCalendarDay, { error: 'Give a date as YYYY-MM-DD, e.g. 2021-10-13.' })
  .refine((v) => v >= '1865-05-17', { error: 'ITU was founded on 17 May 1865; give a later date.' });
export const issueSchema = z.strictObject({
  date: day.optional(),
  /** Languages whose content still takes meeting facts from another language, issued as they are. */
  acceptFallback: z.array(z.enum(LANGUAGES)).max(6).optional(),
});
export const importSchema = z.strictObject({
  number: z.number({ error: 'Give the number it was issued with.' }).int().min(1).max(1_000_000),
  date: day,
  acceptFallback: z.array(z.enum(LANGUAGES)).max(6).optional(),
});

export const listSchema = z.strictObject({
  name: text(200),
  members: z
    .array(
      z.strictObject({
        email: z.email({ error: 'Give an email address.' }),
        name: text(200),
        language: z.enum(LANGUAGES).default('en'),
      }),
    )
    .max(10_000),
});
