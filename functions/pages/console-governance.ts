import type { RequestListing } from '../governance/engine.ts';
import { KINDS, kindOf } from '../governance/kinds.ts';
import { summaryOf } from '../governance/notifications.ts';
import { describeRule } from '../governance/outcome.ts';
import type { AuditEvent, Ballot, GovernanceRequest } from '../governance/request.ts';
import type { Identity } from '../http/claims.ts';

/**
 * View models of the console's governance pages: the inbox ("waiting for my decision", with
 * counts by kind), the list of requests (searchable), and a request with its fields, audit
 * trail, ballots and the actions the signed-in person may take. English, like the console.
 */
const ACTION_LABELS: Record<string, string> = {
  approve: 'Approve',
  reject: 'Reject (give the reason)',
  return: 'Return for changes (say what)',
  resubmit: 'Submit again',
  withdraw: 'Withdraw',
  acknowledge: 'Acknowledge',
  'open-vote': 'Put to the partners’ vote',
};

const user = (identity: Identity | undefined, waiting: number) =>
  identity ? { email: identity.email, governanceWaiting: waiting } : null;

export function governanceListPage(input: {
  listing: RequestListing;
  identity: Identity | undefined;
  filter: { kind?: string | undefined; q?: string | undefined; waiting?: boolean };
}) {
  const q = (input.filter.q ?? '').trim().toLowerCase();
  const rows = input.listing.requests
    .filter((r) => !q || `${summaryOf(r)} ${JSON.stringify(r.fields)} ${r.requesterEmail}`.toLowerCase().includes(q))
    .map((r) => ({
      requestId: r.requestId,
      kind: kindOf(r.kind).title,
      summary: summaryOf(r),
      state: r.state,
      requester: r.requesterEmail,
      createdAt: r.createdAt.slice(0, 16).replace('T', ' '),
      closesAt: r.voting?.closesAt.slice(0, 16).replace('T', ' ') ?? '',
      waitingForMe: r.waitingForMe,
    }));
  return {
    title: 'Console: governance',
    consoleUser: user(input.identity, input.listing.waiting.total),
    waiting: input.listing.waiting.total,
    byKind: Object.values(KINDS).map((k) => ({
      kind: k.kind,
      title: k.title,
      count: input.listing.waiting.byKind[k.kind] ?? 0,
      current: input.filter.kind === k.kind,
    })),
    filter: { kind: input.filter.kind ?? '', q: input.filter.q ?? '', waiting: input.filter.waiting ?? false },
    rows,
  };
}

const valueText = (value: unknown) => (Array.isArray(value) ? value.join(', ') : String(value ?? ''));

const FILES_HEADING: Partial<Record<GovernanceRequest['kind'], string>> = {
  'logo-consent': 'Material',
  'e-decision': 'Documents',
};

export function governanceRequestPage(input: {
  view: {
    request: GovernanceRequest;
    events: AuditEvent[];
    ballots: Ballot[];
    ballotsCast: number;
    actions: string[];
  };
  identity: Identity | undefined;
  waiting: number;
  flash?: string | undefined;
  error?: string | undefined;
}) {
  const { request, events, ballots, actions } = input.view;
  const def = kindOf(request.kind);
  const canVote = actions.includes('vote') || actions.includes('change-vote');
  return {
    title: `Console: ${def.title}`,
    consoleUser: user(input.identity, input.waiting),
    flash: input.flash ?? '',
    error: input.error ?? '',
    request: {
      requestId: request.requestId,
      kind: def.title,
      tor: def.tor,
      summary: summaryOf(request),
      state: request.state,
      version: request.version,
      requester: `${request.requesterName} <${request.requesterEmail}>`,
      createdAt: request.createdAt,
    },
    fields: Object.entries(request.fields).map(([name, value]) => ({ name, value: valueText(value) })),
    // The ToR names the material of a logo request and the documents of an e-decision: shown even when none yet.
    files:
      request.attachments?.length || FILES_HEADING[request.kind]
        ? {
            heading: FILES_HEADING[request.kind] ?? 'Files',
            list: (request.attachments ?? []).map((a) => ({
              ...a,
              kb: Math.max(1, Math.round(a.size / 1024)),
              href: `/api/governance/requests/${request.requestId}/attachments/${a.attachmentId}`,
            })),
          }
        : null,
    voting: request.voting
      ? {
          closesAt: request.voting.closesAt,
          rule: describeRule(request.voting.rule),
          cast: input.view.ballotsCast,
        }
      : null,
    result: request.result
      ? {
          ...request.result,
          outcome: request.result.passed ? 'passed' : 'did not pass',
          decisionRecord: request.kind === 'e-decision',
        }
      : null,
    ballots: ballots.map((b) => ({
      partnerId: b.partnerId,
      choice: b.choice,
      comment: b.comment ?? '',
      votedAt: b.votedAt,
    })),
    events: events.map((e) => ({ ...e, comment: e.comment ?? '' })),
    actions: actions
      .filter((a) => a !== 'vote' && a !== 'change-vote')
      .map((action) => ({
        action,
        label: ACTION_LABELS[action] ?? action,
        needsComment: action === 'reject' || action === 'return',
        needsClosing: action === 'open-vote',
      })),
    vote: canVote ? { change: actions.includes('change-vote') } : null,
  };
}

/** The console's page of thematic groups, deliverables, offices (with their history) and the IP lead's e-meetings. */
export function governanceStructurePage(input: {
  structure: Awaited<ReturnType<typeof import('../governance/structure.ts').structure>>;
  identity: Identity | undefined;
  flash?: string | undefined;
  error?: string | undefined;
}) {
  const day = (iso: string) => iso.slice(0, 10);
  const today = new Date().toISOString();
  return {
    title: 'Console: thematic groups and offices',
    consoleUser: user(input.identity, 0),
    flash: input.flash ?? '',
    error: input.error ?? '',
    secretariat: !!input.identity?.roles.includes('secretariat'),
    groups: input.structure.groups.map((g) => ({
      ...g,
      leaders: g.leaders.map((l) => ({ ...l, termEnd: day(l.termEnd) })),
      deliverables: g.deliverables.map((d) => ({
        ...d,
        contributorList: d.contributorList ?? null,
        callsForNominations: d.callsForNominations.map((c) => ({
          ...c,
          closesAt: c.closesAt.slice(0, 16).replace('T', ' '),
        })),
      })),
    })),
    offices: input.structure.offices.map((o) => ({
      role: o.role,
      history: o.history.map((h) => ({
        ...h,
        termStart: day(h.termStart),
        termEnd: day(h.termEnd),
        current: h.termStart <= today && today <= h.termEnd,
      })),
    })),
    ipLeadMeetings: input.structure.ipLeadMeetings,
  };
}
