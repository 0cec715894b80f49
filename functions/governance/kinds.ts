import { ROLES, type Role } from '../identity/roles.ts';
import * as z from '../validation/zod.ts';

/**
 * The processes of the Terms of Reference as declared state machines, all run by one engine
 * (engine.ts): each kind has typed fields (a strict zod schema), who may open it, its stages
 * (who acts at each and which actions lead where), an optional vote, and its terminal states.
 *
 * - partner-joins: ToR §12, Annex II — the secretariat accepts a UN entity into the list.
 * - hub-request: ToR §30 — the partners vote on a country's or city's hub.
 * - e-decision: ToR §13b — the Partners Council decides electronically between meetings.
 * - expert-nomination: ToR §20c — the secretariat AND the Board approve an expert.
 * - logo-consent: ToR §35–36, Annex I §4 — the secretariat's written consent.
 * - notice: ToR §37 (representation) and §38 (joint or duplicate work) — acknowledged.
 * - work-plan: ToR §10 — the secretariat's draft, reviewed by the Board, approved by the
 *   partners (an electronic vote, or recorded at the annual meeting).
 */
export const ACTIONS = ['approve', 'reject', 'return', 'resubmit', 'withdraw', 'acknowledge', 'open-vote'] as const;
export type Action = (typeof ACTIONS)[number];

/**
 * Who acts. `scope` binds a role to a record: `named-partner` is the partner a request names,
 * `group` a thematic group the request belongs to; `requester` is whoever opened the request.
 */
export type Actor = { readonly role: Role; readonly scope?: 'named-partner' | 'group' } | { readonly requester: true };

export interface Transition {
  readonly to: string;
  readonly by: readonly Actor[];
}

export interface Stage {
  /** Each action possible in this stage: where it leads and who may take it. */
  readonly transitions: Partial<Record<Action, Transition>>;
  /** Partners vote in this stage (any partner, by its focal point); the closing job moves it to `passed` or `failed`. */
  readonly vote?: { readonly passed: string; readonly failed: string };
}

const SECRETARIAT: readonly Actor[] = [{ role: 'secretariat' }];
const SIGNED_IN_ROLES: readonly Role[] = ROLES;
const REQUESTER: readonly Actor[] = [{ requester: true }];
const to = (state: string, by: readonly Actor[]): Transition => ({ to: state, by });

/** How a vote is decided, shown on the request. */
export const VotingRule = z.strictObject({
  /** Ballots needed (of all partners) for the vote to count, as a fraction 0–1. */
  quorum: z._default(z.number().check(z.gte(0), z.lte(1)), 0.5),
  /** Share of the ballots for (among for + against) needed to pass, e.g. 0.5 = simple majority. */
  majority: z._default(z.number().check(z.gte(0.5), z.lte(1)), 0.5),
  /** Hub requests: the partner named must not have voted against. */
  namedPartnerVeto: z._default(z.boolean(), false),
});
export type VotingRule = z.output<typeof VotingRule>;

/** A rule as given with a request: only what differs from the kind's default (no defaults applied here). */
export const VotingRuleInput = z.strictObject({
  quorum: z.optional(z.number().check(z.gte(0), z.lte(1))),
  majority: z.optional(z.number().check(z.gte(0.5), z.lte(1))),
  namedPartnerVeto: z.optional(z.boolean()),
});

export interface KindDefinition {
  readonly kind: string;
  readonly title: string;
  /** ToR paragraphs it serves. */
  readonly tor: string;
  readonly fields: z.ZodMiniObject;
  /** Who may open it (signed in); `public` kinds are also opened from a public form. */
  readonly openers: readonly Actor[];
  /** Who may open it in answer to an open call (the expert nomination, ToR §20c). */
  readonly callOpeners?: readonly Actor[];
  readonly initial: string;
  readonly stages: Readonly<Record<string, Stage>>;
  readonly terminal: readonly string[];
  /** The terminal state that carries out the request (e.g. creates the hub). */
  readonly approvedState?: string;
  /** The default voting rule, when the kind votes. */
  readonly votingRule?: VotingRule;
}

