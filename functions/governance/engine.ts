import { randomBytes } from 'node:crypto';
import { compareCodePoints } from '../calendar/compare.ts';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../errors.ts';
import { genevaDay } from '../meetings/zoned-time.ts';
import { parseInput } from '../validation/input.ts';
import { attachEvent, attachFiles, readFile, storeFiles } from './attachments.ts';
import { actsAs } from './bindings.ts';
import { type Action, isKind, KIND_NAMES, type Kind, kindOf, VotingRule } from './kinds.ts';
import { type Audience, type GovernanceEvent, messagesFor, summaryOf } from './notifications.ts';
import { countVotes } from './outcome.ts';
import type {
  AuditEvent,
  Ballot,
  Effects,
  GovernanceDeps,
  GovernanceRequest,
  NominationCall,
  Person,
} from './request.ts';
import { openBody, transitionBody, voteBody } from './schemas.ts';

/**
 * The approvals engine: opens requests of every kind, moves them through their declared state
 * machine (kinds.ts), takes partners' votes and closes votes at their deadline. Each change is
 * one transaction of the store (request + audit event + emails + effects); a change decided on
 * a version someone else has moved on from is a 409.
 */
export const newRequestId = () => randomBytes(12).toString('base64url').replace(/[-_]/g, 'x');

/** The state a vote is counted in: no ballot is taken any more, the result is not yet recorded. */
export const COUNTING = 'counting';

const MIN_VOTING_MS = 60_000;

function eventOf(
  request: GovernanceRequest,
  person: { email: string; role: string },
  action: string,
  from: string,
  at: Date,
  comment?: string,
): AuditEvent {
  return {
    requestId: request.requestId,
    eventId: `${at.toISOString()}#v${request.version}#${action}`,
    at: at.toISOString(),
    actorEmail: person.email,
    actorRole: person.role,
    action,
    from,
    to: request.state,
    ...(comment ? { comment } : {}),
  };
}

async function audienceOf(deps: GovernanceDeps): Promise<Audience> {
  const [partners, offices] = await Promise.all([deps.directory.listPartners(), deps.directory.listOffices()]);
  const today = deps.now().toISOString();
  return {
    partners: partners.map((p) => ({ partnerId: p.partnerId, name: p.name, email: p.focalPointEmail })),
    // One email per person, even for a person holding two Board offices.
    board: [
      ...new Set(
        offices
          .filter((o) => (o.role === 'chair' || o.role === 'vice-chair') && o.termEnd >= today)
          .map((o) => o.holderEmail.toLowerCase()),
      ),
    ],
  };
}

function votingOf(
  kind: Kind,
  closesAt: string | undefined,
  rule:
    | { quorum?: number | undefined; majority?: number | undefined; namedPartnerVeto?: boolean | undefined }
    | undefined,
  now: Date,
) {
  const def = kindOf(kind);
  if (!closesAt) throw new ValidationError('A vote needs its closing time.', { closesAt: 'This field is required.' });
  if (Date.parse(closesAt) < now.getTime() + MIN_VOTING_MS) {
    throw new ValidationError('The vote must close in the future.', {
      closesAt: 'Give a time at least a minute from now.',
    });
  }
  return {
    closesAt: new Date(closesAt).toISOString(),
    rule: VotingRule.parse({
      ...def.votingRule,
      ...Object.fromEntries(Object.entries(rule ?? {}).filter(([, v]) => v !== undefined)),
    }),
  };
}

const roleOf = (person: Person, preferred: readonly string[]) =>
  person.roles.find((role) => preferred.includes(role)) ?? person.roles[0] ?? 'public';

