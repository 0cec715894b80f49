import middy from '@middy/core';
import type { Context } from 'aws-lambda';
import { log } from '../http/log.ts';

/**
 * The event a job receives. EventBridge Scheduler sends the input the stack configures; its
 * `scheduledFor` is filled from `<aws.scheduler.scheduled-time>`. The local scheduler and
 * `npm run job` send the same shape.
 */
export interface JobEvent {
  job: string;
  scheduledFor?: string;
}

/** Wraps a job: reads the moment it runs for, logs start and end as structured JSON. */
export function jobHandler<T>(name: string, run: (scheduledFor: Date) => Promise<T>) {
  return middy<JobEvent, T, Error, Context>().handler(async function runJob(event, context) {
    const scheduledFor = event?.scheduledFor ? new Date(event.scheduledFor) : new Date();
    if (Number.isNaN(scheduledFor.getTime()))
      throw new Error(`Job ${name}: scheduledFor "${event.scheduledFor}" is not a date`);
    const started = performance.now();
    log('info', 'Job started', {
      job: name,
      scheduledFor: scheduledFor.toISOString(),
      requestId: context.awsRequestId,
    });
    const result = await run(scheduledFor);
    log('info', 'Job finished', {
      job: name,
      ms: Math.round(performance.now() - started),
      requestId: context.awsRequestId,
    });
    return result;
  });
}
