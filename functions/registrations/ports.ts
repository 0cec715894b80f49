import type { DocumentModel } from '../documents/model.ts';
import type { Dispatched, NewOutboxMessage } from '../mail/outbox.ts';
import type { Meeting } from '../meetings/meeting.ts';
import type { Registration, RegistrationStatus } from './registration.ts';

/**
 * What the registrations capability needs from storage. Each write is atomic: the
 * registration, the meeting's seat count and the emails that report the change are written
 * together or not at all.
 */
export type SeatChange = 'take' | 'release' | 'keep';

export type TransitionResult = 'ok' | 'seat-unavailable' | 'changed-meanwhile';

/** A secretariat decision on a registration, kept as its audit trail. */
export interface RegistrationAuditEvent {
  at: string;
  /** The registration's version after the change. */
  version: number;
  actor: string;
  action: 'approve' | 'reject' | 're-approve' | 'promote';
  from: string;
  to: string;
  reason?: string | undefined;
}

export interface RegistrationStore {
  getMeeting(meetingId: string): Promise<Meeting | undefined>;
  /**
   * The meeting as this container read it within `maxAgeMs` (else read now): for checks that a
   * few seconds of staleness cannot harm. Seats are never decided on it: the transactions
   * compare the stored seats.
   */
  getRecentMeeting(meetingId: string, maxAgeMs: number): Promise<Meeting | undefined>;
  getRegistration(meetingId: string, registrationId: string): Promise<Registration | undefined>;
  /** The registration of an address for a meeting, if any. */
  findByEmail(meetingId: string, email: string): Promise<Registration | undefined>;
  /**
   * Creates the registration and its emails unless the address is registered for the meeting
   * already; then nothing is written and the existing registration's id is returned.
   */
  createRegistration(
    registration: Registration,
    messages: NewOutboxMessage[],
  ): Promise<{ created: true } | { created: false; existingId: string }>;
  /**
   * Changes a registration that is still at the version it was read at, moves a seat if asked
   * (taking one only while the meeting has one free), and queues the emails: all or nothing.
   */
  transition(input: {
    registration: Registration;
    changes: Partial<Registration>;
    seat: SeatChange;
    meeting: Pick<Meeting, 'meetingId' | 'capacity'>;
    messages: NewOutboxMessage[];
    /** A secretariat decision: recorded in the same transaction. */
    audit?: RegistrationAuditEvent | undefined;
  }): Promise<TransitionResult>;
  /** A registration's audit trail, oldest first. */
  auditTrail(meetingId: string, registrationId: string): Promise<RegistrationAuditEvent[]>;
  /** Deletes a registration, its address guard, and its seat if it held one. */
  deleteRegistration(registration: Registration): Promise<TransitionResult>;
  /** A meeting's registrations in one status, in the order they reached it. */
  listByStatus(meetingId: string, status: RegistrationStatus, options?: { limit?: number }): Promise<Registration[]>;
  /** How many registrations of a meeting have this status (reads their ids only, page by page). */
  countByStatus(meetingId: string, status: RegistrationStatus): Promise<number>;
  /**
   * How many registrations reached the same status before this one (its place in that order is
   * its stored sort key): a key-range query over those ahead only, identifiers only.
   */
  countAhead(registration: Pick<Registration, 'meetingId' | 'registrationId' | 'status' | 'statusAt'>): Promise<number>;
  /** One page of them, from `cursor` (the previous page's `next`); `next` is undefined after the last. */
  pageByStatus(
    meetingId: string,
    status: RegistrationStatus,
    page: { limit: number; cursor?: string },
  ): Promise<{ items: Registration[]; next?: string }>;
  /** Emails only, for notices that change no state; a message id that exists is skipped. */
  queueMessages(messages: NewOutboxMessage[]): Promise<string[]>;
  /** Sets the hash of a new verification token while the registration is unverified, answering it; undefined otherwise. */
  setVerifyTokenHash(meetingId: string, registrationId: string, hash: string): Promise<Registration | undefined>;
  /** Records that registrants were told of the meeting's calendar sequence `sequence`. */
  markMeetingNotified(meetingId: string, sequence: number): Promise<void>;
  /** Meetings whose registrants have not all been told of the latest change. */
  meetingsAwaitingNotice(): Promise<string[]>;
  listMeetings(): Promise<Meeting[]>;
  markPersonalDataDeleted(meetingId: string, at: string): Promise<void>;
}

/** Hands queued emails to the sender once the change is committed. */
export interface MailDispatcher {
  /** Outbox ids, or messages carried whole to the sender (see CarriedMessage). */
  dispatch(messages: Dispatched[]): Promise<void>;
}

export interface RegistrationsDeps {
  store: RegistrationStore;
  mail: MailDispatcher;
  now: () => Date;
  /** Absolute base of links in emails, e.g. https://u4ssc.example.org */
  publicBaseUrl: string;
  /** Lays out documents (the invitation) as PDF. */
  renderPdf?: (model: DocumentModel) => Promise<Buffer>;
  /** A person's name as the PDF fonts can print it (the renderer's knowledge; rendering functions only). */
  printableName?: (name: string, fallback: string) => string;
  /** The secretariat's address, printed on documents. */
  contactEmail?: string;
}
