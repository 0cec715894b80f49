import { deps } from '../adapters/wiring.ts';
import { httpHandler } from '../http/handler.ts';
import { html } from '../http/responses.ts';
import { getMeeting } from '../meetings/index.ts';
import { describeWhen, FORMAT_NAMES } from '../meetings/when.ts';
import { renderPage } from '../pages/render.ts';
import { routeFor } from '../routes.ts';

const LANGUAGE_NAMES = new Intl.DisplayNames(['en'], { type: 'language' });

export const handler = httpHandler(routeFor('GET /meetings/{meetingId}'), async ({ params }) => {
  const meeting = await getMeeting(deps().meetings, params.meetingId ?? '');
  return html(
    200,
    renderPage('meeting', {
      title: meeting.title,
      meeting,
      when: describeWhen(meeting),
      format: FORMAT_NAMES[meeting.format],
      languages: meeting.languages.map((code) => LANGUAGE_NAMES.of(code) ?? code),
    }),
  );
});
