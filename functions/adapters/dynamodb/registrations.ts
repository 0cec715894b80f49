import type { EntityItem } from 'electrodb';
import type { NewOutboxMessage } from '../../mail/outbox.ts';
import type { RegistrationAuditEvent, RegistrationStore, TransitionResult } from '../../registrations/ports.ts';
import type { Registration } from '../../registrations/registration.ts';
import { type Permission, tableAccess } from '../permissions.ts';
import { isConditionFailure } from './conditions.ts';
import { recentMeeting } from './meeting-reader.ts';
import { meetingRepository } from './meetings.ts';
import type { Store } from './store.ts';

/** IAM for the calls below. Registrations are written in transactions: PutItem, UpdateItem and DeleteItem are authorised per item. */
export const PERMISSIONS: readonly Permission[] = /* @__PURE__ */ tableAccess(
  'dynamodb:GetItem',
  'dynamodb:Query',
  'dynamodb:PutItem',
  'dynamodb:UpdateItem',
  'dynamodb:DeleteItem',
);

type RegistrationItem = EntityItem<Store['entities']['registration']>;

/** Outbox records are the email log; they expire a while after the change they report. */
const OUTBOX_RETENTION_DAYS = 90;
/** DynamoDB cancels a transaction that collides with another on the same item; such a clash is retried. */
const CONFLICT_RETRIES = 12;

/**
 * An unverified registration and its address guard expire with the verification link (48
 * hours): DynamoDB's TTL deletes them, so unconfirmed submissions neither hold the address nor
 * grow the table. Verification (or any decision) takes the expiry away.
 */
export function expiryOf(r: Pick<Registration, 'status' | 'verifyExpiresAt'>): number | undefined {
  if (r.status !== 'unverified' || !r.verifyExpiresAt) return undefined;
  const at = Date.parse(r.verifyExpiresAt);
  return Number.isNaN(at) ? undefined : Math.ceil(at / 1000);
}

function toRegistration(item: RegistrationItem): Registration {
  return {
    meetingId: item.meetingId,
    registrationId: item.registrationId,
    email: item.email,
    name: item.name,
    organisation: item.organisation,
    category: item.category,
    country: item.country,
    title: item.title,
    language: item.language,
    listConsent: item.listConsent,
    privacyConsentAt: item.privacyConsentAt,
    status: item.status,
    statusAt: item.statusAt,
    holdsSeat: item.holdsSeat,
    rejectionReason: item.rejectionReason,
    decidedBy: item.decidedBy,
    verifyTokenHash: item.verifyTokenHash,
    verifyExpiresAt: item.verifyExpiresAt,
    manageToken: item.manageToken,
    emailUndeliverable: item.emailUndeliverable,
    createdAt: item.createdAt,
    verifiedAt: item.verifiedAt,
    version: item.version,
  };
}

export function outboxItem(message: NewOutboxMessage, now: Date) {
  const at = now.toISOString();
  return {
    messageId: message.messageId,
    status: 'queued' as const,
    statusAt: at,
    recipient: message.recipient,
    language: message.language,
    template: message.template,
    data: JSON.stringify(message.data),
    ...(message.attachments?.length ? { attachments: JSON.stringify(message.attachments) } : {}),
    ...(message.document ? { document: JSON.stringify(message.document) } : {}),
    ...(message.links ? { links: JSON.stringify(message.links) } : {}),
    ...(message.meetingId ? { meetingId: message.meetingId } : {}),
    ...(message.registrationId ? { registrationId: message.registrationId } : {}),
    attempts: 0,
    createdAt: at,
    expiresAt: Math.floor(now.getTime() / 1000) + OUTBOX_RETENTION_DAYS * 86_400,
  };
}

type TransactionOutcome = { canceled: boolean; data: { rejected: boolean; code: string }[] };

/** Runs a transaction, retrying the clashes DynamoDB reports as TransactionConflict. */
async function runTransaction(go: () => Promise<TransactionOutcome>): Promise<TransactionOutcome> {
  for (let attempt = 0; ; attempt++) {
    const outcome = await go();
    const clashed = outcome.canceled && outcome.data.some((d) => d.code === 'TransactionConflict');
    const conditionFailed = outcome.data.some((d) => d.code === 'ConditionalCheckFailed');
    if (!clashed || conditionFailed || attempt >= CONFLICT_RETRIES) return outcome;
    await new Promise((resolve) => setTimeout(resolve, Math.random() * 20 * 2 ** Math.min(attempt, 5)));
  }
}

