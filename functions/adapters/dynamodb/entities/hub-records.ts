import { Entity, type EntityConfiguration } from 'electrodb';
import { ACTIVITY_KINDS, VERIFICATION } from '../../../hubs/records.ts';
import { REPORT_STATUSES } from '../../../hubs/report.ts';
import { SERVICE } from './meeting.ts';

/** A city a hub works with (its KPI assessments are per city). */
export const createHubCityEntity = (configuration: EntityConfiguration) =>
  new Entity(
    {
      model: { entity: 'hubCity', version: '1', service: SERVICE },
      attributes: {
        hubId: { type: 'string', required: true, readOnly: true },
        cityId: { type: 'string', required: true, readOnly: true },
        name: { type: 'string', required: true },
        country: { type: 'string', required: true },
      },
      indexes: {
        byHub: { pk: { field: 'pk', composite: ['hubId'] }, sk: { field: 'sk', composite: ['cityId'] } },
      },
    },
    configuration,
  );

/** One activity of a hub's year. */
export const createHubActivityEntity = (configuration: EntityConfiguration) =>
  new Entity(
    {
      model: { entity: 'hubActivity', version: '1', service: SERVICE },
      attributes: {
        hubId: { type: 'string', required: true, readOnly: true },
        year: { type: 'number', required: true, readOnly: true },
        activityId: { type: 'string', required: true, readOnly: true },
        date: { type: 'string', required: true },
        kind: { type: ACTIVITY_KINDS, required: true },
        title: { type: 'string', required: true },
        description: { type: 'string' },
        partners: { type: 'list', items: { type: 'string' } },
        cities: { type: 'list', items: { type: 'string' } },
        participants: { type: 'number' },
        links: { type: 'list', items: { type: 'string' } },
        attachments: {
          type: 'list',
          items: {
            type: 'map',
            properties: {
              attachmentId: { type: 'string', required: true },
              fileName: { type: 'string', required: true },
              contentType: { type: 'string', required: true },
              size: { type: 'number', required: true },
              sha256: { type: 'string', required: true },
              uploadedAt: { type: 'string', required: true },
              uploadedBy: { type: 'string', required: true },
            },
          },
        },
      },
      indexes: {
        byYear: {
          pk: { field: 'pk', composite: ['hubId', 'year'] },
          sk: { field: 'sk', composite: ['activityId'] },
        },
      },
    },
    configuration,
  );

/** A city's value of one U4SSC KPI for a year: written whole, keyed by (hub, year, city, code). */
export const createKpiValueEntity = (configuration: EntityConfiguration) =>
  new Entity(
    {
      model: { entity: 'kpiValue', version: '1', service: SERVICE },
      attributes: {
        hubId: { type: 'string', required: true, readOnly: true },
        year: { type: 'number', required: true, readOnly: true },
        cityId: { type: 'string', required: true, readOnly: true },
        code: { type: 'string', required: true, readOnly: true },
        value: { type: 'number', required: true },
        target: { type: 'number' },
        source: { type: 'string', required: true },
        collectedOn: { type: 'string', required: true },
        verification: { type: VERIFICATION, required: true },
      },
      indexes: {
        byYear: {
          pk: { field: 'pk', composite: ['hubId', 'year'] },
          sk: { field: 'sk', composite: ['cityId', 'code'] },
        },
      },
    },
    configuration,
  );

/** A hub's finances and next year's plan for a year (JSON text), with a version. */
export const createHubYearEntity = (configuration: EntityConfiguration) =>
  new Entity(
    {
      model: { entity: 'hubYear', version: '1', service: SERVICE },
      attributes: {
        hubId: { type: 'string', required: true, readOnly: true },
        year: { type: 'number', required: true, readOnly: true },
        finances: { type: 'string' },
        plan: { type: 'string' },
        version: { type: 'number', required: true, default: 1 },
      },
      indexes: {
        byYear: { pk: { field: 'pk', composite: ['hubId', 'year'] }, sk: { field: 'sk', composite: [] } },
      },
    },
    configuration,
  );

/** One edition of a hub's annual report for a year (a correction is a new edition). */
export const createHubReportEntity = (configuration: EntityConfiguration) =>
  new Entity(
    {
      model: { entity: 'hubReport', version: '1', service: SERVICE },
      attributes: {
        hubId: { type: 'string', required: true, readOnly: true },
        year: { type: 'number', required: true, readOnly: true },
        edition: { type: 'number', required: true, readOnly: true },
        status: { type: REPORT_STATUSES, required: true },
        narratives: { type: 'string', required: true },
        corrects: { type: 'string' },
        history: { type: 'string', required: true },
        documents: { type: 'string' },
        submittedAt: { type: 'string' },
        publishedAt: { type: 'string' },
        version: { type: 'number', required: true, default: 1 },
      },
      indexes: {
        byYear: {
          pk: { field: 'pk', composite: ['hubId', 'year'] },
          sk: { field: 'sk', composite: ['edition'] },
        },
        all: {
          index: 'gsi1',
          pk: { field: 'gsi1pk', composite: [] },
          sk: { field: 'gsi1sk', composite: ['hubId', 'year', 'edition'] },
        },
      },
    },
    configuration,
  );
