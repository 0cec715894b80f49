import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { HANDLERS, JOBS, ROUTES } from '../../functions/routes.ts';
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
