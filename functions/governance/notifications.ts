import { createHash } from 'node:crypto';
import type { NewOutboxMessage } from '../mail/outbox.ts';
import { type Kind, kindOf } from './kinds.ts';
import { describeRule } from './outcome.ts';
import type { GovernanceDeps, GovernanceRequest } from './request.ts';

/**
 * One notify per lifecycle event (templates/emails/<kind>-<event>.to-<recipient>/en.hbs; a
 * requester from the public form gets theirs in the form's language, so those templates exist in six).
 * Messages are written in the transaction of the change they report, with ids made of the
 * request, its version, the event and the recipient, so nothing is queued (or sent) twice.
 */
export type GovernanceEvent = 'opened' | 'vote-opened' | 'returned' | 'board-review' | 'decided' | 'reminder';
export type Recipient = 'secretariat' | 'requester' | 'partner' | 'board';

/** Which events of which kind email whom. */
export const NOTIFY: Readonly<Record<Kind, Partial<Record<GovernanceEvent, readonly Recipient[]>>>> = {
  'partner-joins': { opened: ['secretariat'], returned: ['requester'], decided: ['requester'] },
  'hub-request': {
    opened: ['secretariat', 'requester'],
    'vote-opened': ['partner'],
    reminder: ['partner'],
    decided: ['requester', 'partner'],
  },
  'e-decision': { opened: ['partner'], reminder: ['partner'], decided: ['partner', 'requester'] },
  'expert-nomination': { opened: ['secretariat'], 'board-review': ['board'], decided: ['requester'] },
  'logo-consent': { opened: ['secretariat'], returned: ['requester'], decided: ['requester'] },
  notice: { opened: ['secretariat'], decided: ['requester'] },
  'work-plan': {
    opened: ['board'],
    returned: ['requester'],
    'vote-opened': ['partner'],
    reminder: ['partner'],
    decided: ['partner', 'requester'],
  },
};

/** What a request is about, in a few words. */
export function summaryOf(request: Pick<GovernanceRequest, 'kind' | 'fields'>): string {
  const f = request.fields as Record<string, string | undefined>;
  const summary = {
    'partner-joins': f.name,
    'hub-request': f.hubName,
    'e-decision': f.title,
    'expert-nomination': f.nomineeName && `${f.nomineeName} (${f.deliverable})`,
    'logo-consent': f.organisation,
    notice: f.subject,
    'work-plan': `U4SSC work plan ${String(request.fields.year)}`,
  }[request.kind];
  return summary ?? request.kind;
}

const key = (text: string) => createHash('sha256').update(text.toLowerCase()).digest('hex').slice(0, 16);

export interface Audience {
  partners: { partnerId: string; name?: string | undefined; email?: string | undefined }[];
  board: string[];
}

export function messagesFor(
  deps: Pick<GovernanceDeps, 'secretariatEmail' | 'publicBaseUrl'>,
  request: GovernanceRequest,
  event: GovernanceEvent,
  audience: Audience,
  extra: { comment?: string | undefined; occurrence?: string; onlyPartners?: readonly string[] } = {},
): NewOutboxMessage[] {
  const recipients = NOTIFY[request.kind][event] ?? [];
  const def = kindOf(request.kind);
  const data = {
    kindTitle: def.title,
    tor: def.tor,
    summary: summaryOf(request),
    state: request.state,
    comment: extra.comment ?? '',
    closesAt: request.voting?.closesAt ?? '',
    rule: request.voting ? describeRule(request.voting.rule) : '',
    result: request.result
      ? `${request.result.for} for, ${request.result.against} against, ${request.result.abstain} abstaining; ${request.result.voted} of ${request.result.eligible} partners voted${request.result.quorumMet ? '' : ' (no quorum)'}`
      : '',
    passed: request.result?.passed ?? false,
    approved: !!def.approvedState && request.state === def.approvedState,
    rejected: request.state === 'rejected',
    withdrawn: request.state === 'withdrawn',
    // A page to read, not the JSON API: the request's console page (sign-in).
    link: `${deps.publicBaseUrl}/console/governance/requests/${request.requestId}`,
    publicRequester: false,
  };
  // A requester from the public form has no account: they are written to in the form's language,
  // and pointed to the public page of the partners who decide.
  const requesterLang = request.language ?? 'en';
  const requesterData = request.language
    ? { ...data, publicRequester: true, link: `${deps.publicBaseUrl}/partners?lang=${request.language}` }
    : data;
  const occurrence = extra.occurrence ?? `v${request.version}`;
  // The decision record (en, ru) goes with the result of an electronic decision, made at send time.
  const withDocument =
    event === 'decided' &&
    ((request.kind === 'e-decision' && !!request.result) ||
      (request.kind === 'logo-consent' && request.state === 'consented'));
  const attachments = withDocument
    ? (['en', 'ru'] as const).map((lang) => ({
        kind: 'decision-record-pdf' as const,
        requestId: request.requestId,
        lang,
      }))
    : undefined;
  const messages: NewOutboxMessage[] = [];
  const add = (recipient: Recipient, email: string, who: string) =>
    messages.push({
      messageId: `gov.${request.requestId}.${occurrence}.${event}.${recipient}.${key(who)}`,
      recipient: email,
      language: recipient === 'requester' ? requesterLang : 'en',
      template: `${request.kind}-${event}.to-${recipient}`,
      data: recipient === 'requester' ? requesterData : data,
      ...(attachments ? { attachments } : {}),
    });
  for (const recipient of recipients) {
    if (recipient === 'secretariat') add(recipient, deps.secretariatEmail, deps.secretariatEmail);
    if (recipient === 'requester') add(recipient, request.requesterEmail, request.requesterEmail);
    if (recipient === 'board') for (const email of audience.board) add(recipient, email, email);
    if (recipient === 'partner') {
      for (const partner of audience.partners) {
        if (!partner.email) continue;
        if (extra.onlyPartners && !extra.onlyPartners.includes(partner.partnerId)) continue;
        add(recipient, partner.email, partner.partnerId);
      }
    }
  }
  return messages;
}

/** Every template the table above needs (a test checks each exists). */
export const TEMPLATES = Object.entries(NOTIFY).flatMap(([kind, events]) =>
  Object.entries(events).flatMap(([event, recipients]) => (recipients ?? []).map((r) => `${kind}-${event}.to-${r}`)),
);