/** Opens a request of any kind, as the signed-in person. */
export async function openRequest(
  deps: GovernanceDeps,
  person: Person & { name?: string },
  input: unknown,
): Promise<GovernanceRequest> {
  const body = parseInput(openBody, input);
  const def = kindOf(body.kind);
  const at = deps.now();
  const onCall = await nominationOnCall(deps, body.kind, parseFields(body.kind, body.fields), at);
  const fields = onCall.fields;
  const draft = {
    requesterEmail: person.email,
    ...(typeof fields.partnerId === 'string' && body.kind === 'hub-request' ? { partnerId: fields.partnerId } : {}),
    ...(typeof fields.groupId === 'string' ? { groupId: fields.groupId } : {}),
  };
  if (!actsAs(person, onCall.call ? (def.callOpeners ?? def.openers) : def.openers, draft)) {
    throw new ForbiddenError(
      `Your roles may not open a ${def.title.toLowerCase()} request${
        body.kind === 'expert-nomination' ? ' for this thematic group' : ''
      }.`,
    );
  }
  await checkReferences(deps, body.kind, fields);
  const opensVote = !!def.stages[def.initial]?.vote;
  if (!opensVote && (body.closesAt || body.rule)) {
    throw new ValidationError('This kind does not open with a vote.', {
      [body.closesAt ? 'closesAt' : 'rule']: 'Not taken when opening this kind.',
    });
  }
  const request: GovernanceRequest = {
    requestId: newRequestId(),
    kind: body.kind,
    state: def.initial,
    version: 1,
    requesterName: person.name ?? person.email,
    fields,
    ...draft,
    ...(opensVote ? { voting: votingOf(body.kind, body.closesAt, body.rule, at) } : {}),
    createdAt: at.toISOString(),
    updatedAt: at.toISOString(),
  };
  const actor = { email: person.email, role: roleOf(person, ['secretariat', 'board']) };
  // The files are checked, then stored, before the request is written (a refused file writes nothing).
  const files = body.attachments ? await storeFiles(deps, request.requestId, body.attachments, person.email) : [];
  if (files.length) request.attachments = files;
  const audience = await audienceOf(deps);
  const messages = messagesFor(deps, request, 'opened', audience);
  const event = eventOf(request, actor, 'open', '', at);
  const attached = files.length ? [attachEvent(request, actor, files, `${event.eventId}#attach`)] : [];
  await deps.requests.createRequest(request, event, messages, attached);
  await deps.dispatch(messages.map((m) => m.messageId));
  return request;
}

function parseFields(kind: Kind, fields: unknown): Record<string, unknown> {
  try {
    return parseInput(kindOf(kind).fields, fields) as Record<string, unknown>;
  } catch (error) {
    if (error instanceof ValidationError) {
      const errors = (error.extensions.errors ?? {}) as Record<string, string>;
      throw new ValidationError(
        error.message,
        Object.fromEntries(Object.entries(errors).map(([k, v]) => [`fields.${k}`, v])),
      );
    }
    throw error;
  }
}

/**
 * An expert nomination names an open call for nominations (ToR §20c), which gives its group and
 * deliverable (after the call's deadline: refused), or, without a call, names them itself.
 */
async function nominationOnCall(
  deps: GovernanceDeps,
  kind: Kind,
  fields: Record<string, unknown>,
  at: Date,
): Promise<{ fields: Record<string, unknown>; call?: NominationCall }> {
  if (kind !== 'expert-nomination') return { fields };
  if (typeof fields.callId !== 'string') {
    const missing = Object.fromEntries(
      ['groupId', 'deliverable']
        .filter((name) => typeof fields[name] !== 'string')
        .map((name) => [`fields.${name}`, 'Required without a call for nominations (fields.callId).']),
    );
    if (Object.keys(missing).length)
      throw new ValidationError('Name a call for nominations, or the group and deliverable.', missing);
    return { fields };
  }
  const call = await deps.directory.getCall(fields.callId);
  if (!call) {
    throw new ValidationError('There is no such call for nominations.', {
      'fields.callId': `There is no call "${fields.callId}".`,
    });
  }
  if (call.closesAt <= at.toISOString()) {
    throw new ConflictError(`The call for nominations closed at ${call.closesAt}: no nomination is taken after it.`);
  }
  return {
    fields: { ...fields, groupId: call.groupId, deliverable: call.title, deliverableId: call.deliverableId },
    call,
  };
}

async function checkReferences(deps: GovernanceDeps, kind: Kind, fields: Record<string, unknown>) {
  if (kind === 'hub-request') {
    const partners = await deps.directory.listPartners();
    if (!partners.some((p) => p.partnerId === fields.partnerId)) {
      throw new ValidationError('The partner named is not a U4SSC partner.', {
        'fields.partnerId': 'Name one of the partners of Annex II.',
      });
    }
    if (await deps.directory.hubExists(String(fields.hubId))) {
      throw new ConflictError(`A hub "${String(fields.hubId)}" exists already.`, {
        errors: { 'fields.hubId': 'Taken: choose another id.' },
      });
    }
  }
  if (kind === 'partner-joins') {
    const partners = await deps.directory.listPartners();
    if (partners.some((p) => p.partnerId === fields.partnerId)) {
      throw new ConflictError(`"${String(fields.partnerId)}" is a partner already.`, {
        errors: { 'fields.partnerId': 'Already in the Annex II list.' },
      });
    }
  }
}

