import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { renderDocumentEmail } from '../documents/email.ts';
import { missingGlyphs } from '../documents/glyphs.ts';
import type { DocumentModel } from '../documents/model.ts';
import { renderDocument } from '../documents/templates.ts';
import { ConflictError, DomainError, NotFoundError, ValidationError } from '../errors.ts';
import { isLang, LANGUAGES, type Lang } from '../i18n/languages.ts';
import type { NewOutboxMessage } from '../mail/outbox.ts';
import type { Meeting } from '../meetings/meeting.ts';
import { newId } from '../registrations/tokens.ts';
import { templatesDir } from '../templates-dir.ts';
import { fieldErrors, parseInput, sentKeys } from '../validation/input.ts';
import type * as z from '../validation/zod.ts';
import type { Circular, CircularContent, DistributionList, SequenceChange } from './circular.ts';
import { circularReferenceIn, defaultsFor } from './defaults.ts';
import {
  emblemPath,
  type IssuingBody,
  issuingBodies,
  issuingBody,
  issuingBodyLanguage,
  referenceOf,
  todayAt,
} from './issuing-bodies.ts';
import { defaultContent, fill, longCalendarDate } from './phrasing.ts';
import {
  type contentPatchSchema,
  contentSchema,
  draftSchema,
  importSchema,
  issuedUpdateSchema,
  issueSchema,
  listSchema,
  sequenceSchema,
  updateSchema,
} from './schemas.ts';

/**
 * Circulars (DOMAIN §3): a draft made from a meeting and edited by the secretariat; issuing
 * gives it the next number of its issuing body's sequence (gap-free, unique) and the date it
 * bears, freezes it and stores each language's PDF with its SHA-256; distributing emails it,
 * once per recipient. A circular issued before the platform existed is imported with its own
 * number and date; a correction is a revision that starts as a copy of what it corrects.
 */

/** How an issue takes its number: the sequence's next, its own (imported), or the corrected one's (a revision). */
export type NumberClaim =
  | { kind: 'next'; issuedOn: string }
  | { kind: 'import'; number: number; issuedOn: string }
  | { kind: 'revision'; number: number; revision: number; issuedOn: string };

export interface SequenceState {
  bureau: string;
  /** The number the next issued circular gets. */
  next: number;
  /** The highest number issued or imported so far (0 if none). */
  highestIssued: number;
  changes: SequenceChange[];
}

export interface CircularStore {
  getCircular(circularId: string): Promise<Circular | undefined>;
  listCirculars(): Promise<Circular[]>;
  createCircular(circular: Circular): Promise<void>;
  /** Saves changes if the circular is still at `expectedVersion` and in `status`; false otherwise. */
  updateCircular(
    circularId: string,
    expectedVersion: number,
    changes: Partial<Circular>,
    status: 'draft' | 'issued',
  ): Promise<boolean>;
  /**
   * In one transaction: claims the circular's number (and, for a revision, its revision
   * number), moves the body's sequence on when needed, and marks the draft `issuing` with them.
   * 'taken': the number (imported) is another circular's; 'retry': a concurrent issue got there
   * first (the caller reads again and retries).
   */
  assignNumber(circular: Circular, claim: NumberClaim): Promise<number | 'not-a-draft' | 'retry' | 'taken'>;
  /** Marks an `issuing` circular issued, with its stored documents. */
  completeIssue(
    circularId: string,
    documents: Circular['documents'],
    issuedAt: string,
    issuedBy: string,
  ): Promise<void>;
  markDistributed(circularId: string, at: string): Promise<void>;
  /** Deletes a circular that is still a draft at `expectedVersion`; false otherwise (nothing deleted). */
  deleteDraft(circularId: string, expectedVersion: number): Promise<boolean>;
  getMeeting(meetingId: string): Promise<Meeting | undefined>;
  /** How many partners support U4SSC (ToR Annex II), printed in a meeting circular. */
  countPartners(): Promise<number>;
  /** Revisions of (bureau, number) issued or being issued so far. */
  countRevisions(bureau: string, number: number): Promise<number>;
  sequence(bureau: string): Promise<SequenceState>;
  /** Sets the body's next number if it is still `expectedNext`, recording the change; false otherwise. */
  setSequence(change: SequenceChange): Promise<boolean>;
  getDistributionList(listId: string): Promise<DistributionList | undefined>;
  putDistributionList(list: Omit<DistributionList, 'version'>): Promise<DistributionList>;
  /** Every distribution list, by id, with its size (members not read). */
  listDistributionLists(): Promise<{ listId: string; name: string; members: number }[]>;
  /** A meeting's approved registrants, in the order they were approved. */
  approvedRegistrants(meetingId: string): Promise<{ email: string; name: string; language: string }[]>;
  /** Queues the messages not queued before; answers the ids of those it queued now. */
  queueMessages(messages: NewOutboxMessage[]): Promise<string[]>;
  /** Delivery state of the given outbox messages. */
  messageStatuses(messageIds: string[]): Promise<Record<string, 'queued' | 'sent' | 'failed' | 'suppressed'>>;
}

