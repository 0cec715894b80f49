import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as z from 'zod';
import { renderDocumentEmail } from '../documents/email.ts';
import type { DocumentModel } from '../documents/model.ts';
import { renderDocument } from '../documents/templates.ts';
import { ConflictError, DomainError, NotFoundError, ValidationError } from '../errors.ts';
import { isLang, LANGUAGES, type Lang } from '../i18n/languages.ts';
import type { NewOutboxMessage } from '../mail/outbox.ts';
import type { Meeting } from '../meetings/meeting.ts';
import { newId } from '../registrations/tokens.ts';
import { templatesDir } from '../templates-dir.ts';
import { BUREAUS, type Circular, type CircularContent, type DistributionList } from './circular.ts';

/**
 * Circulars (DOMAIN §3): a draft made from a meeting and edited by the secretariat; issuing
 * gives it the next number of its bureau (gap-free, unique), freezes it and stores each
 * language's PDF with its SHA-256; distributing emails it, once per recipient.
 */
export interface CircularStore {
  getCircular(circularId: string): Promise<Circular | undefined>;
  listCirculars(): Promise<Circular[]>;
  createCircular(circular: Circular): Promise<void>;
  /** Saves changes if the circular is still at `expectedVersion` and a draft; false otherwise. */
  updateDraft(circularId: string, expectedVersion: number, changes: Partial<Circular>): Promise<boolean>;
  /**
   * In one transaction: takes the bureau's next number (the last issued + 1), claims it, and
   * marks the draft `issuing` with it. Answers the number, or undefined if another issue got
   * there first (the caller reads again and retries).
   */
  assignNumber(circular: Circular): Promise<number | 'not-a-draft' | 'retry'>;
  /** Marks an `issuing` circular issued, with its stored documents. */
  completeIssue(
    circularId: string,
    documents: Circular['documents'],
    issuedAt: string,
    issuedBy: string,
  ): Promise<void>;
  markDistributed(circularId: string, at: string): Promise<void>;
  getMeeting(meetingId: string): Promise<Meeting | undefined>;
  getDistributionList(listId: string): Promise<DistributionList | undefined>;
  putDistributionList(list: Omit<DistributionList, 'version'>): Promise<DistributionList>;
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

// --- Defaults: templates/documents/circular/defaults.json, editable without code --------------

interface LanguageDefaults {
  bureauNames: Record<string, string>;
  bureauAbbreviations: Record<string, string>;
  placeAndDate: string;
  addressees: string[];
  copies: string[];
  signatory: { name: string; title: string };
  subject: string;
  ordinals: string[];
  ordinalFallback: string;
  formats: Record<string, string>;
  formatPhrases: Record<string, string>;
  zoneNames: Record<string, string>;
  languagesOnly: string;
  languagesMany: string;
  time: string;
  languageNames?: Record<string, string>;
}

let defaultsCache: Partial<Record<Lang, LanguageDefaults>> | undefined;

function defaultsFor(lang: Lang): LanguageDefaults {
  defaultsCache ??= JSON.parse(
    readFileSync(join(templatesDir(), 'documents', 'circular', 'defaults.json'), 'utf8'),
  ) as Partial<Record<Lang, LanguageDefaults>>;
  const found = defaultsCache[lang];
  if (!found)
    throw new ValidationError(`Circulars cannot be made in ${lang} yet.`, {
      languages: `No defaults for "${lang}" in templates/documents/circular/defaults.json.`,
    });
  return found;
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

const fill = (pattern: string, values: Record<string, string>) =>
  pattern.replace(/\{(\w+)\}/g, (all, key: string) => values[key] ?? all);
const LOCALES: Record<Lang, string> = { ar: 'ar', en: 'en-GB', es: 'es', fr: 'fr', ru: 'ru', zh: 'zh-CN' };
const capitalise = (text: string) => text.charAt(0).toLocaleUpperCase() + text.slice(1);

export function longDate(iso: string, timeZone: string, lang: Lang): string {
  const date = new Intl.DateTimeFormat(LOCALES[lang], {
    timeZone,
    day: 'numeric',
    month: 'long',
    year: 'numeric',
  }).format(new Date(iso));
  // Official Russian letters write "7 декабря 2021 года" (Circular 352), not the abbreviated "г.".
  return lang === 'ru' ? date.replace(/ г\.$/, ' года') : date;
}

function clock(iso: string, timeZone: string, pattern: string): string {
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone,
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(new Date(iso));
  return fill(pattern, {
    hh: parts.find((p) => p.type === 'hour')?.value ?? '',
    mm: parts.find((p) => p.type === 'minute')?.value ?? '',
  });
}

/** The meeting's facts as a circular phrases them in one language. */
function meetingPhrases(meeting: Meeting, lang: Lang) {
  const d = defaultsFor(lang);
  const ordinal = d.ordinals[meeting.number - 1] ?? fill(d.ordinalFallback, { n: String(meeting.number) });
  const names = new Intl.DisplayNames([LOCALES[lang]], { type: 'language' });
  const languageNames = meeting.languages.map((code) => d.languageNames?.[code] ?? names.of(code) ?? code);
  const date = longDate(meeting.startsAt, meeting.timeZone, lang);
  return {
    ordinal,
    Ordinal: capitalise(ordinal),
    format: d.formats[meeting.format] ?? meeting.format,
    formatPhrase: d.formatPhrases[meeting.format] ?? meeting.format,
    date,
    startTime: clock(meeting.startsAt, meeting.timeZone, d.time),
    endTime: clock(meeting.endsAt, meeting.timeZone, d.time),
    zoneName: d.zoneNames[meeting.timeZone] ?? meeting.timeZone,
    languagesSentence: fill(languageNames.length === 1 ? d.languagesOnly : d.languagesMany, {
      languages: languageNames.join(', '),
    }),
    objectives: meeting.objectives,
    eventUrl: meeting.eventUrl ?? '',
  };
}

/** A draft's content in one language, made from the meeting with the usual paragraphs. */
export function defaultContent(meeting: Meeting | undefined, lang: Lang): CircularContent {
  const d = defaultsFor(lang);
  if (!meeting)
    return { subject: '', addressees: d.addressees, copies: d.copies, paragraphs: [], signatory: d.signatory };
  const phrases = meetingPhrases(meeting, lang);
  const model = renderDocument('circular-meeting-paragraphs', lang, { meeting: phrases });
  const paragraphs = model.blocks.flatMap((block) =>
    block.type === 'paragraph'
      ? [
          {
            text: block.runs.map((r) => r.text).join(''),
            bullets: (block.bullets ?? []).map((b) => b.map((r) => r.text).join('')),
          },
        ]
      : [],
  );
  return {
    subject: fill(d.subject, { ...phrases, objectives: '' }),
    addressees: d.addressees,
    copies: d.copies,
    paragraphs,
    signatory: d.signatory,
  };
}

// --- Validation ----------------------------------------------------------------------------------

const text = (max: number) =>
  z
    .string()
    .trim()
    .min(1, { error: 'This field is required.' })
    .max(max, { error: `Use at most ${max} characters.` });
const contentSchema = z.object({
  subject: text(500),
  addressees: z.array(text(300)).min(1, { error: 'Name at least one addressee.' }).max(30),
  copies: z.array(text(300)).max(30).default([]),
  paragraphs: z
    .array(z.object({ text: text(6000), bullets: z.array(text(1000)).max(30).default([]) }))
    .min(1, { error: 'Write at least one paragraph.' })
    .max(60),
  signatory: z.object({ name: text(200), title: text(300) }),
});
export const draftSchema = z.object({
  meetingId: z.string().max(100).optional(),
  bureau: z.enum(BUREAUS, { error: 'Use TSB, BDT or BR.' }).default('TSB'),
  languages: z
    .array(z.enum(LANGUAGES, { error: 'Use ar, en, es, fr, ru or zh.' }))
    .min(1, { error: 'Choose at least one language.' })
    .max(6)
    .default(['en']),
  contact: z
    .object({ tel: text(100), fax: text(100), email: z.email({ error: 'Give an email address.' }) })
    .default({ tel: '+41 22 730 6301', fax: '+41 22 730 5853', email: 'u4ssc@itu.int' }),
  content: z.record(z.string(), contentSchema.partial()).default({}),
  distribution: z
    .object({
      to: z.array(z.string().max(100)).max(20).default([]),
      copy: z.array(z.string().max(100)).max(20).default([]),
    })
    .default({ to: [], copy: [] }),
  revisionOf: z.string().max(100).optional(),
});

function errorsOf(error: z.ZodError): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const issue of error.issues) errors[issue.path.join('.') || 'body'] ??= issue.message;
  return errors;
}

