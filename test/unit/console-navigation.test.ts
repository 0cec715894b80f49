import type { Context } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import type { Identity } from '../../functions/http/claims.ts';
import { consoleNavigation, countWaitingWith, WAITING_SLOT } from '../../functions/http/console-navigation.ts';
import type { HttpEvent } from '../../functions/http/middleware.ts';
import type { HttpResponse } from '../../functions/http/responses.ts';

/** The console navigation's inbox count: started for console pages, never for downloads or other routes. */
const identity = { email: 'secretariat@example.org', roles: ['secretariat'] } as unknown as Identity;
const counted: string[] = [];
countWaitingWith(async (who) => {
  counted.push(who.email);
  return 3;
});

async function run(routeKey: string, body: string) {
  counted.length = 0;
  const middleware = consoleNavigation({ routeKey, access: { console: ['secretariat'] } as never });
  const request = {
    event: { identity } as unknown as HttpEvent,
    context: {} as Context,
    response: { statusCode: 200, headers: {}, body } as HttpResponse,
    error: null,
    internal: {},
  };
  await middleware.before?.(request as never);
  await middleware.after?.(request as never);
  return { counts: counted.length, body: request.response.body };
}

describe('console navigation count', () => {
  it('counts for a console page and fills the slot', async () => {
    for (const routeKey of ['GET /console', 'GET /console/circulars/{circularId}', 'GET /console/meetings']) {
      const { counts, body } = await run(routeKey, `<nav>${WAITING_SLOT}</nav>`);
      expect(counts, routeKey).toBe(1);
      expect(body).toContain('<strong>(3)');
    }
  });

  it('does not count for a download (PDF preview, CSV export) nor a form post without the slot', async () => {
    for (const routeKey of [
      'GET /console/circulars/{circularId}/preview.pdf',
      'GET /console/hubs/{hubId}/years/{year}/report.pdf',
      'GET /console/meetings/{meetingId}/registrations.csv',
      'POST /console/circulars',
    ])
      expect((await run(routeKey, '%PDF-1.7')).counts, routeKey).toBe(0);
  });
});
