import type { DocumentModel } from '../documents/model.ts';
import { DomainError, NotFoundError, ValidationError } from '../errors.ts';
import { DATE_STYLES, formatDate } from '../i18n/dates.ts';
import { isLang, type Lang } from '../i18n/languages.ts';
import type { Role } from '../identity/roles.ts';
import type { Partner } from '../partners/index.ts';
import { parseInput } from '../validation/input.ts';
import * as z from '../validation/zod.ts';
import { resolvePerson } from './bindings.ts';
import { formFieldOf, OPEN_FORMS, openBodyOf } from './console-open.ts';
import {
  annexIIDocument,
  annexLabels,
  annexPartners,
  consentLetterDocument,
  consentReference,
  decisionRecordDocument,
  decisionReference,
  workPlanDocument,
  workPlanReference,
} from './documents.ts';
import {
  attachToRequest,
  auditCsv,
  canSee,
  castVote,
  closeDueVotes,
  getRequest,
  listRequests,
  openRequest,
  remindVoters,
  requestFile,
  transitionRequest,
} from './engine.ts';
import type { Kind } from './kinds.ts';
import type { GovernanceDeps, GovernanceRequest } from './request.ts';

/**
 * The governance capability as the handlers call it: each operation first binds the caller's
 * roles to their records (bindings.ts), then runs the engine (engine.ts).
 */
type Caller = { email: string; roles: readonly Role[] } | undefined;

const personOf = (deps: GovernanceDeps, caller: Caller) => resolvePerson(deps, caller ?? { email: '', roles: [] });

export const open = async (deps: GovernanceDeps, caller: Caller, body: unknown) =>
  openRequest(deps, await personOf(deps, caller), body);

export const transition = async (deps: GovernanceDeps, caller: Caller, requestId: string, body: unknown) =>
  transitionRequest(deps, await personOf(deps, caller), requestId, body);

export const vote = async (deps: GovernanceDeps, caller: Caller, requestId: string, body: unknown) =>
  castVote(deps, await personOf(deps, caller), requestId, body);

export const list = async (deps: GovernanceDeps, caller: Caller, query: Record<string, string | undefined>) =>
  listRequests(deps, await personOf(deps, caller), {
    kind: query.kind,
    state: query.state,
    waiting: query.waiting === 'me' || query.waiting === 'true',
  });

export const get = async (deps: GovernanceDeps, caller: Caller, requestId: string) =>
  getRequest(deps, await personOf(deps, caller), requestId);

export const attach = async (deps: GovernanceDeps, caller: Caller, requestId: string, body: unknown) =>
  attachToRequest(deps, await personOf(deps, caller), requestId, body);

export const file = async (deps: GovernanceDeps, caller: Caller, requestId: string, attachmentId: string) =>
  requestFile(deps, await personOf(deps, caller), requestId, attachmentId);

export const csv = async (deps: GovernanceDeps, caller: Caller, requestId: string) =>
  auditCsv(deps, await personOf(deps, caller), requestId);

export { closeDueVotes, remindVoters };

type Renders = { renderPdf: (model: DocumentModel) => Promise<Buffer> };

async function countedDecision(deps: GovernanceDeps, requestId: string) {
  const request = await deps.requests.getRequest(requestId);
  if (!request) throw new NotFoundError(`There is no request ${requestId}.`);
  return { request, partners: await deps.directory.listPartners() };
}

/** A request's document, made from the record: the decision record of an e-decision, the consent letter of a logo request, an approved work plan. */
function requestDocument(request: GovernanceRequest, partners: Partner[], lang: string) {
  if (request.kind === 'logo-consent') {
    return {
      model: consentLetterDocument(request, lang, request.updatedAt),
      filename: `${consentReference(request).replace(/\//g, '-')}-${lang}.pdf`,
    };
  }
  if (request.kind === 'work-plan') {
    return {
      model: workPlanDocument(request, lang),
      filename: `${workPlanReference(request).replace(/\//g, '-')}-${lang}.pdf`,
    };
  }
  return {
    model: decisionRecordDocument(request, partners, lang),
    filename: `${decisionReference(request).replace(/\//g, '-')}-${lang}.pdf`,
  };
}

/** A request's document as PDF, for whoever may see the request. */
export async function decisionRecordPdf(
  deps: GovernanceDeps & Renders,
  caller: Caller,
  requestId: string,
  lang: string,
) {
  const [{ request, partners }, person] = await Promise.all([countedDecision(deps, requestId), personOf(deps, caller)]);
  if (!canSee(person, request)) throw new NotFoundError(`There is no request ${requestId}.`);
  const { model, filename } = requestDocument(request, partners, lang);
  return { pdf: await deps.renderPdf(model), filename };
}

/** A request's document as an email attachment, made at send time. */
export async function decisionRecordAttachment(deps: GovernanceDeps & Renders, requestId: string, lang: string) {
  const { request, partners } = await countedDecision(deps, requestId);
  const { model, filename } = requestDocument(request, partners, lang);
  return { filename, contentType: 'application/pdf', content: await deps.renderPdf(model) };
}