export interface DocumentStore {
  put(key: string, body: Buffer, contentType: string, sha256: string): Promise<void>;
  get(key: string): Promise<Buffer | undefined>;
}

export interface CircularsDeps {
  store: CircularStore;
  documents: DocumentStore;
  renderPdf: (model: DocumentModel) => Promise<Buffer>;
  dispatch: (messageIds: string[]) => Promise<void>;
  now: () => Date;
  publicBaseUrl: string;
}

/** The languages a circular can be made in: those with a template and defaults. */
export function circularLanguages(): Lang[] {
  return LANGUAGES.filter((lang) => {
    if (!existsSync(join(templatesDir(), 'documents', 'circular', `${lang}.hbs`))) return false;
    try {
      defaultsFor(lang);
      return true;
    } catch {
      return false;
    }
  });
}

/** Every language's content complete: a circular cannot be previewed or issued with a gap. */
export function completeContent(circular: Pick<Circular, 'languages' | 'content'>): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const lang of circular.languages) {
    const parsed = contentSchema.safeParse(circular.content[lang] ?? {});
    if (!parsed.success)
      for (const [path, message] of Object.entries(fieldErrors(parsed.error)))
        errors[`content.${lang}.${path}`] = message;
  }
  return errors;
}

async function checkLists(deps: CircularsDeps, distribution: { to?: string[]; copy?: string[] } | undefined) {
  const errors: Record<string, string> = {};
  for (const role of ['to', 'copy'] as const)
    for (const [i, listId] of (distribution?.[role] ?? []).entries())
      if (!(await deps.store.getDistributionList(listId)))
        errors[`distribution.${role}.${i}`] = `No distribution list has the id "${listId}".`;
  if (Object.keys(errors).length) throw new ValidationError('Unknown distribution list.', errors);
}

// --- Operations ------------------------------------------------------------------------------------

export async function createCircularDraft(deps: CircularsDeps, input: unknown): Promise<Circular> {
  const data = parseInput(draftSchema, input, 'The circular draft is not valid.');
  if (data.revisionOf) return createRevision(deps, data);
  const meeting = data.meetingId ? await deps.store.getMeeting(data.meetingId) : undefined;
  if (data.meetingId && !meeting)
    throw new ValidationError('Unknown meeting.', { meetingId: `No meeting has the id "${data.meetingId}".` });
  if (data.revisionReason)
    throw new ValidationError('Only a revision has a reason.', {
      revisionReason: 'Give revisionOf too, or leave the reason out.',
    });
  await checkLists(deps, data.distribution);
  const body = issuingBody(data.bureau ?? 'TSB');
  const languages = data.languages ?? ['en'];
  for (const lang of languages) issuingBodyLanguage(body, lang);
  const partners = meeting ? await deps.store.countPartners() : 0;
  const content: Circular['content'] = {};
  const fallbacks: Circular['fallbacks'] = {};
  for (const lang of languages) {
    const made = defaultContent(body, meeting, lang, partners);
    const sent = data.content?.[lang] ?? {};
    content[lang] = { ...made.content, ...withoutUndefined(sent) } as CircularContent;
    if (made.fallback.length && !sent.paragraphs) fallbacks[lang] = made.fallback;
  }
  const circular: Circular = {
    circularId: newId(),
    bureau: body.id,
    status: 'draft',
    languages,
    meetingId: data.meetingId,
    contact: data.contact ?? body.contact,
    content,
    numberedParagraphs: data.numberedParagraphs ?? body.numberedParagraphs,
    fallbacks,
    distribution: { to: data.distribution?.to ?? [], copy: data.distribution?.copy ?? [] },
    documents: [],
    createdAt: deps.now().toISOString(),
    version: 1,
  };
  await deps.store.createCircular(circular);
  return circular;
}

