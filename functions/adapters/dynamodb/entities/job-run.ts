import { Entity, type EntityConfiguration } from 'electrodb';
import { SERVICE } from './meeting.ts';

/** The last run of a scheduled job, so that /health can tell when the scheduler stalls. */
export const createJobRunEntity = (configuration: EntityConfiguration) =>
  new Entity(
    {
      model: { entity: 'jobRun', version: '1', service: SERVICE },
      attributes: {
        job: { type: 'string', required: true, readOnly: true },
        lastScheduledFor: { type: 'string', required: true },
        lastRunAt: { type: 'string', required: true },
        runs: { type: 'number', required: true, default: 0 },
      },
      indexes: {
        byJob: {
          pk: { field: 'pk', composite: ['job'] },
          sk: { field: 'sk', composite: [] },
        },
      },
    },
    configuration,
  );