async function loadRequest(deps: GovernanceDeps, requestId: string): Promise<GovernanceRequest> {
  const request = await deps.requests.getRequest(requestId);
  if (!request) throw new NotFoundError(`There is no request ${requestId}.`);
  return request;
}

/** What each kind's approved state carries out, in the same transaction. */
function effectsOf(request: GovernanceRequest, audience: Audience): Effects | undefined {
  const f = request.fields as Record<string, string | undefined>;
  if (request.kind === 'partner-joins' && request.state === 'accepted') {
    return {
      partner: {
        partnerId: String(f.partnerId),
        acronym: String(f.acronym),
        name: String(f.name),
        ...(f.nameRu ? { nameRu: f.nameRu } : {}),
        ...(f.focalPointEmail ? { focalPointEmail: f.focalPointEmail.toLowerCase() } : {}),
      },
    };
  }
  if (request.kind === 'hub-request' && request.state === 'approved') {
    return {
      hub: {
        hubId: String(f.hubId),
        name: String(f.hubName),
        contactName: String(f.contactName),
        contactEmail: String(f.contactEmail),
        active: true,
        country: String(f.country),
        ...(f.city ? { city: f.city } : {}),
        partnerId: String(f.partnerId),
        // The hub's partner is told when its annual report is published.
        ...partnerContact(audience, String(f.partnerId)),
      },
    };
  }
  return undefined;
}

function partnerContact(audience: Audience, partnerId: string) {
  const partner = audience.partners.find((p) => p.partnerId === partnerId);
  return {
    ...(partner?.name ? { partnerName: partner.name } : {}),
    ...(partner?.email ? { partnerEmail: partner.email } : {}),
  };
}

function lifecycleEvent(request: GovernanceRequest, action: Action): GovernanceEvent | undefined {
  const def = kindOf(request.kind);
  if (def.terminal.includes(request.state)) return 'decided';
  if (action === 'return') return 'returned';
  if (action === 'open-vote') return 'vote-opened';
  if (action === 'resubmit') return 'opened';
  if (request.state === 'board-review') return 'board-review';
  return undefined;
}

/** Takes one action of the request's current stage, as the person. */
export async function transitionRequest(
  deps: GovernanceDeps,
  person: Person,
  requestId: string,
  input: unknown,
): Promise<GovernanceRequest> {
  const body = parseInput(transitionBody, input);
  const current = await loadRequest(deps, requestId);
  const def = kindOf(current.kind);
  if (!canSee(person, current)) throw new NotFoundError(`There is no request ${requestId}.`);
  if (body.version !== current.version) throw stale(current, body.version);
  const stage = def.stages[current.state];
  if (!stage) throw new ConflictError(`The request is ${current.state}: no action is possible any more.`);
  const transition = stage.transitions[body.action];
  if (!transition) {
    throw new ConflictError(
      `"${body.action}" is not possible while the request is ${current.state}; possible: ${Object.keys(stage.transitions).join(', ') || 'none'}.`,
    );
  }
  if (!actsAs(person, transition.by, current)) {
    throw new ForbiddenError(`You may not ${body.action} this request while it is ${current.state}.`);
  }
  if ((body.action === 'reject' || body.action === 'return') && !body.comment) {
    throw new ValidationError('Give the reason.', { comment: 'A rejection or a return needs its reason.' });
  }
  const at = deps.now();
  const next: GovernanceRequest = {
    ...current,
    state: transition.to,
    version: current.version + 1,
    updatedAt: at.toISOString(),
    ...(body.action === 'open-vote' ? { voting: votingOf(current.kind, body.closesAt, body.rule, at) } : {}),
  };
  if (body.action !== 'open-vote' && (body.closesAt || body.rule)) {
    throw new ValidationError('Only opening a vote takes a closing time or a rule.', {
      [body.closesAt ? 'closesAt' : 'rule']: `Not taken with "${body.action}".`,
    });
  }
  const role = roleOf(
    person,
    transition.by.flatMap((a) => ('role' in a ? [a.role] : [])),
  );
  const event = eventOf(next, { email: person.email, role }, body.action, current.state, at, body.comment);
  const lifecycle = lifecycleEvent(next, body.action);
  const audience = await audienceOf(deps);
  const messages = lifecycle ? messagesFor(deps, next, lifecycle, audience, { comment: body.comment }) : [];
  const done = await deps.requests.transition(next, current, event, messages, effectsOf(next, audience));
  if (!done) throw stale(current, body.version);
  await deps.dispatch(messages.map((m) => m.messageId));
  return next;
}

