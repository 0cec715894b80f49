import { existsSync } from 'node:fs';
import type { Context } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { jobDispatcher, routeDispatcher } from '../../functions/lambdas/dispatch.ts';
import { CONSUMERS, FUNCTION_NAMES, HANDLERS, handlersOf, JOBS, ROUTES } from '../../functions/routes.ts';
import { parseSchedule } from '../../infra/local/schedule-expression.ts';

describe('the route and job table', () => {
  it('names a handler file for every route and job', () => {
    for (const handler of HANDLERS) expect(existsSync(`functions/handlers/${handler}.ts`), handler).toBe(true);
  });

  it('has no route key twice and only API Gateway syntax', () => {
    const keys = ROUTES.map((r) => r.routeKey);
    expect(new Set(keys).size).toBe(keys.length);
    for (const key of keys) expect(key).toMatch(/^(GET|POST|PUT|PATCH|DELETE) \/[\w\-/{}.+]*$/);
  });

  it('gives every job a schedule the local scheduler can evaluate', () => {
    for (const job of JOBS) expect(() => parseSchedule(job.schedule)).not.toThrow();
  });
});

describe('the functions', () => {
  it('has an entry per function whose handlers are exactly those the table assigns to it', async () => {
    for (const fn of FUNCTION_NAMES) {
      expect(existsSync(`functions/lambdas/${fn}.ts`), fn).toBe(true);
      // The entry's dispatcher throws at load time when its handlers differ from the table's.
      const entry = (await import(`../../functions/lambdas/${fn}.ts`)) as { handler: unknown };
      expect(typeof entry.handler, fn).toBe('function');
    }
    const assigned = FUNCTION_NAMES.flatMap((fn) => handlersOf(fn));
    expect([...assigned].sort()).toEqual([...HANDLERS].sort());
  });

  it('assigns every route, job and consumer to a declared function', () => {
    const names: readonly string[] = FUNCTION_NAMES;
    for (const item of [...ROUTES, ...JOBS, ...CONSUMERS]) expect(names, JSON.stringify(item)).toContain(item.fn);
  });

  it('refuses an entry whose handlers differ from the table', () => {
    const ok = async () => ({});
    expect(() => routeDispatcher('site', { home: ok })).toThrow(
      /missing meeting-page, meetings-get, meetings-list, not-found, openapi$/,
    );
    expect(() => jobDispatcher('jobs', { ...jobHandlers(() => ok), 'not-a-job': ok })).toThrow(
      /not assigned to it not-a-job/,
    );
  });

  it('dispatches by route key and job name, and refuses what the function does not serve', async () => {
    const calls: string[] = [];
    const record = (name: string) => async () => {
      calls.push(name);
      return name;
    };
    const site = routeDispatcher('site', Object.fromEntries(handlersOf('site').map((name) => [name, record(name)])));
    const context = {} as Context;
    await expect(site({ routeKey: 'GET /meetings/{meetingId}' }, context)).resolves.toBe('meeting-page');
    await expect(site({ routeKey: '$default' }, context)).resolves.toBe('not-found');
    expect(() => site({ routeKey: 'POST /api/meetings' }, context)).toThrow(/serves no route/);
    const jobs = jobDispatcher('jobs', jobHandlers(record));
    await expect(jobs({ job: 'term-expiry' }, context)).resolves.toBe('job-term-expiry');
    expect(() => jobs({ job: 'nothing' }, context)).toThrow(/runs no job/);
    // A batch of the job queue's records goes to the function's consumer.
    await expect(jobs({ Records: [] }, context)).resolves.toBe('job-scope');
    expect(calls).toEqual(['meeting-page', 'not-found', 'job-term-expiry', 'job-scope']);
  });
});

function jobHandlers(make: (name: string) => () => Promise<unknown>) {
  return Object.fromEntries(handlersOf('jobs').map((name) => [name, make(name)]));
}