/** Every language's content complete: a circular cannot be previewed or issued with a gap. */
export function completeContent(circular: Pick<Circular, 'languages' | 'content'>): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const lang of circular.languages) {
    const parsed = contentSchema.safeParse(circular.content[lang] ?? {});
    if (!parsed.success)
      for (const [path, message] of Object.entries(errorsOf(parsed.error))) errors[`content.${lang}.${path}`] = message;
  }
  return errors;
}

// --- Operations ------------------------------------------------------------------------------------

export async function createCircularDraft(deps: CircularsDeps, input: unknown): Promise<Circular> {
  const parsed = draftSchema.safeParse(input ?? {});
  if (!parsed.success) throw new ValidationError('The circular draft is not valid.', errorsOf(parsed.error));
  const data = parsed.data;
  const meeting = data.meetingId ? await deps.store.getMeeting(data.meetingId) : undefined;
  if (data.meetingId && !meeting)
    throw new ValidationError('Unknown meeting.', { meetingId: `No meeting has the id "${data.meetingId}".` });
  if (data.revisionOf) {
    const corrected = await deps.store.getCircular(data.revisionOf);
    if (corrected?.status !== 'issued')
      throw new ValidationError('A revision corrects an issued circular.', {
        revisionOf: 'Give the id of an issued circular.',
      });
  }
  const content: Circular['content'] = {};
  for (const lang of data.languages)
    content[lang] = { ...defaultContent(meeting, lang), ...(data.content[lang] ?? {}) } as CircularContent;
  const circular: Circular = {
    circularId: newId(),
    bureau: data.bureau,
    status: 'draft',
    languages: data.languages,
    meetingId: data.meetingId,
    contact: data.contact,
    content,
    distribution: data.distribution,
    documents: [],
    revisionOf: data.revisionOf,
    createdAt: deps.now().toISOString(),
    version: 1,
  };
  await deps.store.createCircular(circular);
  return circular;
}