export function registrationStore(store: Store, now: () => Date = () => new Date()): RegistrationStore {
  const { registration, registrationEmail, meeting, outbox, registrationAudit } = store.entities;
  const meetings = meetingRepository(store);

  return {
    getMeeting: (meetingId) => meetings.getMeeting(meetingId),
    getRecentMeeting: (meetingId, maxAgeMs) => recentMeeting(store, meetingId, maxAgeMs),

    async getRegistration(meetingId, registrationId) {
      const { data } = await registration.get({ meetingId, registrationId }).go();
      return data ? toRegistration(data) : undefined;
    },

    async findByEmail(meetingId, email) {
      const { data: guard } = await registrationEmail.get({ meetingId, email: email.toLowerCase() }).go();
      if (!guard) return undefined;
      const { data } = await registration.get({ meetingId, registrationId: guard.registrationId }).go();
      return data ? toRegistration(data) : undefined;
    },

    async createRegistration(r, messages) {
      const at = now();
      const expiresAt = expiryOf(r);
      const ttl = expiresAt === undefined ? {} : { expiresAt };
      const nowSeconds = Math.floor(at.getTime() / 1000);
      const outcome = await runTransaction(
        () =>
          store.transaction
            .write(({ registration: reg, registrationEmail: guard, outbox: box }) => [
              // The address is free, or held only by an unverified registration past its expiry (not yet deleted by TTL).
              guard
                .put({ meetingId: r.meetingId, email: r.email, registrationId: r.registrationId, ...ttl })
                .where((attr, op) => `${op.notExists(attr.registrationId)} OR ${op.lt(attr.expiresAt, nowSeconds)}`)
                .commit(),
              reg.create({ ...r, manageToken: r.manageToken, ...ttl }).commit(),
              ...messages.map((m) => box.create(outboxItem(m, at)).commit()),
            ])
            .go() as Promise<TransactionOutcome>,
      );
      if (!outcome.canceled) return { created: true };
      if (outcome.data[0]?.code === 'ConditionalCheckFailed') {
        const { data: guard } = await registrationEmail.get({ meetingId: r.meetingId, email: r.email }).go();
        if (guard) return { created: false, existingId: guard.registrationId };
      }
      throw new Error(`Registration could not be written: ${outcome.data.map((d) => d.code).join(', ')}`);
    },

    async transition({ registration: current, changes, seat, meeting: m, messages, audit }) {
      const at = now();
      const set: Record<string, unknown> = {};
      const remove: string[] = [];
      for (const [key, value] of Object.entries(changes)) {
        if (key === 'meetingId' || key === 'registrationId' || key === 'createdAt' || key === 'version') continue;
        if (value === undefined) remove.push(key);
        else set[key] = value;
      }
      const expiryBefore = expiryOf(current);
      const expiryAfter = expiryOf({ ...current, ...changes });
      const expiryChanged = expiryAfter !== expiryBefore;
      if (expiryChanged && expiryAfter === undefined) remove.push('expiresAt');
      else if (expiryChanged) set.expiresAt = expiryAfter;
      const outcome = await runTransaction(
        () =>
          store.transaction
            .write(({ registration: reg, registrationEmail: guard, meeting: meet, outbox: box, registrationAudit }) => {
              let update = reg
                .patch({ meetingId: current.meetingId, registrationId: current.registrationId })
                .set({ ...(set as Partial<RegistrationItem>), version: current.version + 1 });
              if (remove.length) update = update.remove(remove as never);
              const items = [update.where((attr, op) => op.eq(attr.version, current.version)).commit()];
              if (seat === 'take') {
                // Compares the two stored attributes, not the capacity read earlier: a capacity cut
                // committed meanwhile is seen here (and the cut compares them too, meetings.ts).
                items.push(
                  meet
                    .patch({ meetingId: m.meetingId })
                    .add({ seatsTaken: 1 })
                    .where(
                      (attr, op) =>
                        `(${op.notExists(attr.capacity)} OR ${op.name(attr.seatsTaken)} < ${op.name(attr.capacity)})`,
                    )
                    .commit() as never,
                );
              } else if (seat === 'release') {
                items.push(
                  meet
                    .patch({ meetingId: m.meetingId })
                    .subtract({ seatsTaken: 1 })
                    .where((attr, op) => op.gt(attr.seatsTaken, 0))
                    .commit() as never,
                );
              }
              for (const message of messages) items.push(box.create(outboxItem(message, at)).commit() as never);
              if (audit) {
                const { reason, ...event } = audit;
                items.push(
                  registrationAudit
                    .create({
                      meetingId: current.meetingId,
                      registrationId: current.registrationId,
                      ...event,
                      ...(reason ? { reason } : {}),
                    })
                    .commit() as never,
                );
              }
              if (expiryChanged) {
                // The address guard expires (or stops expiring) with its registration.
                const key = { meetingId: current.meetingId, email: current.email };
                const patch =
                  expiryAfter === undefined
                    ? guard.patch(key).remove(['expiresAt'])
                    : guard.patch(key).set({ expiresAt: expiryAfter });
                // Only its own guard (an expired one may have been taken over by a new registration).
                items.push(
                  patch.where((attr, op) => op.eq(attr.registrationId, current.registrationId)).commit() as never,
                );
              }
              return items;
            })
            .go() as Promise<TransactionOutcome>,
      );
      return resultOf(outcome, seat === 'take');
    },

    async auditTrail(meetingId, registrationId) {
      const { data } = await registrationAudit.query.byRegistration({ meetingId, registrationId }).go({ pages: 'all' });
      return data.map(({ meetingId: _m, registrationId: _r, ...event }) => event as RegistrationAuditEvent);
    },

    async deleteRegistration(current) {
      const outcome = await runTransaction(
        () =>
          store.transaction
            .write(({ registration: reg, registrationEmail: guard, meeting: meet }) => {
              const items = [
                reg
                  .delete({ meetingId: current.meetingId, registrationId: current.registrationId })
                  .where((attr, op) => op.eq(attr.version, current.version))
                  .commit(),
                guard.delete({ meetingId: current.meetingId, email: current.email }).commit() as never,
              ];
              if (current.holdsSeat) {
                items.push(
                  meet
                    .patch({ meetingId: current.meetingId })
                    .subtract({ seatsTaken: 1 })
                    .where((attr, op) => op.gt(attr.seatsTaken, 0))
                    .commit() as never,
                );
              }
              return items;
            })
            .go() as Promise<TransactionOutcome>,
      );
      return resultOf(outcome, false);
    },

    async listByStatus(meetingId, status, options = {}) {
      const query = registration.query.byStatus({ meetingId, status });
      const { data } = options.limit ? await query.go({ limit: options.limit }) : await query.go({ pages: 'all' });
      return data.map(toRegistration);
    },

    async countByStatus(meetingId, status) {
      let count = 0;
      let cursor: string | null = null;
      do {
        const page: { data: unknown[]; cursor: string | null } = await registration.query
          .byStatus({ meetingId, status })
          .go({ attributes: ['registrationId'], cursor });
        count += page.data.length;
        cursor = page.cursor;
      } while (cursor);
      return count;
    },

    async countAhead(r) {
      let ahead = 0;
      let cursor: string | null = null;
      do {
        const page: { data: unknown[]; cursor: string | null } = await registration.query
          .byStatus({ meetingId: r.meetingId, status: r.status })
          .lt({ statusAt: r.statusAt, registrationId: r.registrationId })
          .go({ attributes: ['registrationId'], cursor });
        ahead += page.data.length;
        cursor = page.cursor;
      } while (cursor);
      return ahead;
    },

    async pageByStatus(meetingId, status, page) {
      const { data, cursor } = await registration.query
        .byStatus({ meetingId, status })
        .go({ limit: page.limit, cursor: page.cursor ?? null });
      return { items: data.map(toRegistration), ...(cursor ? { next: cursor } : {}) };
    },

    async setVerifyTokenHash(meetingId, registrationId, hash) {
      try {
        // The registration as updated comes back with the update: no read before it.
        const { data } = await registration
          .patch({ meetingId, registrationId })
          .set({ verifyTokenHash: hash })
          .where((attr, op) => op.eq(attr.status, 'unverified'))
          .go({ response: 'all_new' });
        return data ? toRegistration(data as RegistrationItem) : undefined;
      } catch (error) {
        if (isConditionFailure(error)) return undefined;
        throw error;
      }
    },

    async markMeetingNotified(meetingId, sequence) {
      try {
        await meeting
          .patch({ meetingId })
          .set({ notifiedSequence: sequence })
          .where((attr, op) => op.lt(attr.notifiedSequence, sequence))
          .go({ response: 'none' });
      } catch (error) {
        if (!isConditionFailure(error)) throw error;
      }
    },

    listMeetings: () => meetings.listMeetings(),

    async markPersonalDataDeleted(meetingId, at) {
      await meeting.patch({ meetingId }).set({ personalDataDeletedAt: at }).go({ response: 'none' });
    },

    async meetingsAwaitingNotice() {
      const all = await meetings.listMeetings();
      return all.filter((m) => m.notifiedSequence < m.calendarSequence).map((m) => m.meetingId);
    },

    async queueMessages(messages) {
      const at = now();
      // Each message is its own conditional put (a batch write cannot carry conditions), 32 at a time.
      const created = new Set<string>();
      let next = 0;
      const worker = async () => {
        while (next < messages.length) {
          const message = messages[next++];
          if (!message) continue;
          try {
            await outbox.create(outboxItem(message, at)).go({ response: 'none' });
            created.add(message.messageId);
          } catch (error) {
            if (!isConditionFailure(error)) throw error;
          }
        }
      };
      await Promise.all(Array.from({ length: Math.min(32, messages.length) }, worker));
      return messages.map((m) => m.messageId).filter((id) => created.has(id));
    },
  };
}

/** The first item is the registration, the second (when a seat is taken) the meeting. */
function resultOf(outcome: TransactionOutcome, tookSeat: boolean): TransitionResult {
  if (!outcome.canceled) return 'ok';
  const [registrationItem, meetingItem] = outcome.data;
  if (registrationItem?.code === 'ConditionalCheckFailed') return 'changed-meanwhile';
  if (tookSeat && meetingItem?.code === 'ConditionalCheckFailed') return 'seat-unavailable';
  if (outcome.data.some((d) => d.code === 'ConditionalCheckFailed')) return 'changed-meanwhile';
  throw new Error(`Transaction cancelled: ${outcome.data.map((d) => d.code).join(', ')}`);
}