const withoutUndefined = <T extends object>(value: T): Partial<T> =>
  Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;

/** A revision starts as a copy of the issued circular it corrects, and says why. */
async function createRevision(deps: CircularsDeps, data: z.output<typeof draftSchema>): Promise<Circular> {
  const corrected = data.revisionOf ? await deps.store.getCircular(data.revisionOf) : undefined;
  if (corrected?.status !== 'issued')
    throw new ValidationError('A revision corrects an issued circular.', {
      revisionOf: 'Give the id of an issued circular.',
    });
  if (!data.revisionReason)
    throw new ValidationError('Say what the revision corrects.', {
      revisionReason: 'This field is required: it is printed on the revision.',
    });
  const refused = (['meetingId', 'bureau', 'languages'] as const).filter((key) => data[key] !== undefined);
  if (refused.length)
    throw new ValidationError('A revision keeps the issuing body, meeting and languages of what it corrects.', {
      ...Object.fromEntries(refused.map((key) => [key, 'A revision takes this from the circular it corrects.'])),
    });
  await checkLists(deps, data.distribution);
  // A revision of a revision corrects the same original.
  const original = corrected.revisionOf
    ? ((await deps.store.getCircular(corrected.revisionOf)) ?? corrected)
    : corrected;
  const content: Circular['content'] = {};
  for (const lang of corrected.languages) {
    const copy = corrected.content[lang];
    if (copy) content[lang] = { ...copy, ...withoutUndefined(data.content?.[lang] ?? {}) } as CircularContent;
  }
  const circular: Circular = {
    circularId: newId(),
    bureau: corrected.bureau,
    status: 'draft',
    languages: corrected.languages,
    meetingId: corrected.meetingId,
    contact: data.contact ?? corrected.contact,
    content,
    numberedParagraphs: data.numberedParagraphs ?? corrected.numberedParagraphs,
    fallbacks: {},
    distribution: {
      to: data.distribution?.to ?? corrected.distribution.to,
      copy: data.distribution?.copy ?? corrected.distribution.copy,
    },
    documents: [],
    revisionOf: original.circularId,
    revisionReason: data.revisionReason,
    corrects: {
      number: original.number ?? 0,
      issuedOn: original.issuedOn ?? (original.issuedAt ?? original.createdAt).slice(0, 10),
    },
    createdAt: deps.now().toISOString(),
    version: 1,
  };
  await deps.store.createCircular(circular);
  return circular;
}

export async function getCircular(deps: Pick<CircularsDeps, 'store'>, circularId: string): Promise<Circular> {
  const circular = await deps.store.getCircular(circularId);
  if (!circular) throw new NotFoundError(`No circular has the id "${circularId}".`);
  return circular;
}

/**
 * Edits a draft: only the fields sent change, and within a language's content only the parts
 * sent (e.g. `content.ru.subject` leaves the Russian addressees, copies and paragraphs as they
 * were). An issued circular never changes, except the distribution lists it is sent to, which
 * are not part of the document.
 */
/**
 * Deletes a draft. An issued circular (or one being issued) is never deleted: it has a number
 * in its body's sequence and may have been sent; it is corrected by a revision instead.
 */
export async function deleteCircularDraft(deps: CircularsDeps, circularId: string, version: number): Promise<void> {
  const current = await getCircular(deps, circularId);
  if (current.status !== 'draft') {
    throw new ConflictError('An issued circular is never deleted; correct it with a revision that references it.', {
      circularStatus: current.status,
    });
  }
  if (!(await deps.store.deleteDraft(circularId, version))) {
    throw new ConflictError('Someone changed or issued this draft meanwhile: reload it and decide again.');
  }
}

