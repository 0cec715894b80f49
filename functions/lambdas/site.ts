/** The site function (public pages: home, meetings, a meeting page, not found). Handlers as assigned in functions/routes.ts. */

import { handler as home } from '../handlers/home.ts';
import { handler as meetingPage } from '../handlers/meeting-page.ts';
import { handler as meetingsGet } from '../handlers/meetings-get.ts';
import { handler as meetingsList } from '../handlers/meetings-list.ts';
import { handler as notFound } from '../handlers/not-found.ts';
import { handler as openapi } from '../handlers/openapi.ts';
import { routeDispatcher } from './dispatch.ts';

export const handler = routeDispatcher('site', {
  home,
  'meetings-list': meetingsList,
  'meetings-get': meetingsGet,
  'meeting-page': meetingPage,
  'not-found': notFound,
  openapi,
});