export async function getCircular(deps: CircularsDeps, circularId: string): Promise<Circular> {
  const circular = await deps.store.getCircular(circularId);
  if (!circular) throw new NotFoundError(`No circular has the id "${circularId}".`);
  return circular;
}

/** Edits a draft; an issued circular never changes (a correction is a new revision). */
export async function updateCircularDraft(deps: CircularsDeps, circularId: string, input: unknown): Promise<Circular> {
  const current = await getCircular(deps, circularId);
  if (current.status !== 'draft')
    throw new ConflictError(
      `Circular ${current.bureau} ${current.number} is issued and never changes; make a revision that references it.`,
    );
  const schema = draftSchema.partial().extend({ version: z.number({ error: 'Give the version you edited.' }).int() });
  const parsed = schema.safeParse(input ?? {});
  if (!parsed.success) throw new ValidationError('The change is not valid.', errorsOf(parsed.error));
  const { version, content, ...rest } = parsed.data;
  // Zod applies a field's default even under .partial(): only what the caller sent changes.
  const sent = new Set(input && typeof input === 'object' ? Object.keys(input) : []);
  const changes: Partial<Circular> = Object.fromEntries(
    Object.entries(rest).filter(([key, value]) => value !== undefined && sent.has(key)),
  );
  if (content) {
    const merged: Circular['content'] = { ...current.content };
    for (const [lang, partial] of Object.entries(content))
      if (isLang(lang))
        merged[lang] = { ...(merged[lang] ?? defaultContent(undefined, lang)), ...partial } as CircularContent;
    changes.content = merged;
  }
  if (!(await deps.store.updateDraft(circularId, version, changes))) {
    throw new ConflictError('The draft was changed or issued meanwhile; reload it and apply your change again.');
  }
  return getCircular(deps, circularId);
}

/** The document of one language: the circular's data through templates/documents/circular/<lang>.hbs. */
export function circularDocument(circular: Circular, lang: Lang, now: Date): DocumentModel {
  const content = circular.content[lang];
  if (!content)
    throw new ValidationError(`The circular has no ${lang} version.`, {
      lang: `Use one of: ${circular.languages.join(', ')}.`,
    });
  const d = defaultsFor(lang);
  const date = longDate(circular.issuedAt ?? now.toISOString(), 'Europe/Zurich', lang);
  return renderDocument('circular', lang, {
    circular: {
      bureau: d.bureauAbbreviations[circular.bureau] ?? circular.bureau,
      bureauName: d.bureauNames[circular.bureau] ?? circular.bureau,
      number: circular.number === undefined ? 'DRAFT' : String(circular.number),
      placeAndDate: fill(d.placeAndDate, { date }),
      contact: circular.contact,
      addressees: content.addressees,
      copies: content.copies,
      subject: content.subject,
      paragraphs: content.paragraphs,
      signatory: content.signatory,
    },
  });
}

