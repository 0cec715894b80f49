import { LANGUAGES } from '../i18n/languages.ts';
import { isSafeLine, isSafeText } from '../validation/text.ts';
import * as z from '../validation/zod.ts';
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
    .check(
      z.trim(),
      z.minLength(1, { error: 'This field is required.' }),
      z.maxLength(max, { error: `Use at most ${max} characters.` }),
      z.refine(isSafeLine, { error: 'Remove line breaks, control characters and text-direction overrides.' }),
    );
/** Running text (a paragraph, a bullet): line breaks allowed, other controls not. */
const prose = (max: number) =>
  z
    .string({ error: 'Give a text.' })
    .check(
      z.trim(),
      z.minLength(1, { error: 'This field is required.' }),
      z.maxLength(max, { error: `Use at most ${max} characters.` }),
      z.refine(isSafeText, { error: 'Remove control characters and text-direction overrides.' }),
    );
export const paragraphSchema = z.strictObject({
  text: prose(6000),
  bullets: z._default(z.array(prose(1000)).check(z.maxLength(30)), []),
});
export const contentSchema = z.strictObject({
  subject: text(500),
  addressees: z.array(text(300)).check(z.minLength(1, { error: 'Name at least one addressee.' }), z.maxLength(30)),
  copies: z.array(text(300)).check(z.maxLength(30)),
  paragraphs: z
    .array(paragraphSchema)
    .check(z.minLength(1, { error: 'Write at least one paragraph.' }), z.maxLength(60)),
  signatory: z.strictObject({ name: text(200), title: text(300) }),
  salutation: text(300),
  closing: text(500),
});
/** What a caller may send of one language's content: any of its fields, each whole. */
export const contentPatchSchema = z.strictObject({
  subject: z.optional(text(500)),
  addressees: z.optional(z.array(text(300)).check(z.maxLength(30))),
  copies: z.optional(z.array(text(300)).check(z.maxLength(30))),
  paragraphs: z.optional(z.array(paragraphSchema).check(z.maxLength(60))),
  signatory: z.optional(z.strictObject({ name: text(200), title: text(300) })),
  salutation: z.optional(text(300)),
  closing: z.optional(text(500)),
});
const listIds = z.array(z.string().check(z.trim(), z.maxLength(100))).check(z.maxLength(20));
export const distributionSchema = z.strictObject({ to: z.optional(listIds), copy: z.optional(listIds) });
const bureauSchema = z
  .string({ error: 'Give the issuing body.' })
  .check(
    z.refine((id) => issuingBodyIds().includes(id), { error: () => `Use one of: ${issuingBodyIds().join(', ')}.` }),
  );
const languagesSchema = z.array(z.enum(LANGUAGES, { error: 'Use ar, en, es, fr, ru or zh.' })).check(
  z.minLength(1, { error: 'Choose at least one language.' }),
  z.maxLength(6),
  z.refine((langs) => new Set(langs).size === langs.length, { error: 'Name each language once.' }),
);
const contactSchema = z.strictObject({
  tel: z.string().check(z.trim(), z.maxLength(100)),
  fax: z.string().check(z.trim(), z.maxLength(100)),
  email: z.email({ error: 'Give an email address.' }),
});
export const draftSchema = z.strictObject({
  meetingId: z.optional(z.string().check(z.maxLength(100))),
  bureau: z.optional(bureauSchema),
  languages: z.optional(languagesSchema),
  contact: z.optional(contactSchema),
  numberedParagraphs: z.optional(z.boolean({ error: 'Use true or false.' })),
  content: z.optional(
    z.partialRecord(z.enum(LANGUAGES, { error: 'Use ar, en, es, fr, ru or zh.' }), contentPatchSchema),
  ),
  distribution: z.optional(distributionSchema),
  revisionOf: z.optional(z.string().check(z.maxLength(100))),
  revisionReason: z.optional(text(1000)),
});
export const updateSchema = z.extend(z.omit(draftSchema, { meetingId: true, revisionOf: true }), {
  version: z.number({ error: 'Give the version you edited.' }).check(z.int()),
});
export const issuedUpdateSchema = z.strictObject({
  version: z.number({ error: 'Give the version you edited.' }).check(z.int()),
  distribution: distributionSchema,
});

export const sequenceSchema = z.strictObject({
  next: z.number({ error: 'Give the number the next circular gets.' }).check(z.int(), z.gte(1), z.lte(1_000_000)),
  reason: text(500),
});

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;
const isCalendarDay = (value: string) => {
  const m = DAY.exec(value);
  if (!m) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(value);
};
const day = z.string({ error: 'Give a date as YYYY-MM-DD.' }).check(
  z.refine(isCalendarDay, { error: 'Give a date as YYYY-MM-DD, e.g. 2021-10-13.' }),
  z.refine((v) => v >= '1865-05-17', { error: 'ITU was founded on 17 May 1865; give a later date.' }),
);
export const issueSchema = z.strictObject({
  date: z.optional(day),
  /** Languages whose content still takes meeting facts from another language, issued as they are. */
  acceptFallback: z.optional(z.array(z.enum(LANGUAGES)).check(z.maxLength(6))),
});
export const importSchema = z.strictObject({
  number: z.number({ error: 'Give the number it was issued with.' }).check(z.int(), z.gte(1), z.lte(1_000_000)),
  date: day,
  acceptFallback: z.optional(z.array(z.enum(LANGUAGES)).check(z.maxLength(6))),
});

export const listSchema = z.strictObject({
  name: text(200),
  members: z
    .array(
      z.strictObject({
        email: z.email({ error: 'Give an email address.' }),
        name: text(200),
        language: z._default(z.enum(LANGUAGES), 'en'),
      }),
    )
    .check(z.maxLength(10_000)),
});