const text = (max: number) => z.string().check(z.trim(), z.minLength(1, 'This field is required.'), z.maxLength(max));
const email = z.email('Give an email address.').check(z.maxLength(254));
const id = z.string().check(z.regex(/^[a-z0-9][a-z0-9-]{1,62}$/, 'Letters, digits and hyphens.'));
const date = z.iso.date('Give a date (YYYY-MM-DD).');

const withdrawByRequester = { withdraw: to('withdrawn', REQUESTER) };
/** Secretariat review of a request: approve, reject or return it for the requester to resubmit. */
const reviewStages = (approved: string, rejected: string) => ({
  submitted: {
    transitions: {
      approve: to(approved, SECRETARIAT),
      reject: to(rejected, SECRETARIAT),
      return: to('returned', SECRETARIAT),
      ...withdrawByRequester,
    },
  },
  returned: { transitions: { resubmit: to('submitted', REQUESTER), ...withdrawByRequester } },
});

export const KINDS = {
  'partner-joins': {
    kind: 'partner-joins',
    title: 'Partner joins (declaration of intent)',
    tor: 'ToR §12, Annex II',
    fields: z.strictObject({
      partnerId: id,
      acronym: text(40),
      name: text(300),
      nameRu: z.optional(text(400)),
      focalPointName: text(200),
      focalPointEmail: email,
      declaration: text(4000),
    }),
    openers: [{ role: 'secretariat' }, { role: 'partner' }, { role: 'participant' }],
    initial: 'submitted',
    stages: reviewStages('accepted', 'rejected'),
    terminal: ['accepted', 'rejected', 'withdrawn'],
    approvedState: 'accepted',
  },
  'hub-request': {
    kind: 'hub-request',
    title: 'Hub request',
    tor: 'ToR §30',
    fields: z.strictObject({
      hubId: id,
      hubName: text(200),
      country: text(100),
      city: z.optional(text(100)),
      partnerId: id,
      contactName: text(200),
      contactEmail: email,
      description: text(4000),
    }),
    openers: [{ role: 'secretariat' }, { role: 'hub' }, { role: 'participant' }],
    initial: 'submitted',
    stages: {
      submitted: {
        transitions: {
          'open-vote': to('voting', SECRETARIAT),
          reject: to('rejected', SECRETARIAT),
          withdraw: to('withdrawn', SECRETARIAT),
        },
      },
      voting: {
        transitions: { withdraw: to('withdrawn', SECRETARIAT) },
        vote: { passed: 'approved', failed: 'rejected' },
      },
    },
    terminal: ['approved', 'rejected', 'withdrawn'],
    approvedState: 'approved',
    votingRule: { quorum: 0, majority: 0.5, namedPartnerVeto: true },
  },
  'e-decision': {
    kind: 'e-decision',
    title: 'Partners Council electronic decision',
    tor: 'ToR §13b',
    fields: z.strictObject({
      title: text(300),
      motion: text(10_000),
      documents: z.optional(z.array(z.url().check(z.maxLength(1000))).check(z.maxLength(10))),
    }),
    openers: [{ role: 'secretariat' }, { role: 'board' }],
    initial: 'voting',
    stages: {
      voting: {
        transitions: { withdraw: to('withdrawn', [{ role: 'secretariat' }, { requester: true }]) },
        vote: { passed: 'carried', failed: 'not-carried' },
      },
    },
    terminal: ['carried', 'not-carried', 'withdrawn'],
    approvedState: 'carried',
    votingRule: { quorum: 0.5, majority: 0.5, namedPartnerVeto: false },
  },
  'expert-nomination': {
    kind: 'expert-nomination',
    title: 'Expert nomination for a deliverable',
    tor: 'ToR §20c',
    fields: z.strictObject({
      /** A call for nominations (ToR §20c): names the group and the deliverable; anyone signed in may answer it. */
      callId: z.optional(id),
      /** Without a call (a leader nominating directly): the group and the deliverable. */
      groupId: z.optional(id),
      deliverable: z.optional(text(300)),
      nomineeName: text(200),
      nomineeEmail: email,
      expertise: text(4000),
    }),
    openers: [{ role: 'leader', scope: 'group' }, { role: 'secretariat' }],
    /** Who may answer an open call for nominations (engine.ts: `nominationOnCall`). */
    callOpeners: SIGNED_IN_ROLES.map((role) => ({ role })),
    initial: 'secretariat-review',
    stages: {
      'secretariat-review': {
        transitions: {
          approve: to('board-review', SECRETARIAT),
          reject: to('rejected', SECRETARIAT),
          ...withdrawByRequester,
        },
      },
      'board-review': {
        transitions: {
          approve: to('approved', [{ role: 'board' }]),
          reject: to('rejected', [{ role: 'board' }]),
          ...withdrawByRequester,
        },
      },
    },
    terminal: ['approved', 'rejected', 'withdrawn'],
    approvedState: 'approved',
  },
  'logo-consent': {
    kind: 'logo-consent',
    title: 'Logo use and reproduction consent',
    tor: 'ToR §35–36, Annex I §4',
    fields: z.strictObject({
      organisation: text(300),
      purpose: text(4000),
      medium: text(300),
      from: date,
      until: date,
    }),
    openers: [
      { role: 'partner' },
      { role: 'board' },
      { role: 'leader' },
      { role: 'hub' },
      { role: 'participant' },
      { role: 'secretariat' },
    ],
    initial: 'submitted',
    stages: reviewStages('consented', 'refused'),
    terminal: ['consented', 'refused', 'withdrawn'],
    approvedState: 'consented',
  },
  notice: {
    kind: 'notice',
    title: 'Notice to the secretariat (representation, joint or duplicate work)',
    tor: 'ToR §37–38',
    fields: z.strictObject({
      type: z.enum(['representation', 'joint-work']),
      subject: text(300),
      details: text(4000),
      eventDate: z.optional(date),
    }),
    openers: [
      { role: 'partner' },
      { role: 'board' },
      { role: 'leader' },
      { role: 'hub' },
      { role: 'participant' },
      { role: 'secretariat' },
    ],
    initial: 'submitted',
    stages: {
      submitted: { transitions: { acknowledge: to('acknowledged', SECRETARIAT) } },
    },
    terminal: ['acknowledged'],
  },
  'work-plan': {
    kind: 'work-plan',
    title: 'Work plan',
    tor: 'ToR §10',
    fields: z.strictObject({
      year: z.number().check(z.int(), z.gte(2020), z.lte(2100)),
      draft: text(50_000),
      /** The annual meeting it is presented at (§10c). */
      meetingId: z.optional(id),
    }),
    openers: SECRETARIAT,
    initial: 'board-review',
    stages: {
      'board-review': {
        transitions: {
          approve: to('council', [{ role: 'board' }]),
          return: to('drafting', [{ role: 'board' }]),
          withdraw: to('withdrawn', SECRETARIAT),
        },
      },
      drafting: {
        transitions: { resubmit: to('board-review', SECRETARIAT), withdraw: to('withdrawn', SECRETARIAT) },
      },
      council: {
        transitions: {
          'open-vote': to('voting', SECRETARIAT),
          // Approved by the partners at the annual meeting, recorded by the secretariat (§10d).
          approve: to('approved', SECRETARIAT),
          withdraw: to('withdrawn', SECRETARIAT),
        },
      },
      voting: {
        transitions: { withdraw: to('withdrawn', SECRETARIAT) },
        vote: { passed: 'approved', failed: 'not-approved' },
      },
    },
    terminal: ['approved', 'not-approved', 'withdrawn'],
    approvedState: 'approved',
    votingRule: { quorum: 0.5, majority: 0.5, namedPartnerVeto: false },
  },
} as const satisfies Record<string, KindDefinition>;

export type Kind = keyof typeof KINDS;
export const KIND_NAMES = Object.keys(KINDS) as Kind[];
export const isKind = (value: string): value is Kind => Object.hasOwn(KINDS, value);
export const kindOf = (kind: Kind): KindDefinition => KINDS[kind];