export async function updateCircularDraft(deps: CircularsDeps, circularId: string, input: unknown): Promise<Circular> {
  const current = await getCircular(deps, circularId);
  if (current.status === 'issued') {
    const sent = sentKeys(input);
    sent.delete('version');
    if ([...sent].some((key) => key !== 'distribution'))
      throw new ConflictError(
        `${referenceOf(issuingBody(current.bureau), 'en', current, 'DRAFT')} is issued and never changes, except its distribution lists; make a revision that references it.`,
        { changeable: ['distribution'] },
      );
    const { version, distribution } = parseInput(issuedUpdateSchema, input, 'The change is not valid.');
    await checkLists(deps, distribution);
    const changes = { distribution: { ...current.distribution, ...withoutUndefined(distribution) } };
    if (!(await deps.store.updateCircular(circularId, version, changes, 'issued')))
      throw new ConflictError('The circular was changed meanwhile; reload it and apply your change again.');
    return getCircular(deps, circularId);
  }
  if (current.status !== 'draft')
    throw new ConflictError('The circular is being issued; wait for its number, then make a revision if needed.');
  const { version, content, distribution, ...rest } = parseInput(updateSchema, input, 'The change is not valid.');
  const changes: Partial<Circular> = withoutUndefined(rest) as Partial<Circular>;
  const body = issuingBody(changes.bureau ?? current.bureau);
  const languages = changes.languages ?? current.languages;
  for (const lang of languages) issuingBodyLanguage(body, lang);
  if (distribution) {
    await checkLists(deps, distribution);
    changes.distribution = { ...current.distribution, ...withoutUndefined(distribution) };
  }
  const merged: Circular['content'] = { ...current.content };
  const fallbacks: Circular['fallbacks'] = { ...current.fallbacks };
  // A language added later starts from the usual content, as at creation.
  const added = languages.filter((lang) => !merged[lang]);
  if (added.length) {
    const meeting = current.meetingId ? await deps.store.getMeeting(current.meetingId) : undefined;
    const partners = meeting ? await deps.store.countPartners() : 0;
    for (const lang of added) {
      const made = defaultContent(body, meeting, lang, partners);
      merged[lang] = made.content;
      if (made.fallback.length) fallbacks[lang] = made.fallback;
    }
  }
  for (const [lang, partial] of Object.entries(content ?? {}) as [Lang, z.output<typeof contentPatchSchema>][]) {
    if (!languages.includes(lang))
      throw new ValidationError('No such language in this circular.', {
        [`content.${lang}`]: `The circular is in ${languages.join(', ')}; add "${lang}" to languages first.`,
      });
    merged[lang] = { ...(merged[lang] ?? defaultContent(body, undefined, lang).content), ...withoutUndefined(partial) };
    // Paragraphs written for this language replace what fell back to another one.
    if (partial.paragraphs) delete fallbacks[lang];
  }
  if (content || added.length) {
    changes.content = merged;
    changes.fallbacks = fallbacks;
  }
  if (!(await deps.store.updateCircular(circularId, version, changes, 'draft')))
    throw new ConflictError('The draft was changed or issued meanwhile; reload it and apply your change again.');
  return getCircular(deps, circularId);
}

/** The document of one language: the circular's data through templates/documents/circular/<lang>.hbs. */
export function circularDocument(circular: Circular, lang: Lang, now: Date): DocumentModel {
  const content = circular.content[lang];
  if (!content)
    throw new ValidationError(`The circular has no ${lang} version.`, {
      lang: `Use one of: ${circular.languages.join(', ')}.`,
    });
  const body = issuingBody(circular.bureau);
  const b = issuingBodyLanguage(body, lang);
  const d = defaultsFor(lang);
  const issuedOn = circular.issuedOn ?? todayAt(body, now);
  const corrects = circular.corrects;
  const reference = corrects
    ? referenceOf(
        body,
        lang,
        { number: corrects.number, revision: circular.revision ?? (d.draft as unknown as number), issuedOn },
        d.draft,
      )
    : referenceOf(body, lang, { ...circular, issuedOn }, d.draft);
  const revisionNote = corrects
    ? fill(d.revisionNote, {
        reference: referenceOf(body, lang, { number: corrects.number, issuedOn: corrects.issuedOn }, d.draft),
        date: longCalendarDate(corrects.issuedOn, lang),
        reason: circular.revisionReason ?? '',
      })
    : '';
  const model = renderDocument('circular', lang, {
    circular: {
      letterhead: b.letterhead,
      reference,
      placeAndDate: fill(b.placeAndDate, { date: longCalendarDate(issuedOn, lang) }),
      contact: circular.contact,
      addressees: content.addressees,
      copies: content.copies,
      subject: content.subject,
      salutation: content.salutation || b.salutation,
      paragraphs: content.paragraphs.map((p) => ({ text: p.text, bullets: p.bullets ?? [] })),
      numbered: circular.numberedParagraphs,
      closing: content.closing || b.closing,
      signatory: content.signatory,
      revisionNote,
    },
  });
  // A draft says so on every page; what is stored at issue never does.
  if (circular.status === 'draft') model.watermark = d.draft;
  const emblem = emblemPath(body);
  if (emblem) model.emblem = emblem;
  return model;
}

