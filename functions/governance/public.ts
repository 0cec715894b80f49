import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { ConflictError, NotFoundError, ValidationError } from '../errors.ts';
import type { Lang } from '../i18n/languages.ts';
import type { NewOutboxMessage, RequestLinkSpec } from '../mail/outbox.ts';
import { parseInput } from '../validation/input.ts';
import { newRequestId } from './engine.ts';
import { messagesFor, summaryOf } from './notifications.ts';
import type { AuditEvent, GovernanceDeps, GovernanceRequest } from './request.ts';

/**
 * Public hub requests (ToR §30): a country or city applies from a public form, in any of the
 * six languages, and confirms its email address before the request reaches the secretariat
 * (as registrations do). The link's token is made when the email is sent and only its SHA-256
 * is kept with the request; it is single-use and valid for 48 hours.
 */
export const UNVERIFIED = 'unverified';
const VERIFY_HOURS = 48;

import { publicHubRequestSchema } from './public-schema.ts';

const hash = (token: string) => createHash('sha256').update(token).digest('hex');
const slug = (name: string) =>
  name
    .normalize('NFKD')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40);

/** Takes the form; the request waits for its email to be confirmed. Answers the same whatever happens next. */
export async function submitPublicHubRequest(deps: GovernanceDeps, input: unknown, lang: Lang) {
  const body = parseInput(publicHubRequestSchema, input);
  const partners = await deps.directory.listPartners();
  if (!partners.some((p) => p.partnerId === body.partnerId)) {
    throw new ValidationError('The partner named is not a U4SSC partner.', { partnerId: 'not-a-partner' });
  }
  const at = deps.now();
  const hubId = `${slug(body.hubName) || 'hub'}-${randomBytes(3).toString('hex')}`;
  const request: GovernanceRequest = {
    requestId: newRequestId(),
    kind: 'hub-request',
    state: UNVERIFIED,
    version: 1,
    requesterEmail: body.contactEmail,
    requesterName: body.contactName,
    fields: {
      hubId,
      hubName: body.hubName,
      country: body.country,
      ...(body.city ? { city: body.city } : {}),
      partnerId: body.partnerId,
      contactName: body.contactName,
      contactEmail: body.contactEmail,
      description: body.description,
    },
    partnerId: body.partnerId,
    language: lang,
    createdAt: at.toISOString(),
    updatedAt: at.toISOString(),
  };
  const event: AuditEvent = {
    requestId: request.requestId,
    eventId: `${request.createdAt}#v1#submit`,
    at: request.createdAt,
    actorEmail: body.contactEmail,
    actorRole: 'public',
    action: 'submit',
    from: '',
    to: UNVERIFIED,
  };
  const links: RequestLinkSpec = { requestId: request.requestId, verify: true, lang };
  const message: NewOutboxMessage = {
    messageId: `gov.${request.requestId}.v1.verify.requester`,
    recipient: body.contactEmail,
    language: lang,
    template: 'hub-request-verify.to-requester',
    data: { summary: summaryOf(request), name: body.contactName },
    links,
  };
  await deps.requests.createRequest(request, event, [message]);
  await deps.dispatch([message.messageId]);
  return { requestId: request.requestId };
}

/** The verification link of a public request, made as its email goes out (`links.verify`). */
export async function requestVerifyLink(deps: GovernanceDeps, spec: RequestLinkSpec) {
  const token = randomBytes(32).toString('base64url');
  const expiresAt = new Date(deps.now().getTime() + VERIFY_HOURS * 3_600_000).toISOString();
  if (!(await deps.requests.setVerifyToken(spec.requestId, hash(token), expiresAt))) return undefined;
  return {
    verify: `${deps.publicBaseUrl}/hub-requests/${spec.requestId}/verify?token=${encodeURIComponent(token)}&lang=${spec.lang}`,
  };
}

/** The emailed link confirmed: the request goes to the secretariat. A link used once confirms nothing more. */
export async function verifyPublicRequest(deps: GovernanceDeps, requestId: string, token: string) {
  const request = await deps.requests.getRequest(requestId);
  const stored = await deps.requests.getVerifyToken(requestId);
  const given = Buffer.from(hash(token), 'hex');
  const valid =
    !!request &&
    !!stored &&
    given.length === 32 &&
    timingSafeEqual(given, Buffer.from(stored.hash, 'hex')) &&
    Date.parse(stored.expiresAt) > deps.now().getTime();
  if (!request || !valid) throw new NotFoundError('This link is not valid (used, expired or mistyped).');
  if (request.state !== UNVERIFIED) return { request, already: true };
  const at = deps.now();
  const next: GovernanceRequest = {
    ...request,
    state: 'submitted',
    version: request.version + 1,
    updatedAt: at.toISOString(),
  };
  const event: AuditEvent = {
    requestId,
    eventId: `${at.toISOString()}#v${next.version}#verify`,
    at: at.toISOString(),
    actorEmail: request.requesterEmail,
    actorRole: 'public',
    action: 'verify',
    from: UNVERIFIED,
    to: 'submitted',
  };
  const messages = messagesFor(deps, next, 'opened', { partners: [], board: [] });
  if (!(await deps.requests.transition(next, request, event, messages))) {
    throw new ConflictError('The request was confirmed meanwhile.');
  }
  await deps.dispatch(messages.map((m) => m.messageId));
  return { request: next, already: false };
}
