import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { isTimeZone } from '../calendar/wall-clock.ts';
import { NotFoundError, ValidationError } from '../errors.ts';
import { DATE_STYLES, formatDate } from '../i18n/dates.ts';
import { LANGUAGES, type Lang } from '../i18n/languages.ts';
import { templatesDir } from '../templates-dir.ts';
import * as z from '../validation/zod.ts';

/**
 * The bodies that issue circulars and letters for the U4SSC secretariat (ToR §23: ITU's
 * bureaus, UNECE, UN-Habitat), as data: templates/issuing-bodies/<id>.json. Each has its own
 * number sequence, letterhead, place and zone, contact, reference scheme and, per language,
 * the default addressees, copies, signatory, salutation and closing of a new document.
 */

const line = z.string().check(z.trim(), z.minLength(1), z.maxLength(300));
const languageSchema = z.strictObject({
  letterhead: z.array(line).check(z.minLength(1), z.maxLength(5)),
  place: line,
  placeAndDate: line.check(z.refine((v) => v.includes('{date}'), { error: 'Must contain {date}.' })),
  reference: line.check(z.refine((v) => v.includes('{number}'), { error: 'Must contain {number}.' })),
  revisionReference: line.check(
    z.refine((v) => v.includes('{number}') && v.includes('{revision}'), {
      error: 'Must contain {number} and {revision}.',
    }),
  ),
  addressees: z.array(line).check(z.maxLength(30)),
  copies: z.array(line).check(z.maxLength(30)),
  signatory: z.strictObject({ name: line, title: line }),
  salutation: line,
  closing: line,
});
const bodySchema = z.strictObject({
  id: z.string().check(z.regex(/^[A-Z][A-Z0-9-]{1,19}$/, { error: 'Use 2–20 capital letters, digits and hyphens.' })),
  name: line,
  timeZone: z.string().check(z.refine(isTimeZone, { error: 'Give an IANA time zone.' })),
  numberedParagraphs: z.boolean(),
  contact: z.strictObject({
    tel: z.string().check(z.maxLength(100)),
    fax: z.string().check(z.maxLength(100)),
    email: z.email(),
  }),
  emblem: z.optional(
    z.string().check(z.regex(/^[\w.-]+\.(png|jpe?g)$/i, { error: 'Give a PNG or JPEG file name in the same folder.' })),
  ),
  languages: z.partialRecord(z.enum(LANGUAGES), languageSchema),
});

export type IssuingBody = z.infer<typeof bodySchema>;
export type IssuingBodyLanguage = z.infer<typeof languageSchema>;

const folder = () => join(templatesDir(), 'issuing-bodies');
let cache: Map<string, IssuingBody> | undefined;

/** Every issuing body, read and checked once per process; a wrong file fails naming itself and the field. */
export function issuingBodies(): IssuingBody[] {
  if (!cache) {
    const bodies = new Map<string, IssuingBody>();
    for (const file of readdirSync(folder())
      .filter((f) => f.endsWith('.json'))
      .sort()) {
      const parsed = bodySchema.safeParse(JSON.parse(readFileSync(join(folder(), file), 'utf8')));
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        throw new Error(
          `templates/issuing-bodies/${file}: ${issue?.path.join('.') || 'file'}: ${issue?.message ?? 'invalid'}`,
        );
      }
      if (`${parsed.data.id}.json` !== file)
        throw new Error(`templates/issuing-bodies/${file}: id "${parsed.data.id}" must match the file name.`);
      bodies.set(parsed.data.id, parsed.data);
    }
    cache = bodies;
  }
  return [...cache.values()];
}

export const issuingBodyIds = () => issuingBodies().map((b) => b.id);

export function issuingBody(id: string): IssuingBody {
  const body = issuingBodies().find((b) => b.id === id);
  if (!body) throw new NotFoundError(`No issuing body has the id "${id}"; use one of ${issuingBodyIds().join(', ')}.`);
  return body;
}

/** What a body prints in one language; a language it has no text for cannot be issued by it. */
export function issuingBodyLanguage(body: IssuingBody, lang: Lang): IssuingBodyLanguage {
  const found = body.languages[lang];
  if (!found)
    throw new ValidationError(`${body.name} has no ${lang} letterhead.`, {
      languages: `Add "${lang}" to templates/issuing-bodies/${body.id}.json, or choose other languages.`,
    });
  return found;
}

/** The emblem file of a body, when the operator supplied one. */
export function emblemPath(body: IssuingBody): string | undefined {
  if (!body.emblem) return undefined;
  const path = join(folder(), body.emblem);
  return existsSync(path) ? path : undefined;
}

const fill = (pattern: string, values: Record<string, string | number>) =>
  pattern.replace(/\{(\w+)\}/g, (all, key: string) => (key in values ? String(values[key]) : all));

/** "TSB Circular 352", "Циркуляр 352 БСЭ", "ECE/U4SSC/2026/4"; a revision "Revision 1 of TSB Circular 352". */
export function referenceOf(
  body: IssuingBody,
  lang: Lang,
  circular: { number?: number | undefined; revision?: number | undefined; issuedOn?: string | undefined },
  draftLabel: string,
): string {
  const text = issuingBodyLanguage(body, lang);
  const number = circular.number ?? draftLabel;
  const year = circular.issuedOn?.slice(0, 4) ?? String(new Date().getUTCFullYear());
  return circular.revision
    ? fill(text.revisionReference, { number, year, revision: circular.revision })
    : fill(text.reference, { number, year });
}

/** Today's date (YYYY-MM-DD) at the body's seat. */
export function todayAt(body: IssuingBody, now: Date): string {
  return formatDate(now, 'en-CA', { ...DATE_STYLES.isoDay, timeZone: body.timeZone });
}
