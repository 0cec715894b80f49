import { Entity, type EntityConfiguration } from 'electrodb';
import { SERVICE } from './meeting.ts';

/** A thematic group of U4SSC (ToR §19). */
export const createThematicGroupEntity = (configuration: EntityConfiguration) =>
  new Entity(
    {
      model: { entity: 'thematicGroup', version: '1', service: SERVICE },
      attributes: {
        groupId: { type: 'string', required: true, readOnly: true },
        name: { type: 'string', required: true },
        description: { type: 'string' },
        createdAt: { type: 'string', required: true },
        version: { type: 'number' },
        updatedAt: { type: 'string' },
      },
      indexes: {
        byId: { pk: { field: 'pk', composite: ['groupId'] }, sk: { field: 'sk', composite: [] } },
        all: { index: 'gsi1', pk: { field: 'gsi1pk', composite: [] }, sk: { field: 'gsi1sk', composite: ['groupId'] } },
      },
    },
    configuration,
  );

/** A deliverable of a thematic group, with its timeline (ToR §20–21). */
export const createDeliverableEntity = (configuration: EntityConfiguration) =>
  new Entity(
    {
      model: { entity: 'deliverable', version: '1', service: SERVICE },
      attributes: {
        deliverableId: { type: 'string', required: true, readOnly: true },
        groupId: { type: 'string', required: true },
        title: { type: 'string', required: true },
        description: { type: 'string' },
        startsOn: { type: 'string', required: true },
        dueOn: { type: 'string', required: true },
        createdAt: { type: 'string', required: true },
        version: { type: 'number' },
        updatedAt: { type: 'string' },
      },
      indexes: {
        byId: { pk: { field: 'pk', composite: ['deliverableId'] }, sk: { field: 'sk', composite: [] } },
        all: {
          index: 'gsi1',
          pk: { field: 'gsi1pk', composite: [] },
          sk: { field: 'gsi1sk', composite: ['deliverableId'] },
        },
      },
    },
    configuration,
  );

/** A participant's choice to contribute to a deliverable (ToR §22a): one per person and deliverable. */
export const createContributionEntity = (configuration: EntityConfiguration) =>
  new Entity(
    {
      model: { entity: 'contribution', version: '1', service: SERVICE },
      attributes: {
        deliverableId: { type: 'string', required: true, readOnly: true },
        email: { type: 'string', required: true, readOnly: true },
        name: { type: 'string', required: true },
        groupId: { type: 'string', required: true },
        at: { type: 'string', required: true },
      },
      indexes: {
        byDeliverable: {
          pk: { field: 'pk', composite: ['deliverableId'] },
          sk: { field: 'sk', composite: ['email'] },
        },
        all: {
          index: 'gsi1',
          pk: { field: 'gsi1pk', composite: [] },
          sk: { field: 'gsi1sk', composite: ['deliverableId', 'email'] },
        },
      },
    },
    configuration,
  );

/** The minutes of one e-meeting of a deliverable (ToR §20e): the file is in the documents bucket. */
export const createMinutesEntity = (configuration: EntityConfiguration) =>
  new Entity(
    {
      model: { entity: 'minutes', version: '1', service: SERVICE },
      attributes: {
        deliverableId: { type: 'string', required: true, readOnly: true },
        minutesId: { type: 'string', required: true, readOnly: true },
        meetingOn: { type: 'string', required: true },
        filename: { type: 'string', required: true },
        contentType: { type: 'string', required: true },
        size: { type: 'number', required: true },
        sha256: { type: 'string', required: true },
        key: { type: 'string', required: true },
        uploadedBy: { type: 'string', required: true },
        uploadedAt: { type: 'string', required: true },
      },
      indexes: {
        byDeliverable: {
          pk: { field: 'pk', composite: ['deliverableId'] },
          sk: { field: 'sk', composite: ['minutesId'] },
        },
        all: {
          index: 'gsi1',
          pk: { field: 'gsi1pk', composite: [] },
          sk: { field: 'gsi1sk', composite: ['deliverableId', 'minutesId'] },
        },
      },
    },
    configuration,
  );

/** A call for nominations of experts for a deliverable, open until its deadline (ToR §20c). */
export const createNominationCallEntity = (configuration: EntityConfiguration) =>
  new Entity(
    {
      model: { entity: 'nominationCall', version: '1', service: SERVICE },
      attributes: {
        callId: { type: 'string', required: true, readOnly: true },
        deliverableId: { type: 'string', required: true, readOnly: true },
        groupId: { type: 'string', required: true, readOnly: true },
        title: { type: 'string', required: true },
        description: { type: 'string' },
        closesAt: { type: 'string', required: true, readOnly: true },
        openedBy: { type: 'string', required: true },
        createdAt: { type: 'string', required: true },
      },
      indexes: {
        byId: { pk: { field: 'pk', composite: ['callId'] }, sk: { field: 'sk', composite: [] } },
        all: { index: 'gsi1', pk: { field: 'gsi1pk', composite: [] }, sk: { field: 'gsi1sk', composite: ['callId'] } },
      },
    },
    configuration,
  );

/** One contributor's input to a year's work plan (ToR §10a): one per author and year, replaced when sent again. */
export const createWorkPlanInputEntity = (configuration: EntityConfiguration) =>
  new Entity(
    {
      model: { entity: 'workPlanInput', version: '1', service: SERVICE },
      attributes: {
        year: { type: 'number', required: true, readOnly: true },
        /** Whom it is from: `partner:<id>`, `group:<id>` or `ip-lead`, then the author's email. */
        inputId: { type: 'string', required: true, readOnly: true },
        from: { type: 'string', required: true },
        authorEmail: { type: 'string', required: true },
        text: { type: 'string', required: true },
        at: { type: 'string', required: true },
      },
      indexes: {
        byYear: { pk: { field: 'pk', composite: ['year'] }, sk: { field: 'sk', composite: ['inputId'] } },
        all: {
          index: 'gsi1',
          pk: { field: 'gsi1pk', composite: [] },
          sk: { field: 'gsi1sk', composite: ['year', 'inputId'] },
        },
      },
    },
    configuration,
  );