/** Characters of one language of a complete draft that no bundled font prints (empty if none, or incomplete). */
export function unprintableCharacters(circular: Circular, lang: Lang, now: Date): string[] {
  if (Object.keys(completeContent({ languages: [lang], content: circular.content })).length) return [];
  return missingGlyphs(circularDocument(circular, lang, now));
}

/** Characters of the circular's languages that no bundled font prints, per language. */
function glyphErrors(circular: Circular, now: Date): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const lang of circular.languages) {
    const missing = missingGlyphs(circularDocument(circular, lang, now));
    if (missing.length)
      errors[`content.${lang}`] =
        `No font prints ${missing.map((c) => `"${c}" (U+${(c.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')})`).join(', ')}: it would show as an empty box. Replace or remove it.`;
  }
  return errors;
}

// --- Number sequences ----------------------------------------------------------------------------

/** Every issuing body with its sequence. */
export async function allCircularSequences(deps: CircularsDeps): Promise<(SequenceState & { name: string })[]> {
  return Promise.all(
    issuingBodies().map(async (body) => ({ name: body.name, ...(await deps.store.sequence(body.id)) })),
  );
}

/**
 * Starts (or moves) a body's sequence at a given number, e.g. 353 after TSB Circular 352: the
 * secretariat's decision, recorded with who, when, from, to and why. It may not go back to or
 * below a number already issued, so no number is ever given twice.
 */
export async function setCircularSequence(
  deps: CircularsDeps,
  bureau: string,
  input: unknown,
  actor: string,
): Promise<SequenceState> {
  issuingBody(bureau);
  const { next, reason } = parseInput(sequenceSchema, input, 'The sequence change is not valid.');
  for (let attempt = 0; attempt < 20; attempt++) {
    const state = await deps.store.sequence(bureau);
    if (next <= state.highestIssued)
      throw new ValidationError('That number was issued already.', {
        next: `${bureau} has issued up to ${state.highestIssued}; the next number must be at least ${state.highestIssued + 1}.`,
      });
    if (next === state.next) return state;
    const change: SequenceChange = {
      bureau,
      at: deps.now().toISOString(),
      by: actor,
      fromNext: state.next,
      toNext: next,
      reason,
    };
    if (await deps.store.setSequence(change)) return deps.store.sequence(bureau);
  }
  throw new ConflictError('The sequence kept changing meanwhile; try again.');
}

// --- Issuing -------------------------------------------------------------------------------------

/** Languages whose content takes meeting facts from another language and are not accepted as such. */
export function unconfirmedFallbacks(circular: Circular, accepted: readonly string[] = []): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const lang of circular.languages) {
    const fields = circular.fallbacks[lang];
    if (fields?.length && !accepted.includes(lang))
      errors.acceptFallback = `${errors.acceptFallback ? `${errors.acceptFallback} ` : ''}The ${lang} text takes the meeting's ${fields.join(', ')} from English: write them in ${lang} (meeting or draft), or confirm with acceptFallback: ["${lang}"].`;
  }
  return errors;
}

/**
 * Issues a draft: a number (the body's next; the corrected circular's for a revision; its own
 * for an imported one) and the date it bears (default today at the body's seat), gap-free and
 * unique however many officers issue at once; then each language's PDF stored with its
 * SHA-256; then frozen. If this is interrupted after the number, running it again finishes the
 * same issue, with the same number and date.
 */
export async function issueCircular(
  deps: CircularsDeps,
  circularId: string,
  actor: string,
  input: unknown = {},
): Promise<Circular> {
  const options = parseInput(issueSchema, input, 'The issue is not valid.');
  return issue(deps, circularId, actor, options.acceptFallback ?? [], (circular, body) => {
    const today = todayAt(body, deps.now());
    const issuedOn = options.date ?? today;
    if (issuedOn > today)
      throw new ValidationError('A circular cannot bear a future date.', {
        date: `Today at ${body.timeZone} is ${today}; give that date or an earlier one.`,
      });
    return circular.revisionOf ? { kind: 'revision', number: 0, revision: 0, issuedOn } : { kind: 'next', issuedOn };
  });
}

