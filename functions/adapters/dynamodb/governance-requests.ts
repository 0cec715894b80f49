import type { Kind } from '../../governance/kinds.ts';
import type {
  AuditEvent,
  Ballot,
  GovernanceDirectory,
  GovernanceRequest,
  GovernanceRequestStore,
  NominationCall,
} from '../../governance/request.ts';
import type { NewOutboxMessage } from '../../mail/outbox.ts';
import { type Permission, tableAccess } from '../permissions.ts';
import { isConditionFailure } from './conditions.ts';
import { governanceStore } from './governance.ts';
import { toRequest } from './governance-request-item.ts';
import { partnerRepository } from './partners.ts';
import { outboxItem } from './registrations.ts';
import type { Store } from './store.ts';

/** IAM for the calls below (transactions authorise PutItem, UpdateItem and ConditionCheckItem per item). */
export const PERMISSIONS: readonly Permission[] = /* @__PURE__ */ tableAccess(
  'dynamodb:GetItem',
  'dynamodb:Query',
  'dynamodb:PutItem',
  'dynamodb:UpdateItem',
  'dynamodb:ConditionCheckItem',
);

type TransactionOutcome = { canceled: boolean; data: { rejected: boolean; code: string }[] };

/** DynamoDB cancels a transaction that collides with another on the same item: such a clash is retried. */
const CONFLICT_RETRIES = 12;

async function runTransaction(go: () => Promise<TransactionOutcome>): Promise<TransactionOutcome> {
  for (let attempt = 0; ; attempt++) {
    const outcome = await go();
    const clashed = outcome.canceled && outcome.data.some((d) => d.code === 'TransactionConflict');
    const conditionFailed = outcome.data.some((d) => d.code === 'ConditionalCheckFailed');
    if (!clashed || conditionFailed || attempt >= CONFLICT_RETRIES) return outcome;
    await new Promise((resolve) => setTimeout(resolve, Math.random() * 20 * 2 ** Math.min(attempt, 5)));
  }
}

/** The stored shape of a request: JSON for the nested parts; `closesAt` only while votes are taken. */
function toItem(r: GovernanceRequest, votesOpen: boolean) {
  return {
    requestId: r.requestId,
    kind: r.kind,
    state: r.state,
    version: r.version,
    requesterEmail: r.requesterEmail,
    requesterName: r.requesterName,
    fields: JSON.stringify(r.fields),
    ...(r.partnerId ? { partnerId: r.partnerId } : {}),
    ...(r.groupId ? { groupId: r.groupId } : {}),
    ...(r.voting ? { voting: JSON.stringify(r.voting) } : {}),
    ...(r.voting && votesOpen ? { closesAt: r.voting.closesAt } : {}),
    ...(r.result ? { result: JSON.stringify(r.result) } : {}),
    ...(r.attachments?.length ? { attachments: JSON.stringify(r.attachments) } : {}),
    ...(r.language ? { language: r.language } : {}),
    ...expiryOf(r),
    createdAt: r.createdAt,
    updatedAt: r.updatedAt,
  };
}

/**
 * A public request nobody confirms is deleted by DynamoDB's TTL a week after it was sent (the
 * link itself is valid 48 hours), with its submission's audit line; confirming it (leaving
 * `unverified`) takes the expiry away from both.
 */
export const UNVERIFIED_RETENTION_DAYS = 7;
const UNVERIFIED = 'unverified';

function expiryOf(r: Pick<GovernanceRequest, 'state' | 'createdAt'>): { expiresAt?: number } {
  if (r.state !== UNVERIFIED) return {};
  return { expiresAt: Math.ceil(Date.parse(r.createdAt) / 1000) + UNVERIFIED_RETENTION_DAYS * 86_400 };
}

const withoutEmpty = (event: AuditEvent) => ({ ...event, ...(event.comment ? {} : { comment: undefined }) });

