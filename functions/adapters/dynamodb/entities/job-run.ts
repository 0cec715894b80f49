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

/**
 * A finished page of a paged job: which page of which part (`scope`, e.g. a meeting's 7-day
 * reminder) of which run (the moment the job was scheduled for), and the cursor of the next
 * page. A retry of the same run (a Lambda timeout, a kill) starts after the last finished page
 * of each part instead of writing its pages again. Expires by TTL.
 */
export const createJobCheckpointEntity = (configuration: EntityConfiguration) =>
  new Entity(
    {
      model: { entity: 'jobCheckpoint', version: '1', service: SERVICE },
      attributes: {
        job: { type: 'string', required: true, readOnly: true },
        run: { type: 'string', required: true, readOnly: true },
        scope: { type: 'string', required: true, readOnly: true },
        page: { type: 'number', required: true, readOnly: true, padding: { length: 6, char: '0' } },
        /** The cursor of the next page; absent on the last page. */
        next: { type: 'string' },
        done: { type: 'boolean', required: true },
        items: { type: 'number', required: true },
        queued: { type: 'number', required: true },
        finishedAt: { type: 'string', required: true },
        expiresAt: { type: 'number', required: true },
      },
      indexes: {
        byRun: {
          pk: { field: 'pk', composite: ['job', 'run'] },
          sk: { field: 'sk', composite: ['scope', 'page'] },
        },
      },
    },
    configuration,
  );