/** The Annex II list, as the page shows it. */
export async function annexII(deps: GovernanceDeps, lang: Lang) {
  const partners = await deps.directory.listPartners();
  const date = formatDate(deps.now(), lang, { ...DATE_STYLES.day, timeZone: 'Europe/Zurich' });
  const labels = annexLabels(lang);
  return { labels, asOf: (labels.asOf ?? '{date}').replace('{date}', date), partners: annexPartners(partners, lang) };
}

/** The Annex II list as PDF, in any of the six languages. */
export async function annexIIPdf(deps: GovernanceDeps & Renders, file: string) {
  const lang = /^([a-z]{2})\.pdf$/.exec(file)?.[1];
  if (!isLang(lang)) throw new NotFoundError('Ask for <language>.pdf: ar, en, es, fr, ru or zh.');
  const pdf = await deps.renderPdf(annexIIDocument(await deps.directory.listPartners(), lang, deps.now()));
  return { pdf, filename: `U4SSC-Annex-II-partners-${lang}.pdf` };
}

/** The console's view of a request, with the count of what waits for the person (the navigation's). */
export async function consoleRequest(deps: GovernanceDeps, caller: Caller, requestId: string) {
  const person = await personOf(deps, caller);
  const [view, listing] = await Promise.all([getRequest(deps, person, requestId), listRequests(deps, person)]);
  return { view, waiting: listing.waiting.total };
}

const consoleForm = z.strictObject({
  do: z.enum(['action', 'vote']),
  action: z.optional(z.string().check(z.maxLength(40))),
  version: z.optional(z.string().check(z.regex(/^\d{1,9}$/))),
  comment: z.optional(z.string().check(z.maxLength(4000))),
  closesAt: z.optional(z.string().check(z.maxLength(40))),
  choice: z.optional(z.string().check(z.maxLength(20))),
});

/**
 * A console form, as the JSON API would take it: a refusal the person can act on (a 4xx: stale,
 * not allowed, invalid) comes back as a message on the page rather than an error page.
 */
export async function consoleAct(
  deps: GovernanceDeps,
  caller: Caller,
  requestId: string,
  body: unknown,
): Promise<{ done: string } | { error: string }> {
  const form = parseInput(consoleForm, body);
  const comment = form.comment?.trim() || undefined;
  try {
    if (form.do === 'vote') {
      const ballot = await vote(deps, caller, requestId, { choice: form.choice, ...(comment ? { comment } : {}) });
      return { done: `Your vote (${ballot.choice}) for ${ballot.partnerId} is recorded.` };
    }
    const closesAt = form.closesAt
      ? /[zZ]|[+-]\d\d:\d\d$/.test(form.closesAt)
        ? form.closesAt
        : `${form.closesAt.length === 16 ? `${form.closesAt}:00` : form.closesAt}Z`
      : undefined;
    const next = await transition(deps, caller, requestId, {
      action: form.action,
      version: Number(form.version),
      ...(comment ? { comment } : {}),
      ...(closesAt ? { closesAt } : {}),
    });
    return { done: `Done: the request is now ${next.state}.` };
  } catch (error) {
    if (error instanceof DomainError && error.statusCode < 500 && error.statusCode !== 404) {
      const errors = (error.extensions.errors ?? {}) as Record<string, string>;
      const details = Object.entries(errors).map(([field, message]) => `${field}: ${message}`);
      return { error: [error.message, ...details].join(' ') };
    }
    throw error;
  }
}

/**
 * The console's form to open a request (`console-open.ts`): the request opened, or the form's
 * values again with the engine's refusal, per field where it names one.
 */
export async function consoleOpen(
  deps: GovernanceDeps,
  caller: Caller,
  body: unknown,
): Promise<
  | { opened: GovernanceRequest }
  | {
      kind: Kind | undefined;
      status: number;
      error: string;
      errors: Record<string, string>;
      values: Record<string, string>;
    }
> {
  // A form's fields are strings; an empty or unreadable body is a form with none.
  const values: Record<string, string> = Object.fromEntries(
    Object.entries(body && typeof body === 'object' && !Array.isArray(body) ? body : {}).filter(
      (entry): entry is [string, string] => typeof entry[1] === 'string',
    ),
  );
  const kind = (Object.keys(OPEN_FORMS) as Kind[]).find((k) => k === values.kind);
  const refused = (status: number, error: string, errors: Record<string, string> = {}) => ({
    kind,
    status,
    error,
    errors,
    values: { ...values },
  });
  if (!kind) return refused(400, 'Choose the kind of request to open.');
  const built = openBodyOf(kind, values);
  if ('errors' in built) return refused(400, 'The form is not valid: see the fields marked.', built.errors);
  try {
    return { opened: await open(deps, caller, built.body) };
  } catch (error) {
    if (error instanceof DomainError && error.statusCode < 500) {
      const errors = Object.fromEntries(
        Object.entries((error.extensions.errors ?? {}) as Record<string, string>).map(([path, message]) => [
          formFieldOf(path),
          message,
        ]),
      );
      const message =
        error instanceof ValidationError ? 'The form is not valid: see the fields marked.' : error.message;
      return refused(error.statusCode, message, errors);
    }
    throw error;
  }
}

export { requestVerifyLink, submitPublicHubRequest, verifyPublicRequest } from './public.ts';