const stale = (current: GovernanceRequest, version: number) =>
  new ConflictError(
    `The request was changed by someone else (you had version ${version}, it is at ${current.version} or later); reload it and decide again.`,
    { expectedVersion: version },
  );

/** A partner's vote (by its focal point), replacing the partner's earlier one, until the vote closes. */
export async function castVote(
  deps: GovernanceDeps,
  person: Person,
  requestId: string,
  input: unknown,
): Promise<Ballot> {
  const body = parseInput(voteBody, input);
  if (!person.roles.includes('partner') || person.partnerIds.length === 0) {
    throw new ForbiddenError("Only a partner's focal point votes, for its partner.");
  }
  const partnerId = body.partnerId ?? (person.partnerIds.length === 1 ? person.partnerIds[0] : undefined);
  if (!partnerId) {
    throw new ValidationError('You are the focal point of more than one partner: say for which you vote.', {
      partnerId: `One of ${person.partnerIds.join(', ')}.`,
    });
  }
  if (!person.partnerIds.includes(partnerId)) throw new ForbiddenError(`You are not ${partnerId}'s focal point.`);
  const request = await loadRequest(deps, requestId);
  const stage = kindOf(request.kind).stages[request.state];
  const at = deps.now();
  if (!stage?.vote || !request.voting || Date.parse(request.voting.closesAt) <= at.getTime()) {
    throw new ConflictError(`Voting is not open on this request (it is ${request.state}).`);
  }
  const ballot: Ballot = {
    requestId,
    partnerId,
    choice: body.choice,
    ...(body.comment ? { comment: body.comment } : {}),
    voterEmail: person.email,
    votedAt: at.toISOString(),
  };
  const event: AuditEvent = {
    requestId,
    eventId: `${ballot.votedAt}#vote#${partnerId}#${randomBytes(4).toString('hex')}`,
    at: ballot.votedAt,
    actorEmail: person.email,
    actorRole: 'partner',
    action: `vote:${body.choice}`,
    from: request.state,
    to: request.state,
    comment: `for ${partnerId}${body.comment ? `: ${body.comment}` : ''}`,
  };
  const outcome = await deps.requests.castBallot(ballot, event, request.state, at);
  if (outcome === 'closed') throw new ConflictError('Voting has closed on this request: the vote was not taken.');
  return ballot;
}

const SYSTEM = { email: 'scheduler', role: 'system' };

/**
 * Closes every vote whose time has come (the `governance-votes` job). Twice-safe: first the
 * request leaves the voting state (no ballot is taken after that commit), then the ballots are
 * read strongly consistent and the result recorded with its emails and effects; a re-run, or a
 * run after a crash between the two, finishes what is left and changes nothing else.
 */
export async function closeDueVotes(deps: GovernanceDeps, at: Date): Promise<{ closed: string[] }> {
  const closed: string[] = [];
  for (const request of await deps.requests.listRequests()) {
    if (!request.voting || Date.parse(request.voting.closesAt) > at.getTime()) continue;
    const stage = kindOf(request.kind).stages[request.state];
    if (!stage?.vote && request.state !== COUNTING) continue;
    if (await closeVote(deps, request, at)) closed.push(request.requestId);
  }
  return { closed };
}

