import { circularsDeps } from '../adapters/wiring/circulars.ts';
import { meetingsDeps } from '../adapters/wiring/meetings.ts';
import { circularLanguages, createCircularDraft, listCirculars } from '../circulars/operations.ts';
import { ValidationError } from '../errors.ts';
import { httpHandler } from '../http/handler.ts';
import { html } from '../http/responses.ts';
import { listAllMeetings } from '../meetings/index.ts';
import { circularDraftFromForm, circularsPage } from '../pages/console.ts';
import { renderPage } from '../pages/render.ts';
import { routeFor } from '../routes.ts';

/** The new-circular form: a draft (from a meeting, or blank), then its editor. */
export const handler = httpHandler(routeFor('POST /console/circulars'), async ({ body, identity }) => {
  const fields = (body ?? {}) as Record<string, unknown>;
  try {
    const circular = await createCircularDraft(circularsDeps(), circularDraftFromForm(fields));
    return {
      statusCode: 303,
      headers: { location: `/console/circulars/${encodeURIComponent(circular.circularId)}` },
      body: '',
    };
  } catch (error) {
    if (!(error instanceof ValidationError)) throw error;
    const [circulars, meetings] = await Promise.all([listCirculars(circularsDeps()), listAllMeetings(meetingsDeps())]);
    const errors = error.extensions.errors as Record<string, string>;
    const page = circularsPage({
      circulars,
      meetings,
      languages: circularLanguages(),
      identity,
      values: fields,
      errors: Object.fromEntries(Object.entries(errors).map(([key, message]) => [key.split('.')[0] ?? key, message])),
    });
    return html(400, renderPage('console-circulars', page));
  }
});
