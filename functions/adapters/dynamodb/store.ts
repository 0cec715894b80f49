import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { Service } from 'electrodb';
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

/** Every entity of the one table, joined in an ElectroDB service (which also runs transactions). */
export function createStore(options: { client: DynamoDBDocumentClient; table: string }) {
  const configuration = { client: options.client, table: options.table };
  return new Service(
    {
      meeting: createMeetingEntity(configuration),
      partner: createPartnerEntity(configuration),
      person: createPersonEntity(configuration),
      jobRun: createJobRunEntity(configuration),
      jobCheckpoint: createJobCheckpointEntity(configuration),
      registration: createRegistrationEntity(configuration),
      registrationEmail: createRegistrationEmailEntity(configuration),
      outbox: createOutboxEntity(configuration),
      rateWindow: createRateWindowEntity(configuration),
      circular: createCircularEntity(configuration),
      bureauSequence: createBureauSequenceEntity(configuration),
      circularNumber: createCircularNumberEntity(configuration),
      circularRevision: createCircularRevisionEntity(configuration),
      sequenceChange: createSequenceChangeEntity(configuration),
      distributionList: createDistributionListEntity(configuration),
      suppression: createSuppressionEntity(configuration),
      sendRecord: createSendRecordEntity(configuration),
      office: createOfficeEntity(configuration),
      ipLeadMeeting: createIpLeadMeetingEntity(configuration),
      hub: createHubEntity(configuration),
      revokedSession: createRevokedSessionEntity(configuration),
      registrationAudit: createRegistrationAuditEntity(configuration),
      hubCity: createHubCityEntity(configuration),
      hubActivity: createHubActivityEntity(configuration),
      kpiValue: createKpiValueEntity(configuration),
      hubYear: createHubYearEntity(configuration),
      hubReport: createHubReportEntity(configuration),
      governanceRequest: createGovernanceRequestEntity(configuration),
      governanceEvent: createGovernanceEventEntity(configuration),
      governanceBallot: createGovernanceBallotEntity(configuration),
      thematicGroup: createThematicGroupEntity(configuration),
      deliverable: createDeliverableEntity(configuration),
      contribution: createContributionEntity(configuration),
      minutes: createMinutesEntity(configuration),
      nominationCall: createNominationCallEntity(configuration),
      workPlanInput: createWorkPlanInputEntity(configuration),
    },
    configuration,
  );
}

export type Store = ReturnType<typeof createStore>;

let defaultStore: Store | undefined;

/** The store for this container, on the configured table. */
export function store(): Store {
  defaultStore ??= createStore({ client: documentClient, table: requireEnv(ENV.tableName) });
  return defaultStore;
}