/** Records a circular issued before (e.g. TSB Circular 352 of 13 October 2021) with its own number and date. */
export async function importCircular(
  deps: CircularsDeps,
  circularId: string,
  actor: string,
  input: unknown,
): Promise<Circular> {
  const options = parseInput(importSchema, input, 'The import is not valid.');
  return issue(deps, circularId, actor, options.acceptFallback ?? [], (circular, body) => {
    if (circular.revisionOf)
      throw new ValidationError('A revision takes the number of what it corrects.', {
        number: 'Issue the revision instead.',
      });
    if (options.date > todayAt(body, deps.now()))
      throw new ValidationError('A circular cannot bear a future date.', { date: 'Give the date it was issued.' });
    return { kind: 'import', number: options.number, issuedOn: options.date };
  });
}

async function issue(
  deps: CircularsDeps,
  circularId: string,
  actor: string,
  acceptFallback: readonly string[],
  claimFor: (circular: Circular, body: IssuingBody) => NumberClaim,
): Promise<Circular> {
  for (let attempt = 0; attempt < 200; attempt++) {
    const circular = await getCircular(deps, circularId);
    if (circular.status === 'issued') return circular;
    if (circular.status === 'draft') {
      const body = issuingBody(circular.bureau);
      const errors = { ...completeContent(circular), ...unconfirmedFallbacks(circular, acceptFallback) };
      if (Object.keys(errors).length) throw new ValidationError('The draft is not ready to issue.', errors);
      const glyphs = glyphErrors(circular, deps.now());
      if (Object.keys(glyphs).length)
        throw new ValidationError('Some characters cannot be printed with the bundled fonts.', glyphs);
      let claim = claimFor(circular, body);
      if (claim.kind === 'revision') {
        const corrected = await getCircular(deps, circular.revisionOf ?? '');
        if (corrected.number === undefined) throw new ConflictError('The corrected circular has no number.');
        const revision = (await deps.store.countRevisions(circular.bureau, corrected.number)) + 1;
        claim = { ...claim, number: corrected.number, revision };
      }
      // Rendered before numbering too, so a template error never costs a number.
      for (const lang of circular.languages) circularDocument(circular, lang, deps.now());
      const number = await deps.store.assignNumber(circular, claim);
      if (number === 'taken' && claim.kind === 'import')
        throw new ConflictError(
          `${referenceOf(body, 'en', { number: claim.number, issuedOn: claim.issuedOn }, '')} is recorded already.`,
        );
      if (number === 'retry' || number === 'taken') {
        await new Promise((resolve) => setTimeout(resolve, Math.random() * 20));
        continue;
      }
      if (number === 'not-a-draft') continue;
    }
    const issuing = await getCircular(deps, circularId);
    if (issuing.status !== 'issuing' || issuing.number === undefined) continue;
    const issuedAt = deps.now().toISOString();
    const documents: Circular['documents'] = [];
    for (const lang of issuing.languages) {
      const pdf = await deps.renderPdf(circularDocument(issuing, lang, deps.now()));
      const sha256 = createHash('sha256').update(pdf).digest('hex');
      const key = documentKey(issuing, lang);
      await deps.documents.put(key, pdf, 'application/pdf', sha256);
      documents.push({ lang, key, sha256, bytes: pdf.length });
    }
    await deps.store.completeIssue(circularId, documents, issuedAt, actor);
    return getCircular(deps, circularId);
  }
  throw new ConflictError('Too many circulars were being issued at once; try again.');
}

/** What a preview warns of: meeting facts that still use English, and characters no font prints. */
export interface PreviewWarnings {
  /** The meeting's fields this language takes from English (e.g. ["objectives"]). */
  fallback: string[];
  /** Characters that no bundled font can print (they would come out as empty boxes). */
  missingGlyphs: string[];
}

