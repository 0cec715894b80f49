import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { createGetTransaction, createWriteTransaction, Service } from 'electrodb';
import { ENV, requireEnv } from '../../config.ts';
import { documentClient } from './client.ts';
import {
  createBureauSequenceEntity,
  createCircularEntity,
  createCircularNumberEntity,
  createCircularRevisionEntity,
  createDistributionListEntity,
  createSequenceChangeEntity,
} from './entities/circular.ts';
import { createHubEntity, createIpLeadMeetingEntity, createOfficeEntity } from './entities/governance.ts';
import {
  createGovernanceBallotEntity,
  createGovernanceEventEntity,
  createGovernanceRequestEntity,
} from './entities/governance-request.ts';
import {
  createHubActivityEntity,
  createHubCityEntity,
  createHubReportEntity,
  createHubYearEntity,
  createKpiValueEntity,
} from './entities/hub-records.ts';
import { createJobCheckpointEntity, createJobRunEntity } from './entities/job-run.ts';
import { createSendRecordEntity, createSuppressionEntity } from './entities/mail-events.ts';
import { createMeetingEntity } from './entities/meeting.ts';
import { createOutboxEntity } from './entities/outbox.ts';
import { createPartnerEntity } from './entities/partner.ts';
import { createPersonEntity } from './entities/person.ts';
import { createRateWindowEntity } from './entities/rate-window.ts';
import { createRegistrationEmailEntity, createRegistrationEntity } from './entities/registration.ts';
import { createRegistrationAuditEntity } from './entities/registration-audit.ts';
import { createRevokedSessionEntity } from './entities/session.ts';
import {
  createContributionEntity,
  createDeliverableEntity,
  createMinutesEntity,
  createNominationCallEntity,
  createThematicGroupEntity,
  createWorkPlanInputEntity,
} from './entities/thematic-groups.ts';

/**
 * Every entity of the one table, by name: adding an entity is one line here. An entity is
 * built (ElectroDB validates its schema, a few milliseconds each) the first time a function
 * touches it, so a function pays only for the entities it uses.
 */
const ENTITIES = {
  meeting: createMeetingEntity,
  partner: createPartnerEntity,
  person: createPersonEntity,
  jobRun: createJobRunEntity,
  jobCheckpoint: createJobCheckpointEntity,
  registration: createRegistrationEntity,
  registrationEmail: createRegistrationEmailEntity,
  outbox: createOutboxEntity,
  rateWindow: createRateWindowEntity,
  circular: createCircularEntity,
  bureauSequence: createBureauSequenceEntity,
  circularNumber: createCircularNumberEntity,
  circularRevision: createCircularRevisionEntity,
  sequenceChange: createSequenceChangeEntity,
  distributionList: createDistributionListEntity,
  suppression: createSuppressionEntity,
  sendRecord: createSendRecordEntity,
  office: createOfficeEntity,
  ipLeadMeeting: createIpLeadMeetingEntity,
  hub: createHubEntity,
  revokedSession: createRevokedSessionEntity,
  registrationAudit: createRegistrationAuditEntity,
  hubCity: createHubCityEntity,
  hubActivity: createHubActivityEntity,
  kpiValue: createKpiValueEntity,
  hubYear: createHubYearEntity,
  hubReport: createHubReportEntity,
  governanceRequest: createGovernanceRequestEntity,
  governanceEvent: createGovernanceEventEntity,
  governanceBallot: createGovernanceBallotEntity,
  thematicGroup: createThematicGroupEntity,
  deliverable: createDeliverableEntity,
  contribution: createContributionEntity,
  minutes: createMinutesEntity,
  nominationCall: createNominationCallEntity,
  workPlanInput: createWorkPlanInputEntity,
} as const;

type EntityName = keyof typeof ENTITIES;
export type Entities = { [K in EntityName]: ReturnType<(typeof ENTITIES)[K]> };
type Transactions = Service<Entities>['transaction'];

/** All the entities joined in one ElectroDB service: its construction checks that they fit together (for tests). */
export function createService(options: { client: DynamoDBDocumentClient; table: string }): Service<Entities> {
  const configuration = { client: options.client, table: options.table };
  const entities = Object.fromEntries(
    Object.entries(ENTITIES).map(([name, create]) => [name, create(configuration)]),
  ) as unknown as Entities;
  return new Service(entities, configuration);
}

/**
 * The entities of the one table, each built on first use, and transactions over them. A
 * transaction is given only the entities its builder touched (to read back cancellation
 * reasons), so it builds no others.
 */
export function createStore(options: { client: DynamoDBDocumentClient; table: string }) {
  const configuration = { client: options.client, table: options.table };
  const built: Partial<Record<EntityName, unknown>> = {};
  const entities = {} as Entities;
  for (const name of Object.keys(ENTITIES) as EntityName[]) {
    Object.defineProperty(entities, name, {
      enumerable: true,
      get: () => {
        built[name] ??= ENTITIES[name](configuration);
        return built[name];
      },
    });
  }

  function transaction(create: typeof createWriteTransaction) {
    return (fn: (touched: Entities) => unknown[]) => {
      // Built again on each params() or go(), as ElectroDB's own transactions call the builder each time.
      const prepare = () => {
        const touched: Partial<Record<EntityName, unknown>> = {};
        const tracker = new Proxy(entities, {
          get(target, name) {
            const entity = (target as unknown as Record<string | symbol, unknown>)[name];
            touched[name as EntityName] = entity;
            return entity;
          },
        });
        const items = fn(tracker);
        // biome-ignore lint/suspicious/noExplicitAny: ElectroDB types its transaction builders per service.
        return create(touched as any, () => items as any);
      };
      return {
        params: (...args: Parameters<ReturnType<typeof createWriteTransaction>['params']>) => prepare().params(...args),
        go: (...args: Parameters<ReturnType<typeof createWriteTransaction>['go']>) => prepare().go(...args),
      };
    };
  }

  return {
    entities,
    transaction: {
      write: transaction(createWriteTransaction) as unknown as Transactions['write'],
      get: transaction(
        createGetTransaction as unknown as typeof createWriteTransaction,
      ) as unknown as Transactions['get'],
    },
  };
}

export type Store = ReturnType<typeof createStore>;

let defaultStore: Store | undefined;

/** The store for this container, on the configured table. */
export function store(): Store {
  defaultStore ??= createStore({ client: documentClient, table: requireEnv(ENV.tableName) });
  return defaultStore;
}