async function closeVote(deps: GovernanceDeps, start: GovernanceRequest, at: Date): Promise<boolean> {
  let request = start;
  if (request.state !== COUNTING) {
    const locked: GovernanceRequest = {
      ...request,
      state: COUNTING,
      version: request.version + 1,
      updatedAt: deps.now().toISOString(),
    };
    const event = eventOf(locked, SYSTEM, 'close-vote', request.state, deps.now());
    if (!(await deps.requests.transition(locked, request, event, []))) {
      const fresh = await deps.requests.getRequest(request.requestId);
      if (!fresh || fresh.state !== COUNTING) return false;
      request = fresh;
    } else request = locked;
  }
  const def = kindOf(request.kind);
  const vote = Object.values(def.stages).find((s) => s.vote)?.vote;
  if (!vote || !request.voting) return false;
  const [ballots, audience] = await Promise.all([deps.requests.listBallots(request.requestId), audienceOf(deps)]);
  const result = countVotes(
    request.voting.rule,
    audience.partners.map((p) => p.partnerId),
    ballots,
    request.partnerId,
    request.voting.closesAt < at.toISOString() ? request.voting.closesAt : at.toISOString(),
  );
  const next: GovernanceRequest = {
    ...request,
    state: result.passed ? vote.passed : vote.failed,
    version: request.version + 1,
    result,
    updatedAt: deps.now().toISOString(),
  };
  const event = eventOf(
    next,
    SYSTEM,
    'count',
    COUNTING,
    deps.now(),
    `${result.for} for, ${result.against} against, ${result.abstain} abstaining`,
  );
  const messages = messagesFor(deps, next, 'decided', audience);
  if (!(await deps.requests.transition(next, request, event, messages, effectsOf(next, audience)))) return false;
  await deps.dispatch(messages.map((m) => m.messageId));
  return true;
}

/** Reminds the partners that have not voted on an open vote (once a day per partner and request). */
export async function remindVoters(deps: GovernanceDeps, at: Date): Promise<{ due: number; queued: number }> {
  const audience = await audienceOf(deps);
  const messages = [];
  for (const request of await deps.requests.listRequests()) {
    const stage = kindOf(request.kind).stages[request.state];
    if (!stage?.vote || !request.voting || Date.parse(request.voting.closesAt) <= at.getTime()) continue;
    const voted = new Set((await deps.requests.listBallots(request.requestId)).map((b) => b.partnerId));
    const missing = audience.partners.filter((p) => !voted.has(p.partnerId)).map((p) => p.partnerId);
    messages.push(
      ...messagesFor(deps, request, 'reminder', audience, { occurrence: genevaDay(at), onlyPartners: missing }),
    );
  }
  const queued = await deps.requests.queueMessages(messages);
  await deps.dispatch(queued);
  return { due: messages.length, queued: queued.length };
}

/** The kinds the Partners Council decides on: every partner sees them. */
const PARTNERS_SEE: readonly Kind[] = ['e-decision', 'hub-request', 'work-plan'];

/** Who may see a request: the secretariat and the Board all; partners what the Council decides; anyone their own. */
export function canSee(person: Person, request: GovernanceRequest): boolean {
  // A public request nobody has confirmed yet is nobody's business but the secretariat's.
  if (request.state === 'unverified') return person.roles.includes('secretariat');
  if (person.roles.includes('secretariat') || person.roles.includes('board')) return true;
  if (request.requesterEmail === person.email) return true;
  if (person.roles.includes('partner') && PARTNERS_SEE.includes(request.kind)) return true;
  if (person.roles.includes('leader') && request.groupId && person.groupIds.includes(request.groupId)) return true;
  return false;
}

/** The actions the person may take now (a vote included). */
export function actionsFor(person: Person, request: GovernanceRequest, ballots: readonly Ballot[]): string[] {
  const stage = kindOf(request.kind).stages[request.state];
  if (!stage) return [];
  const actions = Object.entries(stage.transitions)
    .filter(([, t]) => t && actsAs(person, t.by, request))
    .map(([action]) => action);
  if (stage.vote && person.roles.includes('partner') && person.partnerIds.length > 0) {
    const open = request.voting && Date.parse(request.voting.closesAt) > Date.now();
    if (open) actions.push(ballots.some((b) => person.partnerIds.includes(b.partnerId)) ? 'change-vote' : 'vote');
  }
  return actions;
}

/** Waiting for the person's decision: an action other than withdrawing, or a vote not yet cast. */
export const isWaitingFor = (actions: readonly string[]) =>
  actions.some((a) => a !== 'withdraw' && a !== 'change-vote' && a !== 'resubmit');

export interface RequestListing {
  requests: (GovernanceRequest & { waitingForMe: boolean; actions: string[] })[];
  waiting: { total: number; byKind: Partial<Record<Kind, number>> };
}

