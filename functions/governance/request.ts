import type { StoredFile } from '../files/uploads.ts';
import type { Lang } from '../i18n/languages.ts';
import type { Role } from '../identity/roles.ts';
import type { NewOutboxMessage } from '../mail/outbox.ts';
import type { Partner } from '../partners/index.ts';
import type { Kind, VotingRule } from './kinds.ts';
import type { Hub, Office } from './records.ts';

/** A request of one of the kinds of kinds.ts, in the state its machine has reached. */
export interface GovernanceRequest {
  requestId: string;
  kind: Kind;
  state: string;
  /** Raised by every transition; a transition names the version it was decided on (stale → 409). */
  version: number;
  requesterEmail: string;
  requesterName: string;
  /** The kind's typed fields, as its schema read them. */
  fields: Record<string, unknown>;
  /** The partner the request names (a hub request's partner). */
  partnerId?: string | undefined;
  /** The thematic group the request belongs to (an expert nomination's). */
  groupId?: string | undefined;
  /** While and after partners vote: when the vote closes and how it is decided. */
  voting?: { closesAt: string; rule: VotingRule } | undefined;
  result?: VoteResult | undefined;
  /** The language of the requester's emails (a public request's form language); English otherwise. */
  language?: Lang | undefined;
  /** Files the request carries (attachments.ts), in the order they were added. */
  attachments?: RequestAttachment[] | undefined;
  createdAt: string;
  updatedAt: string;
}

/** A file a request carries, stored in the documents bucket (attachments.ts). */
export type RequestAttachment = StoredFile;

export const CHOICES = ['for', 'against', 'abstain'] as const;
export type Choice = (typeof CHOICES)[number];

/** One partner's vote; cast again until the vote closes, it replaces the previous one. */
export interface Ballot {
  requestId: string;
  partnerId: string;
  choice: Choice;
  comment?: string | undefined;
  voterEmail: string;
  votedAt: string;
}

export interface VoteResult {
  eligible: number;
  voted: number;
  for: number;
  against: number;
  abstain: number;
  quorumMet: boolean;
  namedPartnerObjected: boolean;
  passed: boolean;
  closedAt: string;
  /** partnerId → choice, as counted. */
  ballots: Record<string, Choice>;
}

/** One line of a request's audit trail. */
export interface AuditEvent {
  requestId: string;
  /** Sortable: the moment, then what makes it unique. */
  eventId: string;
  at: string;
  actorEmail: string;
  actorRole: string;
  action: string;
  from: string;
  to: string;
  comment?: string | undefined;
}

/** Records a transition carries out in the same transaction (an accepted partner, an approved hub). */
export interface Effects {
  hub?: Hub & { country?: string; city?: string; partnerId?: string };
  partner?: Partner & { focalPointEmail?: string };
}

export type BallotOutcome = 'cast' | 'closed';

/**
 * The requests' storage. Every write that changes a request is ONE DynamoDB transaction: the
 * request (conditional on the version and state it was read at), its audit event, its emails in
 * the outbox and its effects; all or nothing.
 */
export interface GovernanceRequestStore {
  /** `more`: further audit lines of the opening (the files it carried). */
  createRequest(
    request: GovernanceRequest,
    event: AuditEvent,
    messages: NewOutboxMessage[],
    more?: readonly AuditEvent[],
  ): Promise<void>;
  getRequest(requestId: string): Promise<GovernanceRequest | undefined>;
  listRequests(): Promise<GovernanceRequest[]>;
  /** false when the request had moved on from (version, state) meanwhile, or an effect's record exists. */
  transition(
    next: GovernanceRequest,
    from: { version: number; state: string },
    event: AuditEvent,
    messages: NewOutboxMessage[],
    effects?: Effects,
  ): Promise<boolean>;
  /** A vote, with its audit event, only while the request is in `state` and `closesAt` is after `now`. */
  castBallot(ballot: Ballot, event: AuditEvent, state: string, now: Date): Promise<BallotOutcome>;
  /** Sets a public request's verification token hash (only while it is unverified); false if it is not. */
  setVerifyToken(requestId: string, hash: string, expiresAt: string): Promise<boolean>;
  /** The verification token hash and expiry of a public request. */
  getVerifyToken(requestId: string): Promise<{ hash: string; expiresAt: string } | undefined>;
  /** Strongly consistent: every ballot committed before the call. */
  listBallots(requestId: string): Promise<Ballot[]>;
  listEvents(requestId: string): Promise<AuditEvent[]>;
  /** Conditional on each id: a message already queued is not queued again. */
  queueMessages(messages: NewOutboxMessage[]): Promise<string[]>;
}

/** The records roles are bound to: partners' focal points, offices (Board, group leaders). */
export interface GovernanceDirectory {
  listPartners(): Promise<(Partner & { focalPointEmail?: string | undefined })[]>;
  listOffices(): Promise<Office[]>;
  hubExists(hubId: string): Promise<boolean>;
  /** A call for nominations (ToR §20c), which nominations name. */
  getCall(callId: string): Promise<NominationCall | undefined>;
}

/** A call for nominations of experts for a deliverable, opened by the group's leader (ToR §20c). */
export interface NominationCall {
  callId: string;
  deliverableId: string;
  groupId: string;
  /** The deliverable's title, as nominations name it. */
  title: string;
  description?: string | undefined;
  closesAt: string;
  openedBy: string;
  createdAt: string;
}

/** Where request files are kept (the documents bucket). */
export interface RequestFiles {
  put(key: string, body: Buffer, contentType: string, sha256: string): Promise<void>;
  get(key: string): Promise<Buffer | undefined>;
}

export interface GovernanceDeps {
  requests: GovernanceRequestStore;
  directory: GovernanceDirectory;
  dispatch: (messageIds: string[]) => Promise<void>;
  now: () => Date;
  secretariatEmail: string;
  publicBaseUrl: string;
  /** The documents bucket, for requests' files (only on the function that may write there). */
  files?: RequestFiles | undefined;
}

/** The signed-in person, with the records their roles are bound to (bindings.ts). */
export interface Person {
  email: string;
  roles: readonly Role[];
  /** The partners whose focal point this person is (role `partner`). */
  partnerIds: readonly string[];
  /** The thematic groups this person leads (role `leader`). */
  groupIds: readonly string[];
}