export async function previewCircularPdf(
  deps: CircularsDeps,
  circularId: string,
  lang: string | undefined,
): Promise<{ pdf: Buffer; lang: Lang; warnings: PreviewWarnings }> {
  const circular = await getCircular(deps, circularId);
  const language = isLang(lang) ? lang : (circular.languages[0] ?? 'en');
  if (!circular.languages.includes(language))
    throw new ValidationError(`The circular has no ${language} version.`, {
      lang: `Use one of: ${circular.languages.join(', ')}.`,
    });
  const errors = completeContent({ languages: [language], content: circular.content });
  if (Object.keys(errors).length) throw new ValidationError('The draft is not complete enough to print.', errors);
  const model = circularDocument(circular, language, deps.now());
  return {
    pdf: await deps.renderPdf(model),
    lang: language,
    warnings: { fallback: circular.fallbacks[language] ?? [], missingGlyphs: missingGlyphs(model) },
  };
}

export const documentKey = (circular: Pick<Circular, 'bureau' | 'number' | 'circularId'>, lang: Lang) =>
  `circulars/${circular.bureau}/${circular.number}/${circular.circularId}.${lang}.pdf`;

/** The stored PDF of an issued circular. */
export async function issuedCircularPdf(
  deps: Pick<CircularsDeps, 'store' | 'documents'>,
  circularId: string,
  lang: string | undefined,
) {
  const circular = await deps.store.getCircular(circularId);
  if (!circular) throw new NotFoundError(`No circular has the id "${circularId}".`);
  if (circular.status !== 'issued') throw new ConflictError('The circular is not issued yet: use its preview.');
  const document = circular.documents.find((d) => d.lang === lang) ?? circular.documents[0];
  if (!document) throw new NotFoundError('The circular has no stored document.');
  const pdf = await deps.documents.get(document.key);
  if (!pdf) throw new DomainError(503, 'Service Unavailable', 'The stored document could not be read; try again.');
  return { circular, document, pdf };
}

export interface DistributionProgress {
  recipients: number;
  queued: number;
  sent: number;
  failed: number;
  suppressed: number;
}

const recipientMessageId = (circular: Circular, email: string) =>
  `circular.${circular.circularId}.${createHash('sha256').update(email.toLowerCase()).digest('hex').slice(0, 24)}`;

async function recipientsOf(deps: CircularsDeps, circular: Circular) {
  const recipients = new Map<string, { email: string; name: string; language: Lang; role: 'to' | 'copy' }>();
  for (const role of ['to', 'copy'] as const) {
    for (const listId of circular.distribution[role]) {
      const list = await deps.store.getDistributionList(listId);
      if (!list)
        throw new ValidationError('Unknown distribution list.', { distribution: `No list has the id "${listId}".` });
      for (const member of list.members) {
        const key = member.email.toLowerCase();
        if (!recipients.has(key)) recipients.set(key, { ...member, role });
      }
    }
  }
  return [...recipients.values()];
}

/**
 * Emails an issued circular to its distribution lists: one message per recipient, in the
 * recipient's language where the circular has it, with the PDF attached. Each message's id is
 * derived from the circular and the address, so running this again never emails anyone twice.
 */
export async function distributeCircular(
  deps: CircularsDeps,
  circularId: string,
): Promise<DistributionProgress & { queuedNow: number }> {
  const circular = await getCircular(deps, circularId);
  if (circular.status !== 'issued') throw new ConflictError('Only an issued circular can be distributed.');
  const recipients = await recipientsOf(deps, circular);
  if (recipients.length === 0)
    throw new ValidationError('Nobody to send it to.', {
      distribution: 'Choose at least one distribution list with members.',
    });
  const messages: NewOutboxMessage[] = recipients.map((recipient) => {
    // The recipient's language where the circular has it, else English, else its first language.
    const fallback = circular.languages.includes('en') ? 'en' : (circular.languages[0] ?? 'en');
    const lang = circular.languages.includes(recipient.language) ? recipient.language : fallback;
    const content = circular.content[lang];
    const reference = circularReferenceIn(circular, lang);
    return {
      messageId: recipientMessageId(circular, recipient.email),
      recipient: recipient.email,
      language: lang,
      template: 'circular-issued.to-recipient',
      attachments: [{ kind: 'circular-pdf', circularId, lang }],
      document: { kind: 'circular', circularId, lang },
      data: {
        name: recipient.name,
        circular: { reference, subject: content?.subject ?? '' },
        links: { pdf: `${deps.publicBaseUrl}/circulars/${circularId}/${lang}.pdf` },
      },
    };
  });
  const queued: string[] = [];
  for (let i = 0; i < messages.length; i += 100)
    queued.push(...(await deps.store.queueMessages(messages.slice(i, i + 100))));
  await deps.dispatch(queued);
  if (!circular.distributedAt) await deps.store.markDistributed(circularId, deps.now().toISOString());
  return { ...(await distributionProgress(deps, circularId)), queuedNow: queued.length };
}

