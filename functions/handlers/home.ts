import { meetingsDeps } from '../adapters/wiring/meetings.ts';
import { httpHandler } from '../http/handler.ts';
import { html } from '../http/responses.ts';
import { getMeetingOverview, type Meeting } from '../meetings/index.ts';
import { describeWhen, formatName } from '../meetings/when.ts';
import { renderPage } from '../pages/render.ts';
import { routeFor } from '../routes.ts';

const summary = (meeting: Meeting) => ({
  meetingId: meeting.meetingId,
  title: meeting.title,
  when: describeWhen(meeting),
  format: formatName(meeting.format),
});

export const handler = httpHandler(routeFor('GET /'), async () => {
  const { upcoming, past } = await getMeetingOverview(meetingsDeps());
  return html(200, renderPage('home', { title: 'Meetings', upcoming: upcoming.map(summary), past: past.map(summary) }));
});
