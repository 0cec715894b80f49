import { Entity, type EntityConfiguration } from 'electrodb';
import { CIRCULAR_STATUSES } from '../../../circulars/circular.ts';
import { SERVICE } from './meeting.ts';

/** A circular, draft or issued; its per-language content and documents are JSON. */
export const createCircularEntity = (configuration: EntityConfiguration) =>
  new Entity(
    {
      model: { entity: 'circular', version: '1', service: SERVICE },
      attributes: {
        circularId: { type: 'string', required: true, readOnly: true },
        bureau: { type: 'string', required: true },
        status: { type: CIRCULAR_STATUSES, required: true },
        languages: { type: 'list', items: { type: 'string' }, required: true },
        meetingId: { type: 'string' },
        contact: { type: 'string', required: true },
        content: { type: 'string', required: true },
        distribution: { type: 'string', required: true },
        number: { type: 'number' },
        numberedParagraphs: { type: 'boolean' },
        /** JSON: per language, the meeting facts taken from another language. */
        fallbacks: { type: 'string' },
        issuedOn: { type: 'string' },
        imported: { type: 'boolean' },
        revision: { type: 'number' },
        revisionReason: { type: 'string' },
        /** JSON: number and date of the corrected circular. */
        corrects: { type: 'string' },
        issuedAt: { type: 'string' },
        issuedBy: { type: 'string' },
        documents: { type: 'string', required: true, default: '[]' },
        revisionOf: { type: 'string' },
        distributedAt: { type: 'string' },
        createdAt: { type: 'string', required: true, readOnly: true },
        version: { type: 'number', required: true, default: 1 },
      },
      indexes: {
        byId: { pk: { field: 'pk', composite: ['circularId'] }, sk: { field: 'sk', composite: [] } },
        all: {
          index: 'gsi1',
          pk: { field: 'gsi1pk', composite: [] },
          sk: { field: 'gsi1sk', composite: ['createdAt', 'circularId'] },
        },
      },
    },
    configuration,
  );

/** The last number a bureau issued: one item per bureau, raised in the issuing transaction. */
export const createBureauSequenceEntity = (configuration: EntityConfiguration) =>
  new Entity(
    {
      model: { entity: 'bureauSequence', version: '1', service: SERVICE },
      attributes: {
        bureau: { type: 'string', required: true, readOnly: true },
        last: { type: 'number', required: true },
      },
      indexes: { byBureau: { pk: { field: 'pk', composite: ['bureau'] }, sk: { field: 'sk', composite: [] } } },
    },
    configuration,
  );

/** A change of a body's sequence by the secretariat (audit): who, when, from, to, why. */
export const createSequenceChangeEntity = (configuration: EntityConfiguration) =>
  new Entity(
    {
      model: { entity: 'sequenceChange', version: '1', service: SERVICE },
      attributes: {
        bureau: { type: 'string', required: true, readOnly: true },
        at: { type: 'string', required: true, readOnly: true },
        by: { type: 'string', required: true, readOnly: true },
        fromNext: { type: 'number', required: true, readOnly: true },
        toNext: { type: 'number', required: true, readOnly: true },
        reason: { type: 'string', required: true, readOnly: true },
      },
      indexes: { byBureau: { pk: { field: 'pk', composite: ['bureau'] }, sk: { field: 'sk', composite: ['at'] } } },
    },
    configuration,
  );

/** One per revision of an issued (bureau, number): a revision number is never given twice. */
export const createCircularRevisionEntity = (configuration: EntityConfiguration) =>
  new Entity(
    {
      model: { entity: 'circularRevision', version: '1', service: SERVICE },
      attributes: {
        bureau: { type: 'string', required: true, readOnly: true },
        number: { type: 'number', required: true, readOnly: true },
        revision: { type: 'number', required: true, readOnly: true },
        circularId: { type: 'string', required: true, readOnly: true },
      },
      indexes: {
        byNumber: {
          pk: { field: 'pk', composite: ['bureau', 'number'] },
          sk: { field: 'sk', composite: ['revision'] },
        },
      },
    },
    configuration,
  );

/** One per issued (bureau, number): a number can never be given twice. */
export const createCircularNumberEntity = (configuration: EntityConfiguration) =>
  new Entity(
    {
      model: { entity: 'circularNumber', version: '1', service: SERVICE },
      attributes: {
        bureau: { type: 'string', required: true, readOnly: true },
        number: { type: 'number', required: true, readOnly: true },
        circularId: { type: 'string', required: true, readOnly: true },
      },
      indexes: { byNumber: { pk: { field: 'pk', composite: ['bureau'] }, sk: { field: 'sk', composite: ['number'] } } },
    },
    configuration,
  );

export const createDistributionListEntity = (configuration: EntityConfiguration) =>
  new Entity(
    {
      model: { entity: 'distributionList', version: '1', service: SERVICE },
      attributes: {
        listId: { type: 'string', required: true, readOnly: true },
        name: { type: 'string', required: true },
        members: { type: 'string', required: true },
        version: { type: 'number', required: true, default: 1 },
      },
      indexes: {
        byId: { pk: { field: 'pk', composite: ['listId'] }, sk: { field: 'sk', composite: [] } },
        /** Every list, by id (the console's index of lists). */
        all: {
          index: 'gsi1',
          pk: { field: 'gsi1pk', composite: [] },
          sk: { field: 'gsi1sk', composite: ['listId'] },
        },
      },
    },
    configuration,
  );
