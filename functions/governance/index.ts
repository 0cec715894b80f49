import type { DocumentModel } from '../documents/model.ts';
import { NotFoundError } from '../errors.ts';
import { isLang, type Lang } from '../i18n/languages.ts';
import type { Role } from '../identity/roles.ts';
import { resolvePerson } from './bindings.ts';
import { annexIIDocument, annexLabels, annexPartners, decisionRecordDocument, decisionReference } from './documents.ts';
import {
  auditCsv,
  canSee,
  castVote,
  closeDueVotes,
  getRequest,
  listRequests,
  openRequest,
  remindVoters,
  transitionRequest,
} from './engine.ts';
import type { GovernanceDeps } from './request.ts';

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

export const csv = async (deps: GovernanceDeps, caller: Caller, requestId: string) =>
  auditCsv(deps, await personOf(deps, caller), requestId);

export { closeDueVotes, remindVoters };

type Renders = { renderPdf: (model: DocumentModel) => Promise<Buffer> };

async function countedDecision(deps: GovernanceDeps, requestId: string) {
  const request = await deps.requests.getRequest(requestId);
  if (!request) throw new NotFoundError(`There is no request ${requestId}.`);
  return { request, partners: await deps.directory.listPartners() };
}

/** The decision record of a counted electronic decision as PDF, for whoever may see the request. */
export async function decisionRecordPdf(
  deps: GovernanceDeps & Renders,
  caller: Caller,
  requestId: string,
  lang: string,
) {
  const [{ request, partners }, person] = await Promise.all([countedDecision(deps, requestId), personOf(deps, caller)]);
  if (!canSee(person, request)) throw new NotFoundError(`There is no request ${requestId}.`);
  const pdf = await deps.renderPdf(decisionRecordDocument(request, partners, lang));
  return { pdf, filename: `${decisionReference(request).replace(/\//g, '-')}-${lang}.pdf` };
}

/** The decision record as an email attachment, made at send time. */
export async function decisionRecordAttachment(deps: GovernanceDeps & Renders, requestId: string, lang: string) {
  const { request, partners } = await countedDecision(deps, requestId);
  return {
    filename: `${decisionReference(request).replace(/\//g, '-')}-${lang}.pdf`,
    contentType: 'application/pdf',
    content: await deps.renderPdf(decisionRecordDocument(request, partners, lang)),
  };
}

/** The Annex II list, as the page shows it. */
export async function annexII(deps: GovernanceDeps, lang: Lang) {
  const partners = await deps.directory.listPartners();
  const date = new Intl.DateTimeFormat(lang, { dateStyle: 'long', timeZone: 'Europe/Zurich' }).format(deps.now());
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