export async function distributionProgress(deps: CircularsDeps, circularId: string): Promise<DistributionProgress> {
  const circular = await getCircular(deps, circularId);
  if (circular.status !== 'issued' || !circular.distributedAt)
    return { recipients: 0, queued: 0, sent: 0, failed: 0, suppressed: 0 };
  const recipients = await recipientsOf(deps, circular);
  const statuses = await deps.store.messageStatuses(recipients.map((r) => recipientMessageId(circular, r.email)));
  const counts = { recipients: recipients.length, queued: 0, sent: 0, failed: 0, suppressed: 0 };
  for (const status of Object.values(statuses)) counts[status]++;
  return counts;
}

export async function saveDistributionList(
  deps: CircularsDeps,
  listId: string,
  input: unknown,
): Promise<DistributionList> {
  if (!/^[a-z0-9][a-z0-9-]{1,62}$/.test(listId))
    throw new ValidationError('Invalid list id.', { listId: 'Use lower-case letters, digits and hyphens.' });
  const list = parseInput(listSchema, input, 'The distribution list is not valid.');
  return deps.store.putDistributionList({ listId, ...list });
}

/** Every distribution list, by id. */
export function listDistributionLists(deps: CircularsDeps) {
  return deps.store.listDistributionLists();
}

/**
 * Makes (or replaces) a list of a meeting's approved registrants: each with their name and the
 * language they registered in, so a circular reaches them in it.
 */
export async function distributionListFromMeeting(
  deps: CircularsDeps,
  listId: string,
  input: { meetingId: string; name?: string | undefined },
): Promise<DistributionList> {
  const meeting = await deps.store.getMeeting(input.meetingId);
  if (!meeting) throw new ValidationError('Unknown meeting.', { fromMeeting: 'Choose a meeting.' });
  const registrants = await deps.store.approvedRegistrants(input.meetingId);
  if (registrants.length === 0) {
    throw new ValidationError('The meeting has no approved registrant.', {
      fromMeeting: 'This meeting has no approved registrant yet: nothing to make a list of.',
    });
  }
  const members = registrants.map((r) => ({
    email: r.email,
    name: r.name,
    language: (LANGUAGES as readonly string[]).includes(r.language) ? r.language : 'en',
  }));
  const name = input.name?.trim() || `Approved registrants: ${meeting.title}`.slice(0, 200);
  return saveDistributionList(deps, listId, { name, members });
}

export function listCirculars(deps: CircularsDeps): Promise<Circular[]> {
  return deps.store.listCirculars();
}

export async function circularWithProgress(deps: CircularsDeps, circularId: string) {
  const circular = await getCircular(deps, circularId);
  return { ...circular, progress: await distributionProgress(deps, circularId) };
}

export async function getDistributionList(deps: CircularsDeps, listId: string): Promise<DistributionList> {
  const list = await deps.store.getDistributionList(listId);
  if (!list) throw new NotFoundError(`No distribution list has the id "${listId}".`);
  return list;
}

/**
 * An issued circular as the body of an email: the same template, laid out as HTML and text,
 * ending with the link to its public PDF.
 */
export async function circularEmailBody(
  deps: Pick<CircularsDeps, 'store' | 'publicBaseUrl'>,
  circularId: string,
  lang: string,
) {
  const circular = await deps.store.getCircular(circularId);
  if (!circular) throw new NotFoundError(`No circular has the id "${circularId}".`);
  const language = isLang(lang) && circular.languages.includes(lang) ? lang : (circular.languages[0] ?? 'en');
  const model = circularDocument(circular, language, new Date(circular.issuedAt ?? Date.now()));
  const url = `${deps.publicBaseUrl}/circulars/${encodeURIComponent(circularId)}/${language}.pdf`;
  model.blocks.push({
    type: 'paragraph',
    runs: [{ text: `${defaultsFor(language).pdfLink} ` }, { text: url, link: url }],
  });
  return renderDocumentEmail(model);
}