/** The requests the person may see, newest first, and those waiting for their decision (the inbox). */
export async function listRequests(
  deps: { requests: Pick<GovernanceDeps['requests'], 'listRequests' | 'listBallots'> },
  person: Person,
  filter: { kind?: string | undefined; waiting?: boolean; state?: string | undefined } = {},
): Promise<RequestListing> {
  if (filter.kind !== undefined && !isKind(filter.kind)) {
    throw new ValidationError('Unknown kind.', { kind: `One of ${KIND_NAMES.join(', ')}.` });
  }
  const visible = (await deps.requests.listRequests()).filter((r) => r.state !== 'unverified' && canSee(person, r));
  const listed = await Promise.all(
    visible.map(async (request) => {
      const voting = kindOf(request.kind).stages[request.state]?.vote;
      const ballots = voting && person.partnerIds.length ? await deps.requests.listBallots(request.requestId) : [];
      const actions = actionsFor(person, request, ballots);
      return { ...request, actions, waitingForMe: isWaitingFor(actions) };
    }),
  );
  const byKind: Partial<Record<Kind, number>> = {};
  for (const r of listed) if (r.waitingForMe) byKind[r.kind] = (byKind[r.kind] ?? 0) + 1;
  const requests = listed
    .filter((r) => (filter.kind ? r.kind === filter.kind : true))
    .filter((r) => (filter.state ? r.state === filter.state : true))
    .filter((r) => (filter.waiting ? r.waitingForMe : true))
    .sort((a, b) => compareCodePoints(b.createdAt, a.createdAt));
  return { requests, waiting: { total: listed.filter((r) => r.waitingForMe).length, byKind } };
}

/** One request as the person may see it: its audit trail, the ballots (a partner sees only its own until closing). */
export async function getRequest(deps: GovernanceDeps, person: Person, requestId: string) {
  const request = await loadRequest(deps, requestId);
  if (!canSee(person, request)) throw new NotFoundError(`There is no request ${requestId}.`);
  const [events, ballots] = await Promise.all([
    deps.requests.listEvents(requestId),
    deps.requests.listBallots(requestId),
  ]);
  const seesAll = person.roles.includes('secretariat') || person.roles.includes('board') || !!request.result;
  const shown = seesAll ? ballots : ballots.filter((b) => person.partnerIds.includes(b.partnerId));
  const actions = actionsFor(person, request, ballots);
  return { request, events, ballots: shown, ballotsCast: ballots.length, actions, waitingForMe: isWaitingFor(actions) };
}

const csvCell = (value: string | undefined) => {
  const text = (value ?? '').replace(/^[=+\-@\t\r]/, "'$&");
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
};

/** The audit trail as CSV (cells that a spreadsheet would run as formulas are quoted with '). */
export async function auditCsv(deps: GovernanceDeps, person: Person, requestId: string): Promise<string> {
  const { events } = await getRequest(deps, person, requestId);
  const lines = [['at', 'actor', 'role', 'action', 'from', 'to', 'comment'].join(',')];
  for (const e of events) {
    lines.push([e.at, e.actorEmail, e.actorRole, e.action, e.from, e.to, e.comment].map(csvCell).join(','));
  }
  return `${lines.join('\r\n')}\r\n`;
}

/** Requests waiting for a role's decision (an action other than withdrawing), oldest first: the approval digest's. */
export async function waitingForRole(
  deps: Pick<GovernanceDeps, 'requests'>,
  role: 'secretariat' | 'board',
): Promise<{ kind: string; summary: string; state: string; since: string }[]> {
  const requests = await deps.requests.listRequests();
  return requests
    .filter((request) => {
      const stage = kindOf(request.kind).stages[request.state];
      return Object.entries(stage?.transitions ?? {}).some(
        ([action, t]) => action !== 'withdraw' && t?.by.some((a) => 'role' in a && a.role === role),
      );
    })
    .sort((a, b) => compareCodePoints(a.updatedAt, b.updatedAt))
    .map((r) => ({ kind: kindOf(r.kind).title, summary: summaryOf(r), state: r.state, since: r.updatedAt }));
}

/** Adds files to a request (its requester or the secretariat, while it is not decided). */
export async function attachToRequest(deps: GovernanceDeps, person: Person, requestId: string, input: unknown) {
  const request = await loadRequest(deps, requestId);
  return attachFiles(deps, person, request, input, canSee(person, request));
}

/** A file of a request, for whoever may read the request. */
export async function requestFile(deps: GovernanceDeps, person: Person, requestId: string, attachmentId: string) {
  const request = await loadRequest(deps, requestId);
  if (!canSee(person, request)) throw new NotFoundError(`There is no request ${requestId}.`);
  return readFile(deps, request, attachmentId);
}
