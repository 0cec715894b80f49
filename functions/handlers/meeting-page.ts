import { meetingsDeps } from '../adapters/wiring.ts';
import { httpHandler } from '../http/handler.ts';
import { html } from '../http/responses.ts';
import { getMeeting } from '../meetings/index.ts';
import { describeWhen, FORMAT_NAMES } from '../meetings/when.ts';
import { renderPage } from '../pages/render.ts';
import { routeFor } from '../routes.ts';

let languageNames: Intl.DisplayNames | undefined;
const languageName = (code: string) => {
  languageNames ??= new Intl.DisplayNames(['en'], { type: 'language' });
  return languageNames.of(code) ?? code;
};

export const handler = httpHandler(routeFor('GET /meetings/{meetingId}'), async ({ params }) => {
  const meeting = await getMeeting(meetingsDeps(), params.meetingId ?? '');
  return html(
    200,
    renderPage('meeting', {
      title: meeting.title,
      meeting,
      when: describeWhen(meeting),
      format: FORMAT_NAMES[meeting.format],
      languages: meeting.languages.map(languageName),
    }),
  );
});
