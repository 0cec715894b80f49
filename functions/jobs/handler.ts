import middy from '@middy/core';
import type { Context } from 'aws-lambda';
import { invocationLogContext, log, withLogContext } from '../http/log.ts';

/**
 * The event a job receives. EventBridge Scheduler sends the input the stack configures; its
 * `scheduledFor` is filled from `<aws.scheduler.scheduled-time>`. The local scheduler and
 * `npm run job` send the same shape.
 */
export interface JobEvent {
  job: string;
  scheduledFor?: string;
}

/**
 * Wraps a job: reads the moment it runs for, logs start and end as structured JSON; every line
 * logged while it runs carries the request id and `route: job:<name>`.
 */
export function jobHandler<T>(name: string, run: (scheduledFor: Date) => Promise<T>) {
  async function runLogged(event: JobEvent): Promise<T> {
    const scheduledFor = event?.scheduledFor ? new Date(event.scheduledFor) : new Date();
    if (Number.isNaN(scheduledFor.getTime()))
      throw new Error(`Job ${name}: scheduledFor "${event.scheduledFor}" is not a date`);
    const started = performance.now();
    log('info', 'Job started', { job: name, scheduledFor: scheduledFor.toISOString() });
    const result = await run(scheduledFor);
    log('info', 'Job finished', { job: name, ms: Math.round(performance.now() - started) });
    return result;
  }

  return middy<JobEvent, T, Error, Context>().handler(function runJob(event, context) {
    return withLogContext(invocationLogContext(context, `job:${name}`), () => runLogged(event));
  });
}
