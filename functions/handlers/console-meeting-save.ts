import { meetingAdminDeps } from '../adapters/wiring/meeting-admin.ts';
import { meetingsDeps } from '../adapters/wiring/meetings.ts';
import { ConflictError, ValidationError } from '../errors.ts';
import { httpHandler } from '../http/handler.ts';
import { html } from '../http/responses.ts';
import { getMeeting } from '../meetings/index.ts';
import { createMeeting, updateMeeting } from '../meetings/operations.ts';
import { meetingEditorPage, meetingInputFromForm } from '../pages/console.ts';
import { renderPage } from '../pages/render.ts';
import { routeFor } from '../routes.ts';

/** Creates (POST /console/meetings) or saves (POST /console/meetings/{id}); errors come back in the form. */
export const handler = httpHandler(
  routeFor('POST /console/meetings/{meetingId}'),
  async ({ params, body, identity }) => {
    const fields = (body ?? {}) as Record<string, unknown>;
    const existingId = params.meetingId;
    // The id of a saved meeting is its address, not a field of the change.
    const { meetingId: _id, ...changes } = meetingInputFromForm(fields);
    const input = existingId ? changes : meetingInputFromForm(fields);
    try {
      const saved = existingId
        ? await updateMeeting(meetingAdminDeps(), existingId, input)
        : await createMeeting(meetingAdminDeps(), input);
      return {
        statusCode: 303,
        headers: { location: `/console/meetings/${encodeURIComponent(saved.meetingId)}?saved=1` },
        body: '',
      };
    } catch (error) {
      if (!(error instanceof ValidationError) && !(error instanceof ConflictError)) throw error;
      const meeting = existingId ? await getMeeting(meetingsDeps(), existingId) : undefined;
      const errors =
        error instanceof ValidationError || error.extensions.errors
          ? (error.extensions.errors as Record<string, string>)
          : { version: 'Someone else saved this meeting meanwhile: reload it, then apply your change again.' };
      return html(
        error.statusCode,
        renderPage('console-meeting', meetingEditorPage({ meeting, identity, values: fields, errors })),
      );
    }
  },
);
