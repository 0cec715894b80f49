import type { MiddlewareObj } from '@middy/core';
import type { Context } from 'aws-lambda';
import type { Access } from '../routes.ts';
import type { Identity } from './claims.ts';
import { log } from './log.ts';
import type { HttpEvent } from './middleware.ts';
import type { HttpResponse } from './responses.ts';

/**
 * The console's navigation shows, on every page, how many governance requests wait for the
 * signed-in person's decision, linking to that inbox. The layout leaves a slot for the count
 * when the page itself does not know it (`WAITING_SLOT`); this middleware starts counting as
 * soon as the caller is known, while the handler builds the page, and fills the slot after.
 *
 * The counter is set by the entry module of each function that serves console pages
 * (functions/lambdas/), so only those functions bundle the read it makes and carry its grant.
 */
export type WaitingCounter = (identity: Identity) => Promise<number>;

let counter: WaitingCounter | undefined;

/** Called once by a console function's entry module. */
export function countWaitingWith(count: WaitingCounter): void {
  counter = count;
}

/** Where the layout puts the count when the page has not given it. */
export const WAITING_SLOT = '<!--governance-waiting-->';

/** The count as the navigation shows it: nothing when nothing waits. */
export function waitingBadge(count: number): string {
  return count > 0 ? ` <strong>(${count})<span class="hp"> waiting for your decision</span></strong>` : '';
}

const pending = new WeakMap<HttpEvent, Promise<number | undefined>>();

/** On a console page, the count: started before the handler (a GET), put in the page after it. */
export function consoleNavigation(
  route: { routeKey: string; access: Access },
  options: { pageCounts?: boolean } = {},
): MiddlewareObj<HttpEvent, HttpResponse, Error, Context> {
  const consoleRoute = !options.pageCounts && typeof route.access === 'object' && 'console' in route.access;
  // A page (GET) counts while it is built; a form's answer (usually a redirect) only if it is a page;
  // a download (a PDF preview, a CSV export: a file name ends its path) never.
  const consolePage = consoleRoute && /^GET \/console(\/[^.]*)?$/.test(route.routeKey);
  return {
    name: 'consoleNavigation',
    before: function startCounting(request) {
      const identity = request.event.identity;
      if (!consolePage || !counter || !identity) return;
      pending.set(
        request.event,
        counter(identity).catch((error: unknown) => {
          // The page is still worth showing without its count.
          log('warn', 'Governance inbox count failed', { error });
          return undefined;
        }),
      );
    },
    after: async function fillCount(request) {
      const response = request.response;
      if (!consoleRoute || !response || response.isBase64Encoded || typeof response.body !== 'string') return;
      if (!response.body.includes(WAITING_SLOT)) return;
      const identity = request.event.identity;
      const counting =
        pending.get(request.event) ?? (counter && identity ? counter(identity).catch(() => undefined) : undefined);
      const count = await counting;
      if (count === undefined) return;
      request.response = { ...response, body: response.body.replace(WAITING_SLOT, waitingBadge(count)) };
    },
  };
}