export function governanceRequestStore(
  store: Store,
  now: () => Date = () => new Date(),
  votingStates: (kind: Kind, state: string) => boolean = () => false,
): GovernanceRequestStore {
  const { governanceRequest, governanceEvent, governanceBallot, outbox } = store.entities;
  return {
    async createRequest(request, event, messages, more = []) {
      const at = now();
      const ttl = expiryOf(request);
      const outcome = await runTransaction(
        () =>
          store.transaction
            .write(({ governanceRequest: req, governanceEvent: ev, outbox: box }) => [
              req.create(toItem(request, votingStates(request.kind, request.state))).commit(),
              ev.create({ ...withoutEmpty(event), ...ttl }).commit(),
              ...more.map((e) => ev.create({ ...withoutEmpty(e), ...ttl }).commit()),
              ...messages.map((m) => box.create(outboxItem(m, at)).commit()),
            ])
            .go() as Promise<TransactionOutcome>,
      );
      if (outcome.canceled) throw new Error(`Request not written: ${outcome.data.map((d) => d.code).join(', ')}`);
    },

    async getRequest(requestId) {
      const { data } = await governanceRequest.get({ requestId }).go({ consistent: true });
      return data ? toRequest(data) : undefined;
    },

    async listRequests() {
      const { data } = await governanceRequest.query.all({}).go({ pages: 'all' });
      return data.map(toRequest);
    },

    async transition(next, from, event, messages, effects) {
      const at = now();
      const item = toItem(next, votingStates(next.kind, next.state));
      // Attributes are only ever added (a closed vote keeps its `closesAt`: each ballot also checks the state).
      const { requestId, kind: _kind, createdAt: _created, ...changes } = item;
      // Leaving `unverified` (confirmed): the request and the audit lines written with it stay.
      const confirmed = from.state === UNVERIFIED && next.state !== UNVERIFIED;
      const kept = confirmed ? (await governanceEvent.query.byRequest({ requestId }).go({ pages: 'all' })).data : [];
      const outcome = await runTransaction(
        () =>
          store.transaction
            .write(({ governanceRequest: req, governanceEvent: ev, outbox: box, hub, partner }) => {
              // Removing an attribute is an UpdateItem (no DeleteItem is needed).
              const patch = req.patch({ requestId }).set(changes);
              const items = [
                (confirmed ? patch.data((attr, { remove: unset }) => unset(attr.expiresAt)) : patch)
                  .where((attr, op) => `${op.eq(attr.version, from.version)} AND ${op.eq(attr.state, from.state)}`)
                  .commit(),
                ...kept
                  .filter((e) => e.expiresAt !== undefined)
                  .map(
                    (e) =>
                      ev
                        .patch({ requestId, eventId: e.eventId })
                        .data((attr, { remove: unset }) => unset(attr.expiresAt))
                        .commit() as never,
                  ),
                ev.create(withoutEmpty(event)).commit() as never,
                ...messages.map((m) => box.create(outboxItem(m, at)).commit() as never),
              ];
              if (effects?.hub) items.push(hub.create(effects.hub).commit() as never);
              if (effects?.partner) {
                items.push(partner.create({ ...effects.partner, joinedAt: at.toISOString() }).commit() as never);
              }
              return items;
            })
            .go() as Promise<TransactionOutcome>,
      );
      if (!outcome.canceled) return true;
      if (outcome.data.some((d) => d.code === 'ConditionalCheckFailed')) return false;
      throw new Error(`Transaction cancelled: ${outcome.data.map((d) => d.code).join(', ')}`);
    },

    async castBallot(ballot, event, state, at) {
      const moment = at.toISOString();
      const outcome = await runTransaction(
        () =>
          store.transaction
            .write(({ governanceRequest: req, governanceBallot: vote, governanceEvent: ev }) => [
              // Serialised with the closing: once the request has left the voting state, no ballot commits.
              req
                .check({ requestId: ballot.requestId })
                .where((attr, op) => `${op.eq(attr.state, state)} AND ${op.gt(attr.closesAt, moment)}`)
                .commit(),
              vote.put({ ...ballot, ...(ballot.comment ? {} : { comment: undefined }) }).commit(),
              ev.create(withoutEmpty(event)).commit(),
            ])
            .go() as Promise<TransactionOutcome>,
      );
      if (!outcome.canceled) return 'cast';
      if (outcome.data[0]?.code === 'ConditionalCheckFailed') return 'closed';
      throw new Error(`Ballot not written: ${outcome.data.map((d) => d.code).join(', ')}`);
    },

    async setVerifyToken(requestId, hash, expiresAt) {
      try {
        await governanceRequest
          .patch({ requestId })
          .set({ verifyTokenHash: hash, verifyExpiresAt: expiresAt })
          .where((attr, op) => op.eq(attr.state, 'unverified'))
          .go({ response: 'none' });
        return true;
      } catch (error) {
        if (isConditionFailure(error)) return false;
        throw error;
      }
    },

    async getVerifyToken(requestId) {
      const { data } = await governanceRequest.get({ requestId }).go({ consistent: true });
      return data?.verifyTokenHash && data.verifyExpiresAt
        ? { hash: data.verifyTokenHash, expiresAt: data.verifyExpiresAt }
        : undefined;
    },

    async listBallots(requestId) {
      const { data } = await governanceBallot.query.byRequest({ requestId }).go({ pages: 'all', consistent: true });
      return data.map(
        (b): Ballot => ({
          requestId: b.requestId,
          partnerId: b.partnerId,
          choice: b.choice,
          ...(b.comment ? { comment: b.comment } : {}),
          voterEmail: b.voterEmail,
          votedAt: b.votedAt,
        }),
      );
    },

    async listEvents(requestId) {
      const { data } = await governanceEvent.query.byRequest({ requestId }).go({ pages: 'all', consistent: true });
      return data.map(({ expiresAt: _ttl, ...e }) => ({ ...e, ...(e.comment ? {} : { comment: undefined }) }));
    },

    async queueMessages(messages: NewOutboxMessage[]) {
      const at = now();
      const created: string[] = [];
      for (const message of messages) {
        try {
          await outbox.create(outboxItem(message, at)).go({ response: 'none' });
          created.push(message.messageId);
        } catch (error) {
          if (!isConditionFailure(error)) throw error;
        }
      }
      return created;
    },
  };
}

/** The records the governance roles are bound to. */
export function governanceDirectory(store: Store): GovernanceDirectory {
  const partners = partnerRepository(store);
  const records = governanceStore(store);
  return {
    listPartners: () => partners.listPartners(),
    listOffices: () => records.listOffices(),
    async hubExists(hubId) {
      const { data } = await store.entities.hub.get({ hubId }).go();
      return !!data;
    },
    async getCall(callId) {
      const { data } = await store.entities.nominationCall.get({ callId }).go();
      return data
        ? (Object.fromEntries(Object.entries(data).filter(([, v]) => v != null)) as unknown as NominationCall)
        : undefined;
    },
  };
}