export async function previewCircularPdf(
  deps: CircularsDeps,
  circularId: string,
  lang: string | undefined,
): Promise<Buffer> {
  const circular = await getCircular(deps, circularId);
  const language = isLang(lang) ? lang : (circular.languages[0] ?? 'en');
  const errors = completeContent({ languages: [language], content: circular.content });
  if (Object.keys(errors).length) throw new ValidationError('The draft is not complete enough to print.', errors);
  return deps.renderPdf(circularDocument(circular, language, deps.now()));
}

export const documentKey = (circular: Pick<Circular, 'bureau' | 'number' | 'circularId'>, lang: Lang) =>
  `circulars/${circular.bureau}/${circular.number}/${circular.circularId}.${lang}.pdf`;

/**
 * Issues a draft: the next number of its bureau (gap-free and unique, however many officers
 * issue at once), then each language's PDF stored with its SHA-256, then frozen. If this is
 * interrupted after the number, running it again finishes the same issue.
 */
export async function issueCircular(deps: CircularsDeps, circularId: string, actor: string): Promise<Circular> {
  for (let attempt = 0; attempt < 200; attempt++) {
    const circular = await getCircular(deps, circularId);
    if (circular.status === 'issued') return circular;
    if (circular.status === 'draft') {
      const errors = completeContent(circular);
      if (Object.keys(errors).length) throw new ValidationError('The draft is not complete enough to issue.', errors);
      // Rendered before numbering too, so a template error never costs a number.
      for (const lang of circular.languages) circularDocument(circular, lang, deps.now());
      const number = await deps.store.assignNumber(circular);
      if (number === 'retry') {
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
      const pdf = await deps.renderPdf(circularDocument({ ...issuing, issuedAt }, lang, deps.now()));
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
export async function distributeCircular(deps: CircularsDeps, circularId: string): Promise<DistributionProgress> {
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
    return {
      messageId: recipientMessageId(circular, recipient.email),
      recipient: recipient.email,
      language: lang,
      template: 'circular-issued.to-recipient',
      attachments: [{ kind: 'circular-pdf', circularId, lang }],
      document: { kind: 'circular', circularId, lang },
      data: {
        name: recipient.name,
        circular: { reference: `${circular.bureau} Circular ${circular.number}`, subject: content?.subject ?? '' },
        links: { pdf: `${deps.publicBaseUrl}/circulars/${circularId}/${lang}.pdf` },
      },
    };
  });
  const queued: string[] = [];
  for (let i = 0; i < messages.length; i += 100)
    queued.push(...(await deps.store.queueMessages(messages.slice(i, i + 100))));
  await deps.dispatch(queued);
  if (!circular.distributedAt) await deps.store.markDistributed(circularId, deps.now().toISOString());
  return distributionProgress(deps, circularId);
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

export const listSchema = z.object({
  name: text(200),
  members: z
    .array(
      z.object({
        email: z.email({ error: 'Give an email address.' }),
        name: text(200),
        language: z.enum(LANGUAGES).default('en'),
      }),
    )
    .max(10_000),
});

export async function saveDistributionList(
  deps: CircularsDeps,
  listId: string,
  input: unknown,
): Promise<DistributionList> {
  if (!/^[a-z0-9][a-z0-9-]{1,62}$/.test(listId))
    throw new ValidationError('Invalid list id.', { listId: 'Use lower-case letters, digits and hyphens.' });
  const parsed = listSchema.safeParse(input ?? {});
  if (!parsed.success) throw new ValidationError('The distribution list is not valid.', errorsOf(parsed.error));
  return deps.store.putDistributionList({ listId, ...parsed.data });
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

/** An issued circular as the body of an email: the same template, laid out as HTML and text. */
export async function circularEmailBody(deps: Pick<CircularsDeps, 'store'>, circularId: string, lang: string) {
  const circular = await deps.store.getCircular(circularId);
  if (!circular) throw new NotFoundError(`No circular has the id "${circularId}".`);
  const language = isLang(lang) && circular.languages.includes(lang) ? lang : (circular.languages[0] ?? 'en');
  return renderDocumentEmail(circularDocument(circular, language, new Date(circular.issuedAt ?? Date.now())));
}
