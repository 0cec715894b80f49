import { meetingsDeps } from '../adapters/wiring/meetings.ts';
import { httpHandler } from '../http/handler.ts';
import { html } from '../http/responses.ts';
import { translate } from '../i18n/messages.ts';
import { getMeetingOverview } from '../meetings/index.ts';
import { homePage, pageLang } from '../pages/registration.ts';
import { renderPage } from '../pages/render.ts';
import { routeFor } from '../routes.ts';

export const handler = httpHandler(routeFor('GET /'), async ({ query, event }) => {
  const lang = pageLang(query, undefined, event.headers?.['accept-language']);
  const overview = await getMeetingOverview(meetingsDeps());
  return html(200, renderPage('home', { title: translate(lang, 'home.title'), ...homePage(overview, lang) }));
});
